import Benchmarks
import SearchSpaces

/// What the best a search could find in a table is: the cell with the best search metric (the
/// first in table order among equals) and its report metric.
public struct TableOptimum<Cell: Hashable & Codable & Sendable>: Sendable {
  public let cell: Cell
  public let bestValid: Double
  /// The report metric of `cell`; nil when the table has no report metric.
  public let testOfBestValid: Double?
  /// How many cells share the best search metric (a search that finds any of them has found the
  /// best validation).
  public let cellsAtBestValid: Int
  /// The best report metric anywhere in the table (nil when the table has none).
  public let bestTest: Double?

  public init<Space: SearchSpace>(_ benchmark: TabularBenchmark<Space>) throws where Space.Cell == Cell {
    guard !benchmark.cells.isEmpty else { throw InputError("the table is empty", file: benchmark.source) }
    var best: (cell: Cell, value: Double)?
    var ties = 0
    var bestReport: Double?
    for cell in benchmark.cells {
      if let value = benchmark.searchValue(of: cell) {
        if best == nil || value > best!.value {
          best = (cell, value)
          ties = 1
        } else if value == best!.value {
          ties += 1
        }
      }
      if benchmark.hasReportMetric, let report = benchmark.reportValue(of: cell) {
        bestReport = max(bestReport ?? report, report)
      }
    }
    guard let best else {
      throw InputError("no cell has a value of '\(benchmark.searchMetric)'", file: benchmark.source)
    }
    cell = best.cell
    bestValid = best.value
    testOfBestValid = benchmark.hasReportMetric ? benchmark.reportValue(of: best.cell) : nil
    cellsAtBestValid = ties
    bestTest = bestReport
  }
}
