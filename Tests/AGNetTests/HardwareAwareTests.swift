import NeuralCore
import Optimization
import Randomness
import SearchSpaces
import TestSupport
import XCTest
@testable import AGNet

final class HardwareAwareTests: XCTestCase {
  /// Each term is divided by max(its value, 1) with the divisor held constant: values above 1
  /// become 1 and their gradient is divided by the value; values up to 1 are untouched.
  func testPerSampleNormalisationDividesByTheDetachedValue() {
    let store = ParameterStore()
    let tape = Tape(parameters: store)
    let x = tape.variable(rows: 3, cols: 1, values: [0.5, 3, 1])
    let y = HardwareAwareModel.normalised(x, on: tape)
    XCTAssertEqual(y.values, [0.5, 1, 1])
    tape.backward(tape.sum(y))
    XCTAssertEqual(x.gradients, [1, 1.0 / 3, 1])
  }

  func testThePredictorIsConditionedOnTheDevice() {
    let store = ParameterStore()
    var rng = Xoshiro256StarStar(seed: 1, stream: "test")
    let predictor = ConditionedPredictor(inputs: 4, hiddenLayers: 2, devices: 3, in: store, using: &rng)
    let tape = Tape(parameters: store)
    let x = tape.constant(rows: 2, cols: 4, values: [0.1, -0.2, 0.3, 0.4, 1, 0, -1, 0.5])
    let a = predictor(x, device: 0, on: tape)
    let b = predictor(x, device: 2, on: tape)
    XCTAssertEqual(a.accuracy.rows, 2)
    XCTAssertNotEqual(a.accuracy.values, b.accuracy.values, "the one-hot reaches the output")
    XCTAssertNotEqual(a.cost.values, b.cost.values)
    XCTAssertEqual(predictor.hidden.map(\.inputs), [7, 7], "the one-hot is concatenated before every layer")
    XCTAssertEqual(predictor.output.inputs, 7)
  }

  /// Without exploring queries a round takes the lowest scores; with them, the last places go to
  /// the most accurate of the rest under the wider bound (here the cells predicted at 1.1, not
  /// 1.3), and nothing changes for the places before them.
  func testExploringQueriesTakeTheBestOfTheRestUnderTheWiderBound() {
    let accuracies = [0.9, 0.8, 0.7, 0.6, 0.5, 0.95, 0.93]
    let costs = [1, 1, 1, 1, 1, 1.3, 1.1]
    let narrow = CostObjective(column: "c", maxCost: 1, mode: .constraint)
    var wide = narrow
    wide.maxCost = 1.2
    let pick = { (exploring: (objective: CostObjective, slots: Int)?) in
      HardwareAwareOptimizer<NASBench201Space>.pick(4, accuracies: accuracies, costs: costs, selection: narrow, exploring: exploring)
    }
    XCTAssertEqual(pick(nil), [0, 1, 2, 3])
    XCTAssertEqual(pick((wide, 0)), [0, 1, 2, 3])
    XCTAssertEqual(pick((wide, 2)), [0, 1, 6, 2])
    XCTAssertEqual(pick((wide, 9)), [6, 0, 1, 2], "more exploring places than the limit: all of them explore")
  }

  /// With `neighbours` = 2, the last two queries of a round are unqueried one-operation neighbours
  /// of the best queried cell within the bound (an additive cost, so the fit admits them all);
  /// with 0 the asks are the default's.
  func testNeighbourQueriesSurroundTheBestFeasibleCell() throws {
    let space = NASBench201Space()
    let cost = { (cell: NASBench201Cell) in cell.ops.reduce(0.0) { $0 + ($1 == .conv3x3 ? 3 : $1 == .conv1x1 ? 1 : 0.2) } }
    let objective = CostObjective(column: "c", maxCost: 8, mode: .constraint)
    func optimizer(neighbours: Int?) throws -> HardwareAwareOptimizer<NASBench201Space> {
      var configuration = HardwareAwareConfiguration(search: .tiny, objective: objective)
      if let neighbours { configuration.neighbourSlots = neighbours }
      return try HardwareAwareOptimizer(domain: SearchDomain(space: space), generator: try ShippedGenerator.load(space: space.name),
                                        configuration: configuration, seed: 4)
    }
    func drive(_ o: HardwareAwareOptimizer<NASBench201Space>, rounds: Int,
               check: ([NASBench201Cell], [(cell: NASBench201Cell, value: Double, cost: Double)]) -> Void = { _, _ in }) throws
      -> [[NASBench201Cell]] {
      var told: [(cell: NASBench201Cell, value: Double, cost: Double)] = []
      var asked: [[NASBench201Cell]] = []
      for _ in 0..<rounds {
        let cells = try o.ask(limit: 4)
        check(cells, told)
        asked.append(cells)
        for cell in cells { told.append((cell, SearchOptimizerTests.accuracy(cell), cost(cell))) }
        try o.tell(cells.map { Evaluation(cell: $0, value: SearchOptimizerTests.accuracy($0), costs: ["c": cost($0)]) })
      }
      return asked
    }
    var checkedRounds = 0
    _ = try drive(try optimizer(neighbours: 2), rounds: 5) { cells, told in
      guard told.count >= 8 else { return }  // the 8 random cells first
      let best = told.filter { $0.cost <= 8 }.max { $0.value != $1.value ? $0.value < $1.value : false }!.cell
      let neighbours = Set(space.neighbours(of: best))
      for cell in cells.suffix(2) {
        XCTAssertTrue(neighbours.contains(cell), "\(space.format(cell)) is one operation from \(space.format(best))")
        XCTAssertFalse(told.contains { $0.cell == cell }, "not queried before")
      }
      checkedRounds += 1
    }
    XCTAssertEqual(checkedRounds, 3)
    XCTAssertEqual(try drive(try optimizer(neighbours: 0), rounds: 4), try drive(try optimizer(neighbours: nil), rounds: 4))
  }

  /// The default grades the training penalty of cells over the bound; §5's hard penalty stays
  /// reachable, and the two train the generator differently (so later rounds ask other cells).
  func testTheTrainingPenaltyIsGradedByDefaultAndTheHardOneStaysReachable() throws {
    let space = NASBench201Space()
    let cost = { (cell: NASBench201Cell) in cell.ops.reduce(0.0) { $0 + ($1 == .conv3x3 ? 3 : $1 == .conv1x1 ? 1 : 0.2) } }
    let objective = CostObjective(column: "c", maxCost: 6, mode: .constraint)
    var configuration = HardwareAwareConfiguration(search: .tiny, objective: objective)
    XCTAssertEqual(configuration.trainingPenalty, .graded(exponent: 20))
    func asks(_ penalty: CostObjective.OverBoundPenalty) throws -> [[NASBench201Cell]] {
      configuration.trainingPenalty = penalty
      let optimizer = try HardwareAwareOptimizer(domain: SearchDomain(space: space), generator: try ShippedGenerator.load(space: space.name),
                                                 configuration: configuration, seed: 3)
      return try (0..<4).map { _ in
        let cells = try optimizer.ask(limit: 4)
        try optimizer.tell(cells.map { Evaluation(cell: $0, value: SearchOptimizerTests.accuracy($0), costs: ["c": cost($0)]) })
        return cells
      }
    }
    let (hard, graded) = (try asks(.hard), try asks(.graded(exponent: 20)))
    XCTAssertEqual(hard.prefix(2), graded.prefix(2), "the random opening is the same")
    XCTAssertNotEqual(hard, graded)
    configuration.trainingPenalty = .graded(exponent: 0)
    XCTAssertThrowsError(try configuration.validate())
  }

  func testTheDeviceListHoldsTheObjectivesColumn() {
    let search = AGNetSearchConfiguration()
    let known = HardwareAwareConfiguration(search: search, objective: CostObjective(column: "pixel3_latency_ms", maxCost: 5, mode: .constraint))
    XCTAssertEqual(known.devices[known.device], "pixel3_latency_ms")
    XCTAssertEqual(known.devices.count, HardwareAwareConfiguration.knownDevices.count)
    let other = HardwareAwareConfiguration(search: search, objective: CostObjective(column: "my_watts", maxCost: nil, mode: .joint))
    XCTAssertEqual(other.devices.last, "my_watts")
    XCTAssertEqual(other.device, other.devices.count - 1)
  }
}
