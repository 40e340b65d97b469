import Foundation
import SearchSpaces

/// What `agnet benchmark info` prints: size, the metrics with how many cells have each, and the
/// optimum. Built from any table; `text` is the printed form.
public struct BenchmarkSummary: Sendable {
  public enum Role: String, Sendable {
    case search = "search metric"
    case report = "report metric"
    case cost = "cost"
    case identifier = "identifier"
  }

  public struct Column: Sendable {
    public var name: String
    public var role: Role
    /// Cells with a value (the others are missing).
    public var count: Int
    public var minimum: Double?
    public var maximum: Double?
  }

  /// One cell of the optimum, already formatted.
  public struct BestCell: Sendable {
    public var cell: String
    public var index: Int?
    public var searchValue: Double
    public var reportValue: Double
  }

  public var name: String
  public var source: String
  public var cellCount: Int
  public var searchMetric: String
  public var reportMetric: String?
  /// Search and report metric first, then identifier and costs in table order.
  public var columns: [Column]
  public var bestBySearch: [BestCell]
  public var bestByReport: [BestCell]
  public var notes: [String]

  public init<Space: SearchSpace>(_ benchmark: TabularBenchmark<Space>) {
    name = benchmark.name
    source = benchmark.source
    cellCount = benchmark.count
    searchMetric = benchmark.searchMetric
    reportMetric = benchmark.reportMetric
    notes = benchmark.notes
    func role(_ name: String) -> Role {
      if name == benchmark.searchMetric { return .search }
      if name == benchmark.reportMetric { return .report }
      return name == TableSchema.indexColumn ? .identifier : .cost
    }
    let ordered = [benchmark.searchMetric] + (benchmark.reportMetric.map { [$0] } ?? [])
      + benchmark.columnNames.filter { role($0) != .search && role($0) != .report }
    columns = ordered.map { name in
      let values = (try? benchmark.column(name))?.filter { !$0.isNaN } ?? []
      return Column(name: name, role: role(name), count: values.count, minimum: values.min(), maximum: values.max())
    }
    let indices = try? benchmark.column(TableSchema.indexColumn)
    func best(_ entries: [BenchmarkOptimum<Space.Cell>.Entry]) -> [BestCell] {
      entries.map { entry in
        BestCell(cell: Self.describe(entry.cell, in: benchmark.space),
                 index: indices.flatMap { values in benchmark.row(of: entry.cell).map { Int(values[$0]) } },
                 searchValue: entry.searchValue, reportValue: entry.reportValue)
      }
    }
    let optimum = benchmark.optimum
    bestBySearch = best(optimum?.bestBySearch ?? [])
    bestByReport = best(optimum?.bestByReport ?? [])
  }

  /// The printed form, one fact a line.
  public var text: String {
    var lines = ["\(name): \(Self.grouped(cellCount)) cells, read from \(source)"]
    let width = columns.map(\.name.count).max() ?? 0
    lines.append("columns (cells with a value, range):")
    for column in columns {
      let label = column.role == .cost ? "cost (--cost)" : column.role.rawValue
      let range = column.minimum.map { "\(Self.number($0)) … \(Self.number(column.maximum!))" } ?? "-"
      lines.append("  \(column.name.padding(toLength: width, withPad: " ", startingAt: 0))  \(label.padding(toLength: 14, withPad: " ", startingAt: 0))  \(Self.grouped(column.count).leftPadded(6)) cells  \(range)")
    }
    let report = reportMetric ?? searchMetric
    lines.append("optimum:")
    for best in bestBySearch {
      lines.append("  best \(searchMetric): \(Self.number(best.searchValue))\(reportMetric == nil ? "" : ", its \(report) \(Self.number(best.reportValue))")  \(Self.describe(best))")
    }
    if reportMetric != nil {
      for best in bestByReport {
        lines.append("  best \(report) anywhere: \(Self.number(best.reportValue))  \(Self.describe(best))")
      }
    }
    if !notes.isEmpty {
      lines.append("notes:")
      lines += notes.map { "  \($0)" }
    }
    return lines.joined(separator: "\n")
  }

  /// The cell as its table columns: the arch string alone, or `hash=… vertices=…` for a space
  /// identified by several columns.
  static func describe<Space: SearchSpace>(_ cell: Space.Cell, in space: Space) -> String {
    let values = space.cellColumnValues(cell)
    guard values.count > 1 else { return values.first ?? space.format(cell) }
    return zip(space.cellColumns, values).map { "\($0)=\($1)" }.joined(separator: " ")
  }

  static func describe(_ best: BestCell) -> String {
    (best.index.map { "index \($0) " } ?? "") + best.cell
  }

  /// Six significant digits: enough for accuracies in percent (91.6067) and small costs.
  static func number(_ value: Double) -> String { String(format: "%.6g", value) }

  /// 15625 → "15,625".
  static func grouped(_ value: Int) -> String {
    let digits = String(value)
    var result = ""
    for (k, digit) in digits.enumerated() {
      if k > 0 && (digits.count - k) % 3 == 0 { result.append(",") }
      result.append(digit)
    }
    return result
  }
}

extension String {
  func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
