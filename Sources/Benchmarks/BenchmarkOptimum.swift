import SearchSpaces

/// The best a search could do on a table: the cells with the highest search metric (what a perfect
/// search picks) and their report values, and the cells with the highest report value anywhere.
/// Higher is better for both metrics.
public struct BenchmarkOptimum<Cell: Hashable & Sendable>: Sendable {
  public struct Entry: Sendable {
    public var cell: Cell
    public var searchValue: Double
    /// The report metric's value (the search metric's when the table has no report metric).
    public var reportValue: Double
  }

  public let searchMetric: String
  /// nil when the table has none and report values are search values.
  public let reportMetric: String?
  /// Every cell tied at the highest search value, in table order.
  public let bestBySearch: [Entry]
  /// Every cell tied at the highest report value, in table order.
  public let bestByReport: [Entry]

  public var bestSearchValue: Double { bestBySearch[0].searchValue }
  /// The report value of the best-search cell (the mean over tied cells: what a search that
  /// breaks ties at random reports on average).
  public var reportValueAtBestSearch: Double {
    bestBySearch.reduce(0) { $0 + $1.reportValue } / Double(bestBySearch.count)
  }
  public var bestReportValue: Double { bestByReport[0].reportValue }
}

extension TabularBenchmark {
  /// The table's optimum; cells without a search or report value take no part (nil when no cell
  /// has both, which the catalogue's loaders never return). Computed on demand.
  public var optimum: BenchmarkOptimum<Space.Cell>? { optimum(amongRows: { _ in true }) }

  /// The optimum over the rows `include` accepts (e.g. the cells within a cost bound); nil when
  /// none of them has both values.
  public func optimum(amongRows include: (Int) -> Bool) -> BenchmarkOptimum<Space.Cell>? {
    let search = try! column(searchMetric)
    let report = try! column(reportMetric ?? searchMetric)
    let rows = cells.indices.filter { include($0) && !search[$0].isNaN && !report[$0].isNaN }
    var bestSearch = -Double.infinity, bestReport = -Double.infinity
    for row in rows {
      bestSearch = max(bestSearch, search[row])
      bestReport = max(bestReport, report[row])
    }
    var bySearch: [BenchmarkOptimum<Space.Cell>.Entry] = []
    var byReport: [BenchmarkOptimum<Space.Cell>.Entry] = []
    for row in rows {
      let entry = BenchmarkOptimum<Space.Cell>.Entry(cell: cells[row], searchValue: search[row], reportValue: report[row])
      if search[row] == bestSearch { bySearch.append(entry) }
      if report[row] == bestReport { byReport.append(entry) }
    }
    guard !bySearch.isEmpty else { return nil }
    return BenchmarkOptimum(searchMetric: searchMetric, reportMetric: reportMetric,
                            bestBySearch: bySearch, bestByReport: byReport)
  }
}
