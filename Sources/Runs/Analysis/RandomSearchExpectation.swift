import Benchmarks
import SearchSpaces

/// The exact expected result of random search on a table: `k` distinct cells drawn uniformly
/// without replacement from the `N` cells of the domain.
///
/// With the search values sorted ascending, v₍₁₎ ≤ … ≤ v₍N₎, the best of the k draws is the i-th
/// with probability pᵢ = C(i−1, k−1) / C(N, k) (the best draw has rank i and the other k−1 are
/// among the i−1 below it), so E[max] = Σ pᵢ·v₍ᵢ₎. The pᵢ are computed from the top, p_N = k/N and
/// p_{i−1} = pᵢ·(i−k)/(i−1), with no factorials to overflow. Ties do not change the maximum; for
/// the report metric of the best cell, a group of cells tied on the search metric is chosen from
/// uniformly (the first drawn of them is any one with equal chance), so the group contributes its
/// probability times its mean report value.
public struct RandomSearchExpectation: Sendable {
  /// Search values ascending, with the report values in the same order (nil: no report metric).
  private let search: [Double]
  private let report: [Double]?

  /// `report`, when given, has one value per search value, in the same order.
  public init(searchValues: [Double], reportValues: [Double]? = nil) throws {
    guard !searchValues.isEmpty else { throw InputError("random-search expectation of an empty table") }
    if let reportValues, reportValues.count != searchValues.count {
      throw InputError("random-search expectation: \(reportValues.count) report values for \(searchValues.count) cells")
    }
    let order = searchValues.indices.sorted { searchValues[$0] < searchValues[$1] }
    search = order.map { searchValues[$0] }
    report = reportValues.map { values in order.map { values[$0] } }
  }

  /// The expectation over the cells of a table.
  public init<Space: SearchSpace>(benchmark: TabularBenchmark<Space>) throws {
    var search: [Double] = []
    var report: [Double] = []
    for cell in benchmark.cells {
      guard let value = benchmark.searchValue(of: cell) else { continue }
      search.append(value)
      if benchmark.hasReportMetric {
        guard let test = benchmark.reportValue(of: cell) else {
          throw InputError("cell \(benchmark.space.format(cell)) has no \(InputError.quoted(benchmark.reportMetric!))", file: benchmark.source)
        }
        report.append(test)
      }
    }
    try self.init(searchValues: search, reportValues: benchmark.hasReportMetric ? report : nil)
  }

  public var count: Int { search.count }

  /// P(the best of k draws has rank i), for i = 1…N (ascending ranks), as an array indexed i − 1.
  func rankProbabilities(_ k: Int) -> [Double] {
    let n = search.count
    precondition((1...n).contains(k), "draws must be between 1 and the number of cells")
    var p = [Double](repeating: 0, count: n)
    p[n - 1] = Double(k) / Double(n)
    var i = n
    while i > k {
      p[i - 2] = p[i - 1] * Double(i - k) / Double(i - 1)
      i -= 1
    }
    return p
  }

  /// E[best search value after k distinct uniform draws].
  public func expectedBestValid(after k: Int) -> Double {
    let p = rankProbabilities(min(k, count))
    var sum = 0.0
    for i in stride(from: count - 1, through: 0, by: -1) { sum += p[i] * search[i] }
    return sum
  }

  /// E[report value of the cell with the best search value after k draws]; nil without a report
  /// metric.
  public func expectedTestOfBestValid(after k: Int) -> Double? {
    guard let report else { return nil }
    let p = rankProbabilities(min(k, count))
    var sum = 0.0
    forEachTieGroup { range in
      let probability = range.reduce(0) { $0 + p[$1] }
      let meanReport = range.reduce(0) { $0 + report[$1] } / Double(range.count)
      sum += probability * meanReport
    }
    return sum
  }

  /// P(the k draws include a cell with the table's best search value).
  public func probabilityOfFindingBestValid(after k: Int) -> Double {
    let p = rankProbabilities(min(k, count))
    var sum = 0.0
    var i = count - 1
    while i >= 0 && search[i] == search[count - 1] {
      sum += p[i]
      i -= 1
    }
    return sum
  }

  private func forEachTieGroup(_ body: (Range<Int>) -> Void) {
    var start = 0
    while start < search.count {
      var end = start + 1
      while end < search.count && search[end] == search[start] { end += 1 }
      body(start..<end)
      start = end
    }
  }
}
