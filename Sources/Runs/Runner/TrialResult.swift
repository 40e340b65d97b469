import Methods
import Optimization

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
  /// The reported cell at the end: the best cell found (best search metric, the first queried
  /// among equals; or the method's own choice, `ReportRule`) or, in hardware-aware search, the
  /// cell the cost objective picks.
  @ExplicitNull public var best: BestCell<Cell>?
  /// The number of queries after which the trial held a cell with the table's best search metric;
  /// nil when it never did.
  @ExplicitNull public var queriesToBestValid: Int?
  /// Hardware-aware search only: the Pareto front of the queried cells and its hypervolume.
  public var pareto: QueriedFront<Cell>?

  public init(trial: Int, seed: UInt64, method: String, queries: [QueryRecord<Cell>], rounds: [RoundRecord],
              trajectory: [TrajectoryPoint], best: BestCell<Cell>?, queriesToBestValid: Int?,
              pareto: QueriedFront<Cell>? = nil) {
    self.trial = trial
    self.seed = seed
    self.method = method
    self.queries = queries
    self.rounds = rounds
    self.trajectory = trajectory
    self.best = best
    self.queriesToBestValid = queriesToBestValid
    self.pareto = pareto
  }

  enum CodingKeys: String, CodingKey {
    case trial, seed, method, queries, rounds, trajectory, best, pareto
    case queriesToBestValid = "queries_to_best_valid"
  }
}

extension TrialResult {
  /// The result of a query record: trajectory, reported cell, queries to the optimum and, with a
  /// cost objective, the Pareto front of the queries.
  ///
  /// - Parameters:
  ///   - optimumValue: the best search metric of the domain (within the bound, with an objective),
  ///     when known (a table's); nil leaves `queries_to_best_valid` null.
  ///   - objective: hardware-aware search: the reported cell is the one it picks
  ///     (`CostObjective.reportedIndex`) and every query must have its cost.
  ///   - reference: the hypervolume reference point (with an objective).
  ///   - rule: without an objective, which query is reported (the method's `reportRule`).
  ///   - reportValue: the report metric of the cell of a 0-based query index.
  public init(progress: TrialProgress<Cell>, method: String, reportPoints points: [Int], optimumValue: Double?,
              objective: CostObjective? = nil, reference: HypervolumeReference? = nil, rule: ReportRule = .bestValue,
              reportValue: (_ query: Int, _ cell: Cell) -> Double?) {
    let queries = progress.queries
    func cost(_ record: QueryRecord<Cell>) -> Double? { objective.map { record.costs?[$0.column] ?? .infinity } }
    func feasible(_ record: QueryRecord<Cell>) -> Bool { objective.map { $0.isFeasible(cost(record)!) } ?? true }
    /// The index of the reported cell among the first `count` queries.
    func reported(among count: Int) -> Int? {
      let prefix = queries.prefix(count)
      guard let objective else { return rule.reportedIndex(values: prefix.map(\.value), costs: prefix.map(\.costs)) }
      return objective.reportedIndex(accuracies: prefix.map(\.value), costs: prefix.map { cost($0)! })
    }
    func bestCell(_ index: Int) -> BestCell<Cell> {
      let record = queries[index]
      return BestCell(cell: record.cell, valid: record.value, test: reportValue(index, record.cell), query: index + 1,
                      cost: cost(record))
    }
    // A trial that ran out of cells keeps its last reported cell for the remaining report points.
    let trajectory = points.compactMap { point -> TrajectoryPoint? in
      guard let index = reported(among: min(point, queries.count)) else { return nil }
      let best = bestCell(index)
      return TrajectoryPoint(queries: point, bestValid: best.valid, testOfBestValid: best.test, costOfReported: best.cost)
    }
    let queriesToBestValid = optimumValue.flatMap { optimum in
      queries.firstIndex { $0.value >= optimum && feasible($0) }.map { $0 + 1 }
    }
    var pareto: QueriedFront<Cell>?
    if let objective, let reference {
      pareto = QueriedFront(queries: queries, column: objective.column, reference: reference)
    }
    self.init(trial: progress.trial, seed: progress.seed, method: method, queries: queries, rounds: progress.rounds,
              trajectory: trajectory, best: reported(among: queries.count).map(bestCell),
              queriesToBestValid: queriesToBestValid, pareto: pareto)
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
  /// Its value of the objective's cost column (hardware-aware search only).
  public var cost: Double?

  public init(cell: Cell, valid: Double, test: Double?, query: Int, cost: Double? = nil) {
    self.cell = cell
    self.valid = valid
    self.test = test
    self.query = query
    self.cost = cost
  }
}
