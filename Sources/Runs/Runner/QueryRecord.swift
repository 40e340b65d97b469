/// One query of a trial: the cell, the search metric the optimizer was told, and the round (ask)
/// it came from.
public struct QueryRecord<Cell: Codable & Hashable & Sendable>: Codable, Equatable, Sendable {
  public var cell: Cell
  public var value: Double
  /// 0-based index of the ask that proposed the cell.
  public var round: Int
  /// The requested cost columns the table has for this cell (absent when no costs were requested;
  /// a column the table lacks for the cell is left out, never 0).
  public var costs: [String: Double]?
  /// Ask/tell runs: why the evaluation failed, as the user told it ("" when no reason was given);
  /// absent for a successful one. `value` is then the failure value the method was told.
  public var failure: String?

  public init(cell: Cell, value: Double, round: Int, costs: [String: Double]? = nil, failure: String? = nil) {
    self.cell = cell
    self.value = value
    self.round = round
    self.costs = costs
    self.failure = failure
  }
}

/// One round (ask + tell) of a trial: how many cells it asked, and what the optimizer reported
/// about it (`Optimizer.roundStatistics`).
public struct RoundRecord: Codable, Equatable, Sendable {
  public var cells: Int
  public var statistics: [String: Double]

  public init(cells: Int, statistics: [String: Double]) {
    self.cells = cells
    self.statistics = statistics
  }
}
