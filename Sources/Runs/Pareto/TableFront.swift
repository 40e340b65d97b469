import Benchmarks
import Optimization
import SearchSpaces

/// The accuracy/cost trade-off of a whole table for one cost objective: its Pareto front (search
/// metric against cost), the front's hypervolume, and how many cells meet the bound. What the
/// fronts of a search are measured against.
public struct TableFront: Sendable {
  public var reference: HypervolumeReference
  /// Sorted by cost.
  public var front: [TradeOffPoint<Int>]
  public var hypervolume: Double
  public var cells: Int
  public var feasibleCells: Int

  /// - Parameter benchmark: a table where every cell has the objective's cost (the runner's).
  public init<Space: SearchSpace>(benchmark: TabularBenchmark<Space>, objective: CostObjective) throws {
    let search = try benchmark.column(benchmark.searchMetric)
    let costs = try benchmark.column(objective.column)
    let points = benchmark.cells.indices.map { TradeOffPoint(item: $0, accuracy: search[$0], cost: costs[$0]) }
      .filter { !$0.accuracy.isNaN && !$0.cost.isNaN }
    guard let maxCost = points.map(\.cost).max() else {
      throw InputError("no cell of \(benchmark.name) has both \(benchmark.searchMetric) and \(objective.column)")
    }
    reference = HypervolumeReference(cost: maxCost)
    front = paretoFront(points)
    hypervolume = Runs.hypervolume(points, referenceAccuracy: reference.accuracy, referenceCost: reference.cost)
    cells = points.count
    feasibleCells = points.filter { objective.isFeasible($0.cost) }.count
  }
}
