import Optimization

/// What a hardware-aware run adds to its summary: the objective, how the trials' queried fronts
/// compare with the table's own front, and whether the reported cells keep the bound.
public struct HardwareAwareSummary: Codable, Equatable, Sendable {
  public var objective: CostObjective
  /// The hypervolume reference point (accuracy 0, the table's highest cost).
  public var referenceAccuracy: Double
  public var referenceCost: Double
  /// Over trials, of the front of each trial's queried cells.
  public var hypervolumeMean: Double
  public var hypervolumeStd: Double
  /// Of the front of every cell of the table (the most a search could reach).
  public var tableHypervolume: Double
  /// Cells of the table that have the cost, and those of them within the bound.
  public var tableCells: Int
  public var feasibleCells: Int
  /// Trials whose reported cell at the budget is within the bound.
  public var reportedFeasible: Int

  enum CodingKeys: String, CodingKey {
    case objective
    case referenceAccuracy = "reference_accuracy"
    case referenceCost = "reference_cost"
    case hypervolumeMean = "hypervolume_mean"
    case hypervolumeStd = "hypervolume_std"
    case tableHypervolume = "table_hypervolume"
    case tableCells = "table_cells"
    case feasibleCells = "feasible_cells"
    case reportedFeasible = "reported_feasible"
  }

  init<Cell>(objective: CostObjective, table: TableFront, results: [TrialResult<Cell>]) {
    self.objective = objective
    referenceAccuracy = table.reference.accuracy
    referenceCost = table.reference.cost
    let volumes = SampleStatistics(results.compactMap { $0.pareto?.hypervolume })
    hypervolumeMean = volumes?.mean ?? 0
    hypervolumeStd = volumes?.std ?? 0
    tableHypervolume = table.hypervolume
    tableCells = table.cells
    feasibleCells = table.feasibleCells
    reportedFeasible = results.filter { $0.best?.cost.map(objective.isFeasible) == true }.count
  }
}
