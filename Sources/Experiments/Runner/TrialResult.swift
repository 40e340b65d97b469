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

extension TrialResult {
  /// The result of a query record: trajectory, best cell, queries to the optimum.
  ///
  /// - Parameters:
  ///   - optimumValue: the best search metric of the domain, when known (a table's); nil leaves
  ///     `queries_to_best_valid` null.
  ///   - reportValue: the report metric of the query at an index (its cell given), or nil.
  public init(progress: TrialProgress<Cell>, method: String, reportPoints points: [Int], optimumValue: Double?,
              reportValue: (_ query: Int, _ cell: Cell) -> Double?) {
    var best: BestCell<Cell>?
    var queriesToBestValid: Int?
    var trajectory: [TrajectoryPoint] = []
    var nextPoint = 0
    func report(_ queries: Int) {
      guard let best else { return }
      trajectory.append(TrajectoryPoint(queries: queries, bestValid: best.valid, testOfBestValid: best.test))
    }
    for (index, record) in progress.queries.enumerated() {
      if best == nil || record.value > best!.valid {
        best = BestCell(cell: record.cell, valid: record.value, test: reportValue(index, record.cell), query: index + 1)
        if let optimumValue, queriesToBestValid == nil && record.value >= optimumValue { queriesToBestValid = index + 1 }
      }
      while nextPoint < points.count && points[nextPoint] == index + 1 {
        report(points[nextPoint])
        nextPoint += 1
      }
    }
    // A trial that ran out of cells keeps its last best for the remaining report points.
    while nextPoint < points.count {
      report(points[nextPoint])
      nextPoint += 1
    }
    self.init(trial: progress.trial, seed: progress.seed, method: method, queries: progress.queries,
              rounds: progress.rounds, trajectory: trajectory, best: best, queriesToBestValid: queriesToBestValid)
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
