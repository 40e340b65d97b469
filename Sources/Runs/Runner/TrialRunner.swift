import Benchmarks
import Foundation
import Methods
import Optimization
import SearchSpaces

/// Runs an optimizer against a tabular benchmark for a query budget: asks for cells, looks up their
/// search metric (and the run's cost columns), tells the optimizer, and records every query in order.
///
/// The optimizer never sees the benchmark; the runner holds it and reads the report metric only to
/// build the trajectory. The runner checks the ask/tell contract: a cell asked twice, or one the
/// table cannot score, is an error naming the method, not a silent skip.
///
/// With a cost objective (`TrialSettings.objective`) the table is restricted to the cells that have
/// the cost, the optimum is the best cell within the bound, and the reported cell is the one the
/// objective picks; every method, aware of costs or not, is judged the same way.
public final class TrialRunner<Space: SearchSpace>: @unchecked Sendable {
  public let benchmark: TabularBenchmark<Space>
  public let settings: TrialSettings
  /// Computed once: the table's best search metric decides when a trial has found the optimum. In
  /// hardware-aware search, the best cell within the cost bound.
  public let optimum: BenchmarkOptimum<Space.Cell>
  /// Hardware-aware search only: the table's own front, and the reference point of hypervolumes.
  public let tableFront: TableFront?

  /// Test hook: asked after each ask and each tell; returning true stops the trial there with
  /// `TrialInterrupted`, as a kill would.
  var interruption: (@Sendable (TrialEvent) -> Bool)?

  public init(benchmark: TabularBenchmark<Space>, settings: TrialSettings) throws {
    try settings.validate()
    try benchmark.requireCostColumns(settings.costs)
    self.settings = settings
    guard let objective = settings.objective else {
      self.benchmark = benchmark
      guard let optimum = benchmark.optimum else {
        throw InputError("no cell has a value of \(InputError.quoted(benchmark.searchMetric))", file: benchmark.source)
      }
      self.optimum = optimum
      tableFront = nil
      try checkBudget()
      return
    }
    // A cell without the objective's cost cannot be judged: it is not in the table for this search.
    let table = try benchmark.restricted(toCellsWith: objective.column)
    let costs = try table.column(objective.column)
    guard let optimum = table.optimum(amongRows: { objective.isFeasible(costs[$0]) }) else {
      throw InputError("no cell of \(table.name) has \(objective.column) ≤ \(objective.maxCost ?? .infinity) "
        + "(the lowest is \(costs.min() ?? .nan))", file: table.source)
    }
    self.benchmark = table
    self.optimum = optimum
    tableFront = try TableFront(benchmark: table, objective: objective)
    try checkBudget()
  }

  /// A budget beyond the table's cells could never be spent: refused up front (it made random
  /// search spin on an exhausted table and summaries claim queries never made).
  private func checkBudget() throws {
    guard settings.budget <= benchmark.cells.count else {
      throw UsageError("--budget \(settings.budget) is more than the \(benchmark.cells.count) cells of \(benchmark.name)"
        + (settings.objective.map { " that have \($0.column)" } ?? ""))
    }
  }

  /// Runs one trial to its budget (or until the optimizer has nothing left to propose).
  ///
  /// - Parameters:
  ///   - resuming: the progress saved with the optimizer's state, when continuing a trial; the
  ///     caller has already restored the optimizer.
  ///   - checkpoint: called after every tell with the progress and `optimizer.saveState()`.
  ///   - observe: called after every tell (progress displays).
  ///   - rule: which query the result reports without a cost objective (the method's `reportRule`).
  public func run(_ optimizer: any Optimizer<Space>, method: String, trial: Int, seed: UInt64,
                  rule: ReportRule = .bestValue, resuming: TrialProgress<Space.Cell>? = nil,
                  checkpoint: ((TrialProgress<Space.Cell>, Data) throws -> Void)? = nil,
                  observe: ((TrialProgress<Space.Cell>) -> Void)? = nil) throws -> TrialResult<Space.Cell> {
    var progress = resuming ?? TrialProgress(trial: trial, seed: seed)
    var queried = Set<Space.Cell>()
    for record in progress.queries {
      // Replaying the recorded queries proves the table is the same.
      guard benchmark.searchValue(of: record.cell) == record.value, queried.insert(record.cell).inserted else {
        throw InputError("the saved progress of trial \(trial) does not match the table \(benchmark.name)")
      }
    }
    while progress.queries.count < settings.budget {
      let round = progress.rounds.count
      let limit = min(settings.batchSize, settings.budget - progress.queries.count)
      let asked = try optimizer.ask(limit: limit)
      if asked.isEmpty { break } // the domain is exhausted
      if interruption?(.asked(round: round)) == true { throw TrialInterrupted() }
      guard asked.count <= limit else {
        throw InputError("method \(method) returned \(asked.count) cells for an ask of \(limit)")
      }
      var evaluations: [Evaluation<Space.Cell>] = []
      evaluations.reserveCapacity(asked.count)
      for cell in asked {
        guard queried.insert(cell).inserted else {
          throw InputError("method \(method) proposed \(benchmark.space.format(cell)) again (trial \(trial), round \(round))")
        }
        guard let value = benchmark.searchValue(of: cell) else {
          throw InputError("method \(method) proposed \(benchmark.space.format(cell)), which \(benchmark.name) cannot score")
        }
        let costs = settings.costs.isEmpty ? nil : availableCosts(of: cell)
        evaluations.append(Evaluation(cell: cell, value: value, costs: costs ?? [:]))
        progress.queries.append(QueryRecord(cell: cell, value: value, round: round, costs: costs))
      }
      try optimizer.tell(evaluations)
      progress.rounds.append(RoundRecord(cells: asked.count, statistics: optimizer.roundStatistics))
      if let checkpoint { try checkpoint(progress, try optimizer.saveState()) }
      observe?(progress)
      if interruption?(.told(round: round)) == true { throw TrialInterrupted() }
    }
    return result(of: progress, method: method, rule: rule)
  }

  /// Brings a fresh optimizer to where a recorded trial ended, by asking it again round by round
  /// and telling it the recorded results: how a finished trial of a grown run continues. The
  /// method must propose the recorded cells again (same seed, same answers); a method that does
  /// not is an error naming the round.
  public func replay(_ progress: TrialProgress<Space.Cell>, into optimizer: any Optimizer<Space>, method: String) throws {
    var start = 0
    for (round, record) in progress.rounds.enumerated() {
      let recorded = progress.queries[start..<min(progress.queries.count, start + record.cells)]
      let asked = try optimizer.ask(limit: record.cells)
      guard asked == recorded.map(\.cell) else {
        throw InputError("method \(method) did not propose the recorded cells again in round \(round) of trial "
          + "\(progress.trial); the trial cannot be grown (delete its file to run it again with the new budget)")
      }
      try optimizer.tell(recorded.map { Evaluation(cell: $0.cell, value: $0.value, costs: $0.costs ?? [:]) })
      start += record.cells
    }
  }

  /// The trial result (trajectory, reported cell, queries to the optimum, Pareto front) of a query
  /// record.
  public func result(of progress: TrialProgress<Space.Cell>, method: String, rule: ReportRule = .bestValue)
    -> TrialResult<Space.Cell> {
    TrialResult(progress: progress, method: method, reportPoints: settings.reportPoints,
                optimumValue: optimum.bestSearchValue, objective: settings.objective,
                reference: tableFront?.reference, rule: rule) { [benchmark] _, cell in
      benchmark.hasReportMetric ? benchmark.reportValue(of: cell) : nil
    }
  }

  /// The progress with cells as table rows, for checkpoints.
  public func compact(_ progress: TrialProgress<Space.Cell>) -> CompactProgress {
    CompactProgress(trial: progress.trial, seed: progress.seed, rows: progress.queries.map { benchmark.row(of: $0.cell)! },
                    values: progress.queries.map(\.value), queryRounds: progress.queries.map(\.round),
                    costs: settings.costs.isEmpty ? nil : progress.queries.map { $0.costs ?? [:] },
                    roundCells: progress.rounds.map(\.cells), roundStatistics: progress.rounds.map(\.statistics))
  }

  /// The progress a checkpoint stored; throws when it does not fit this table and settings.
  public func expand(_ compact: CompactProgress) throws -> TrialProgress<Space.Cell> {
    let n = compact.rows.count
    guard compact.values.count == n, compact.queryRounds.count == n, compact.costs.map({ $0.count == n }) ?? true,
          compact.costs == nil || !settings.costs.isEmpty, compact.roundCells.count == compact.roundStatistics.count,
          compact.rows.allSatisfy(benchmark.cells.indices.contains) else {
      throw InputError("the saved progress of trial \(compact.trial) is inconsistent")
    }
    let queries = (0..<n).map { i in
      QueryRecord(cell: benchmark.cells[compact.rows[i]], value: compact.values[i], round: compact.queryRounds[i],
                  costs: compact.costs?[i])
    }
    let rounds = zip(compact.roundCells, compact.roundStatistics).map { RoundRecord(cells: $0, statistics: $1) }
    return TrialProgress(trial: compact.trial, seed: compact.seed, queries: queries, rounds: rounds)
  }

  private func availableCosts(of cell: Space.Cell) -> [String: Double] {
    var costs: [String: Double] = [:]
    for name in settings.costs {
      if let value = try? benchmark.value(name, of: cell) { costs[name] = value }
    }
    return costs
  }
}

/// Where a trial can be stopped by the test hook.
enum TrialEvent: Equatable {
  case asked(round: Int)
  case told(round: Int)
}

/// A trial stopped by the test hook (a simulated kill).
struct TrialInterrupted: Error {}
