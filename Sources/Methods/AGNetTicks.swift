/// AG-Net's `ticks` (epochs of |D| weighted draws per round): `auto` follows the space's
/// published value (30 on NAS-Bench-201, 15 on NAS-Bench-101, 1 on DARTS).
public enum AGNetTicks: SettingValue {
  case auto
  case epochs(Int)

  public init?(settingText text: String) {
    if text == "auto" {
      self = .auto
    } else if let epochs = Int(text) {
      self = .epochs(epochs)
    } else {
      return nil
    }
  }

  public var settingText: String {
    switch self {
    case .auto: return "auto"
    case .epochs(let epochs): return String(epochs)
    }
  }

  public static var kindName: String { "an integer or auto" }

  /// `auto`, or at least one epoch.
  static let rule = ValueRule<AGNetTicks>("at least 1") {
    if case .epochs(let epochs) = $0 { return epochs >= 1 }
    return true
  }
}
