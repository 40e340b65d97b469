import Benchmarks
import SearchSpaces

/// Which table a run queried, precisely enough that a restart against another table (a different
/// file, a changed column) is refused: name, size, metrics and a fingerprint of the cells and their
/// values.
public struct TableIdentity: Codable, Equatable, Sendable {
  public var name: String
  public var cells: Int
  public var searchMetric: String
  @ExplicitNull public var reportMetric: String?
  /// `TabularBenchmark.fingerprint`: FNV-1a over every cell's text and its search and report values.
  public var fingerprint: String

  enum CodingKeys: String, CodingKey {
    case name, cells, fingerprint
    case searchMetric = "search_metric"
    case reportMetric = "report_metric"
  }

  init(name: String, cells: Int, searchMetric: String, reportMetric: String?, fingerprint: String) {
    self.name = name
    self.cells = cells
    self.searchMetric = searchMetric
    self.reportMetric = reportMetric
    self.fingerprint = fingerprint
  }

  public init<Space: SearchSpace>(_ benchmark: TabularBenchmark<Space>) {
    name = benchmark.name
    cells = benchmark.count
    searchMetric = benchmark.searchMetric
    reportMetric = benchmark.reportMetric
    fingerprint = benchmark.fingerprint
  }
}

extension TableIdentity {
  /// The identity of a run without a table: the user's evaluations of the whole space.
  public init<Space: SearchSpace>(ownEvaluationsOf space: Space) {
    self.init(name: "\(space.name) (own evaluations)", cells: 0, searchMetric: "value", reportMetric: "report",
              fingerprint: TableIdentity.ownEvaluationsFingerprint)
  }

  static let ownEvaluationsFingerprint = "none"

  /// Whether the run had no table: its optimum is the best cell any trial found.
  public var isOwnEvaluations: Bool { fingerprint == TableIdentity.ownEvaluationsFingerprint }
}
