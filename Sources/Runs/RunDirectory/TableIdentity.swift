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
  /// FNV-1a (64 bits, hex) over every cell's text and the bits of its search and report values, in
  /// table order.
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
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    func mix(_ byte: UInt8) {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01B3
    }
    func mix(_ value: Double?) {
      var bits = (value ?? .nan).bitPattern
      for _ in 0..<8 {
        mix(UInt8(truncatingIfNeeded: bits))
        bits >>= 8
      }
    }
    // Columns are in table order, like `cells`: reading them by row spares two hash look-ups a
    // cell (every ask/tell call checks its table this way). A missing value (NaN) hashes as nil.
    let search = try! benchmark.column(benchmark.searchMetric)
    let report = try! benchmark.reportMetric.map(benchmark.column)
    for (row, cell) in benchmark.cells.enumerated() {
      for byte in benchmark.space.format(cell).utf8 { mix(byte) }
      mix(0)
      mix(search[row].isNaN ? nil : search[row])
      mix(report.flatMap { $0[row].isNaN ? nil : $0[row] })
    }
    fingerprint = String(hash, radix: 16)
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
