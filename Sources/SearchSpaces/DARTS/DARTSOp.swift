/// The seven operations of a DARTS edge (DARTS's `PRIMITIVES` without `none`, which a derived
/// genotype never holds), in DARTS's order.
public enum DARTSOp: Int, CaseIterable, Codable, Sendable, Comparable {
  case maxPool3x3 = 0
  case avgPool3x3
  case skipConnect
  case sepConv3x3
  case sepConv5x5
  case dilConv3x3
  case dilConv5x5

  /// The name in genotype text.
  public var name: String {
    switch self {
    case .maxPool3x3: return "max_pool_3x3"
    case .avgPool3x3: return "avg_pool_3x3"
    case .skipConnect: return "skip_connect"
    case .sepConv3x3: return "sep_conv_3x3"
    case .sepConv5x5: return "sep_conv_5x5"
    case .dilConv3x3: return "dil_conv_3x3"
    case .dilConv5x5: return "dil_conv_5x5"
    }
  }

  public init?(name: String) {
    guard let op = DARTSOp.allCases.first(where: { $0.name == name }) else { return nil }
    self = op
  }

  /// The AG-Net node type: the published `NODE_OP_PRIMITIVES` order (output, input, input_1,
  /// identity, then these seven).
  public var nodeType: Int { rawValue + DARTSOp.firstNodeType }

  public init?(nodeType: Int) { self.init(rawValue: nodeType - DARTSOp.firstNodeType) }

  static let firstNodeType = 4

  public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}
