/// Everything a finished trial produced, as stored in `trial-<t>.json`. Wall-clock time is kept
/// apart (`timing.json`) so that this file is the same bit for bit however the trial was run.
public struct TrialResult<Cell: Codable & Hashable & Sendable>: Codable, Equatable, Sendable {
  public var trial: Int
  public var seed: UInt64
  public var method: String
  /// Every queried cell, in query order.
  public var queries: [QueryRecord<Cell>]
  public var rounds: [RoundRecord]
  public var trajectory: [TrajectoryPoint]
  /// The best cell found (best search metric, the first queried among equals).
  @ExplicitNull public var best: BestCell<Cell>?
  /// The number of queries after which the trial held a cell with the table's best search metric;
  /// nil when it never did.
  @ExplicitNull public var queriesToBestValid: Int?

  public init(trial: Int, seed: UInt64, method: String, queries: [QueryRecord<Cell>], rounds: [RoundRecord],
              trajectory: [TrajectoryPoint], best: BestCell<Cell>?, queriesToBestValid: Int?) {
    self.trial = trial
    self.seed = seed
    self.method = method
    self.queries = queries
    self.rounds = rounds
    self.trajectory = trajectory
    self.best = best
    self.queriesToBestValid = queriesToBestValid
  }

  enum CodingKeys: String, CodingKey {
    case trial, seed, method, queries, rounds, trajectory, best
    case queriesToBestValid = "queries_to_best_valid"
  }
}

/// The best cell of a trial.
public struct BestCell<Cell: Codable & Hashable & Sendable>: Codable, Equatable, Sendable {
  public var cell: Cell
  public var valid: Double
  /// Its report metric (nil when the table has none).
  @ExplicitNull public var test: Double?
  /// 1-based query index at which it was found.
  public var query: Int

  public init(cell: Cell, valid: Double, test: Double?, query: Int) {
    self.cell = cell
    self.valid = valid
    self.test = test
    self.query = query
  }
}
