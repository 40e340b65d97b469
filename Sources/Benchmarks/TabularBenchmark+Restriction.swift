import SearchSpaces

extension TabularBenchmark {
  /// The table without the cells that have no value in `column`: the domain of a search that
  /// needs that cost for every cell it queries (HW-NAS-Bench's Edge GPU, Edge TPU and energy
  /// columns are missing for some cells). The table itself when every cell has a value.
  public func restricted(toCellsWith column: String) throws -> TabularBenchmark<Space> {
    let values = try self.column(column)
    let rows = cells.indices.filter { !values[$0].isNaN }
    guard rows.count < cells.count else { return self }
    guard !rows.isEmpty else { throw InputError("no cell of \(name) has a value of \(InputError.quoted(column))", file: source) }
    var columns: [String: [Double]] = [:]
    for name in columnNames {
      let all = try self.column(name)
      columns[name] = rows.map { all[$0] }
    }
    return try TabularBenchmark(
      space: space, name: name, source: source, cells: rows.map { cells[$0] }, columnNames: columnNames,
      columns: columns, searchMetric: searchMetric, reportMetric: reportMetric,
      notes: notes + ["restricted to the \(BenchmarkSummary.grouped(rows.count)) of \(BenchmarkSummary.grouped(cells.count)) cells that have '\(column)'"])
  }
}
