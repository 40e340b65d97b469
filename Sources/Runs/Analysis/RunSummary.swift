import Benchmarks
import Optimization
import SearchSpaces

/// Statistics over the trials of one run, as `summary.json` stores them (and `results.json` per
/// method). Every field but `wall_seconds_per_trial` is a function of the trial files alone.
public struct RunSummary: Codable, Equatable, Sendable {
  /// The run's name: its method, or a comparison variant's label.
  public var method: String
  public var benchmark: String
  public var dataset: String
  public var searchMetric: String
  @ExplicitNull public var reportMetric: String?
  public var trials: Int
  public var budget: Int
  public var optimum: OptimumSummary
  /// Mean wall-clock seconds per trial (from `timing.json`; null when no time is known).
  @ExplicitNull public var wallSecondsPerTrial: Double?
  public var trajectory: [SummaryPoint]
  /// Trials that reached the table's best search metric within the budget.
  public var foundBestValid: Int
  /// Per trial, the queries after which it held the table's best search metric (null: never).
  public var queriesToBestValid: [Int?]
  /// Median of `queries_to_best_valid`, "never" counting as more than any budget (null when at
  /// least half the trials never found it).
  @ExplicitNull public var queriesToBestValidMedian: Double?
  /// Hardware-aware search only (absent otherwise): the objective and the trials' hypervolumes.
  public var hardwareAware: HardwareAwareSummary?

  enum CodingKeys: String, CodingKey {
    case method, benchmark, dataset, trials, budget, optimum, trajectory
    case hardwareAware = "hardware_aware"
    case searchMetric = "search_metric"
    case reportMetric = "report_metric"
    case wallSecondsPerTrial = "wall_seconds_per_trial"
    case foundBestValid = "found_best_valid"
    case queriesToBestValid = "queries_to_best_valid"
    case queriesToBestValidMedian = "queries_to_best_valid_median"
  }

  /// The summary of `results` (one per trial, all of the same run).
  /// - Parameter table: the table's own front, for hardware-aware runs.
  public init<Cell>(config: RunConfig, optimum: OptimumSummary, results: [TrialResult<Cell>], timing: TimingLog,
                    table: TableFront? = nil) {
    method = config.name
    benchmark = config.benchmark
    dataset = config.dataset
    searchMetric = config.table.searchMetric
    reportMetric = config.table.reportMetric
    trials = results.count
    budget = config.settings.budget
    self.optimum = optimum
    let times = results.compactMap { timing.seconds(ofTrial: $0.trial) }
    wallSecondsPerTrial = times.isEmpty ? nil : times.reduce(0, +) / Double(times.count)
    trajectory = config.settings.reportPoints.enumerated().map { index, queries in
      let points = results.map { $0.trajectory[index] }
      return SummaryPoint(queries: queries, points: points, optimum: optimum.bestValid)
    }
    foundBestValid = results.filter { $0.queriesToBestValid != nil }.count
    queriesToBestValid = results.map(\.queriesToBestValid)
    queriesToBestValidMedian = SampleStatistics.median(ofCounts: queriesToBestValid)
    if let objective = config.settings.objective, let table {
      hardwareAware = HardwareAwareSummary(objective: objective, table: table, results: results)
    }
  }

  public func point(atQueries queries: Int) -> SummaryPoint? { trajectory.first { $0.queries == queries } }
}

/// The table's optimum as reports state it. With several cells tied at the best search metric,
/// `cell` is the first in table order and `test_of_best_valid` the mean over the tied cells.
public struct OptimumSummary: Codable, Equatable, Sendable {
  /// The cell in the space's text form.
  public var cell: String
  public var bestValid: Double
  @ExplicitNull public var testOfBestValid: Double?
  @ExplicitNull public var bestTest: Double?
  public var cellsAtBestValid: Int
  /// The optimum cell's cost in hardware-aware search (the optimum is then the best cell within
  /// the bound); absent otherwise.
  public var cost: Double?

  enum CodingKeys: String, CodingKey {
    case cell, cost
    case bestValid = "best_valid"
    case testOfBestValid = "test_of_best_valid"
    case bestTest = "best_test"
    case cellsAtBestValid = "cells_at_best_valid"
  }

  init(cell: String, bestValid: Double, testOfBestValid: Double?, bestTest: Double?, cellsAtBestValid: Int,
       cost: Double? = nil) {
    self.cell = cell
    self.cost = cost
    self.bestValid = bestValid
    self.testOfBestValid = testOfBestValid
    self.bestTest = bestTest
    self.cellsAtBestValid = cellsAtBestValid
  }

  public init<Space: SearchSpace>(_ optimum: BenchmarkOptimum<Space.Cell>, space: Space, cost: Double? = nil) {
    cell = space.format(optimum.bestBySearch[0].cell)
    self.cost = cost
    bestValid = optimum.bestSearchValue
    let hasReport = optimum.reportMetric != nil
    testOfBestValid = hasReport ? optimum.reportValueAtBestSearch : nil
    bestTest = hasReport ? optimum.bestReportValue : nil
    cellsAtBestValid = optimum.bestBySearch.count
  }
}

/// Statistics over trials after `queries` queries.
public struct SummaryPoint: Codable, Equatable, Sendable {
  public var queries: Int
  public var bestValidMean: Double
  public var bestValidStd: Double
  public var bestValidMedian: Double
  public var bestValidQ1: Double
  public var bestValidQ3: Double
  @ExplicitNull public var testOfBestValidMean: Double?
  @ExplicitNull public var testOfBestValidStd: Double?
  @ExplicitNull public var testOfBestValidMedian: Double?
  @ExplicitNull public var testOfBestValidQ1: Double?
  @ExplicitNull public var testOfBestValidQ3: Double?
  /// Trials whose best search metric equals the table's best by now.
  public var foundBestValid: Int
  /// Hardware-aware search only: the highest cost of a reported cell over the trials.
  public var costOfReportedMax: Double?

  enum CodingKeys: String, CodingKey {
    case queries
    case bestValidMean = "best_valid_mean"
    case bestValidStd = "best_valid_std"
    case bestValidMedian = "best_valid_median"
    case bestValidQ1 = "best_valid_q1"
    case bestValidQ3 = "best_valid_q3"
    case testOfBestValidMean = "test_of_best_valid_mean"
    case testOfBestValidStd = "test_of_best_valid_std"
    case testOfBestValidMedian = "test_of_best_valid_median"
    case testOfBestValidQ1 = "test_of_best_valid_q1"
    case testOfBestValidQ3 = "test_of_best_valid_q3"
    case foundBestValid = "found_best_valid"
    case costOfReportedMax = "cost_of_reported_max"
  }

  /// Statistics of one trajectory point per trial (non-empty).
  public init(queries: Int, points: [TrajectoryPoint], optimum: Double) {
    self.queries = queries
    let valid = SampleStatistics(points.map(\.bestValid))!
    bestValidMean = valid.mean
    bestValidStd = valid.std
    bestValidMedian = valid.median
    bestValidQ1 = valid.q1
    bestValidQ3 = valid.q3
    let tests = points.compactMap(\.testOfBestValid)
    let test = tests.count == points.count ? SampleStatistics(tests) : nil
    testOfBestValidMean = test?.mean
    testOfBestValidStd = test?.std
    testOfBestValidMedian = test?.median
    testOfBestValidQ1 = test?.q1
    testOfBestValidQ3 = test?.q3
    foundBestValid = points.filter { $0.bestValid >= optimum }.count
    let costs = points.compactMap(\.costOfReported)
    costOfReportedMax = costs.count == points.count ? costs.max() : nil
  }

  /// The median and quartiles of the chosen metric (nil when the table has no report metric).
  public func band(_ metric: ReportedMetric) -> (q1: Double, median: Double, q3: Double)? {
    switch metric {
    case .bestValid: return (bestValidQ1, bestValidMedian, bestValidQ3)
    case .testOfBestValid:
      guard let q1 = testOfBestValidQ1, let median = testOfBestValidMedian, let q3 = testOfBestValidQ3 else { return nil }
      return (q1, median, q3)
    }
  }
}

/// Which trajectory a report shows: the best search metric so far, or the report metric of the
/// cell that has it.
public enum ReportedMetric: String, CaseIterable, Sendable {
  case bestValid = "valid"
  case testOfBestValid = "test"
}

extension OptimumSummary {
  /// Without a table the optimum is unknown: the best cell any trial found stands in for it.
  init<Space: SearchSpace>(bestOf results: [TrialResult<Space.Cell>], space: Space) {
    let bests = results.compactMap(\.best)
    let bestValue = bests.map(\.valid).max() ?? 0
    let atBest = bests.filter { $0.valid == bestValue }
    self.init(cell: atBest.first.map { space.format($0.cell) } ?? "", bestValid: bestValue,
              testOfBestValid: atBest.first?.test, bestTest: bests.compactMap(\.test).max(),
              cellsAtBestValid: Set(atBest.map(\.cell)).count)
  }
}
