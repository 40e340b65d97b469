import Optimization
import SearchSpaces

/// How a trial queries a benchmark: the same for every trial of a run, stored in its config.
public struct TrialSettings: Codable, Equatable, Sendable {
  public static let defaultBudget = 320
  public static let defaultReportEvery = 16

  /// Distinct cells queried per trial.
  public var budget: Int
  /// Cells per ask (the last ask of a trial may ask fewer, to land on the budget).
  public var batchSize: Int
  /// The trajectory reports the best cell after every `reportEvery` queries (and at the budget).
  public var reportEvery: Int
  /// Cost columns told to the optimizer with each cell and recorded (hardware-aware search).
  public var costs: [String]
  /// Hardware-aware search: the cost that decides the reported cell (absent: the best search
  /// metric is reported). Its column is always among `costs`.
  public var objective: CostObjective?

  public init(budget: Int = TrialSettings.defaultBudget, batchSize: Int,
              reportEvery: Int = TrialSettings.defaultReportEvery, costs: [String] = [],
              objective: CostObjective? = nil) {
    self.budget = budget
    self.batchSize = batchSize
    self.reportEvery = reportEvery
    self.costs = costs
    if let objective, !costs.contains(objective.column) { self.costs.append(objective.column) }
    self.objective = objective
  }

  enum CodingKeys: String, CodingKey {
    case budget
    case batchSize = "batch_size"
    case reportEvery = "report_every"
    case costs, objective
  }

  public func validate() throws {
    guard budget >= 1 else { throw InputError("the query budget must be at least 1 (got \(budget))") }
    guard batchSize >= 1 else { throw InputError("the batch size must be at least 1 (got \(batchSize))") }
    guard reportEvery >= 1 else { throw InputError("the report interval must be at least 1 (got \(reportEvery))") }
    if let objective {
      try objective.validate()
      guard costs.contains(objective.column) else { throw InputError("the cost objective's column \(objective.column) is not recorded") }
    }
  }

  /// The query counts a trajectory reports: every multiple of `reportEvery` up to the budget, and
  /// the budget itself.
  public var reportPoints: [Int] {
    var points = Array(stride(from: reportEvery, through: budget, by: reportEvery))
    if points.last != budget { points.append(budget) }
    return points
  }
}
