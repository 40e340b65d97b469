/// The three operations of a NAS-Bench-101 interior node.
///
/// Raw values are the digit codes of the shared tables' `ops` column, which are also the label
/// indices NAS-Bench-101's fingerprint uses (the order of the official `available_ops`).
/// AG-Net's node types order them differently (`nodeType`).
public enum NASBench101Op: Int, CaseIterable, Codable, Sendable, Comparable {
  case conv3x3 = 0
  case conv1x1 = 1
  case maxPool3x3 = 2

  /// The official operation name.
  public var name: String {
    switch self {
    case .conv3x3: return "conv3x3-bn-relu"
    case .conv1x1: return "conv1x1-bn-relu"
    case .maxPool3x3: return "maxpool3x3"
    }
  }

  public init?(name: String) {
    guard let op = NASBench101Op.allCases.first(where: { $0.name == name }) else { return nil }
    self = op
  }

  /// The AG-Net node type (method document §1: output, input, conv1x1-bn-relu, conv3x3-bn-relu,
  /// maxpool3x3).
  public var nodeType: Int {
    switch self {
    case .conv1x1: return 2
    case .conv3x3: return 3
    case .maxPool3x3: return 4
    }
  }

  public init?(nodeType: Int) {
    switch nodeType {
    case 2: self = .conv1x1
    case 3: self = .conv3x3
    case 4: self = .maxPool3x3
    default: return nil
    }
  }

  /// The table digit, as an ASCII byte.
  var digit: Character { Character(Unicode.Scalar(UInt8(ascii: "0") + UInt8(rawValue))) }

  public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}
