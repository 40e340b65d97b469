import AGNet
import Baselines
import Foundation
import GradientBoosting
import Optimization
import SearchSpaces
import TestSupport
import XCTest

/// The `Optimizer` contract, for every optimizer of the package (tiny configurations: what is
/// checked does not depend on how good the search is):
/// - order: tell exactly the asked cells (in any order) before asking again; asking twice, telling
///   a cell not asked, leaving one out or telling one twice is refused and changes nothing;
/// - state: a state saved right after a tell, or right after an ask (before its tell), restored
///   into a fresh optimizer, continues exactly: the same cells, statistics and saved bytes as
///   without the round trip.
final class OptimizerContractTests: XCTestCase {
  // MARK: The optimizers

  func testRandomSearch() throws {
    try Contract(rounds: 5, batch: 4, value: Self.value) { RandomSearch(domain: Self.nb201, seed: 3) }.check()
  }

  func testRegularizedEvolution() throws {
    let configuration = RegularizedEvolution<NASBench201Space>.Configuration(populationSize: 6, tournamentSize: 3)
    try Contract(rounds: 8, batch: 2, value: Self.value) {
      try RegularizedEvolution(domain: Self.nb201, configuration: configuration, seed: 3)
    }.check()
  }

  func testLocalSearch() throws {
    try Contract(rounds: 8, batch: 3, value: Self.value) { LocalSearch(domain: Self.nb201, seed: 3) }.check()
  }

  func testBANANAS() throws {
    let configuration = BANANASConfiguration(initialCells: 4, ensembleSize: 2, hiddenLayers: 2, layerWidth: 8, epochs: 4,
                                             candidateCount: 12)
    try Contract(rounds: 4, batch: 3, value: Self.value) {
      try BANANAS(domain: Self.nb201, configuration: configuration, seed: 3)
    }.check()
  }

  func testAGNet() throws {
    try Contract(rounds: 4, batch: 4, value: Self.value) {
      try AGNetOptimizer(domain: Self.nb201, generator: try Self.generator(), configuration: .tiny, seed: 3)
    }.check()
  }

  func testAGNetWithXGBoost() throws {
    var configuration = AGNetSearchConfiguration.tiny
    var booster = BoosterParameters()
    booster.rounds = 10
    configuration.predictor = .xgboost(booster)
    try Contract(rounds: 4, batch: 4, value: Self.value) {
      try AGNetOptimizer(domain: Self.nb201, generator: try Self.generator(), configuration: configuration, seed: 3)
    }.check()
  }

  func testHardwareAwareAGNet() throws {
    let objective = CostObjective(column: "latency", maxCost: 3, mode: .constraint)
    let configuration = HardwareAwareConfiguration(search: .tiny, objective: objective)
    try Contract(rounds: 4, batch: 4, value: Self.value, costs: { ["latency": 1 + 4 * Self.hash($0, salt: 7)] }) {
      try HardwareAwareOptimizer(domain: Self.nb201, generator: try Self.generator(), configuration: configuration, seed: 3)
    }.check()
  }

  func testAGNetPlus() throws {
    var configuration = AGNetPlusConfiguration()
    configuration.initialCells = 4
    configuration.generatedCells = 40
    configuration.patience = 2
    configuration.ensembleSize = 2
    configuration.hiddenLayers = 2
    configuration.layerWidth = 8
    configuration.training.epochs = 4
    try Contract(rounds: 6, batch: 2, value: Self.value) {
      try AGNetPlusOptimizer(domain: Self.nb201, generator: try Self.generator(), configuration: configuration, seed: 3)
    }.check()
  }

  /// Through both phases (12 + 8 evaluations in asks of 4): the switch happens inside a tell.
  func testDARTSTwoPhaseAGNet() throws {
    var configuration = AGNetSearchConfiguration.published(for: .darts)
    configuration.initialCells = 4
    configuration.batchSize = 4
    configuration.candidatesPerRound = 8
    configuration.candidateBatchSizes = [16]
    try Contract(rounds: 6, batch: 4, value: Self.value) {
      try DARTSTwoPhaseSearch(domain: SearchDomain(space: DARTSSpace()), configuration: configuration,
                              phases: .init(normalQueries: 12, reduceQueries: 8), seed: 3, reductionCellDraws: 50) {
        Self.dartsGenerator()
      }
    }.check()
  }

  /// The TE-NAS phases evaluate a round's candidates over several asks; the round closes in a tell.
  func testDARTSTwoPhaseTENAS() throws {
    var configuration = AGNetSearchConfiguration.published(for: .darts)
    configuration.alpha = 0
    configuration.initialCells = 4
    configuration.batchSize = 4
    configuration.candidatesPerRound = 6
    configuration.candidateBatchSizes = [32]
    let settings = TENASCellSearch.Settings(chosen: 2, trainingLimit: 6)
    let cells = SearchDomain(space: DARTSCellSpace())
    let costs = { (cell: DARTSGenotype) in
      ["linear_regions": 100 + 50 * Self.hash(cell, salt: 1), "ntk_condition": 10 + 90 * Self.hash(cell, salt: 2)]
    }
    try Contract(rounds: 8, batch: 4, value: Self.value, costs: costs) {
      try DARTSTwoPhaseSearch(domain: SearchDomain(space: DARTSSpace()), configuration: configuration,
                              phases: .init(normalQueries: .max, reduceQueries: .max), seed: 3, reductionCellDraws: 50,
                              makePhase: { _, generator, seed in
        try TENASCellSearch(domain: cells, generator: generator, configuration: configuration, settings: settings, seed: seed)
      }) { Self.dartsGenerator() }
    }.check()
  }

  // MARK: Fixtures

  static let nb201 = SearchDomain(space: NASBench201Space())

  static func generator() throws -> Generator { try ShippedGenerator.load(space: "nasbench201") }

  static func dartsGenerator() -> Generator {
    Generator(configuration: .published(for: DARTSCellSpace()), seed: 9)
  }

  /// A number in [0, 1) from a cell's text (FNV-1a): deterministic, with no structure to exploit.
  static func hash<Cell>(_ cell: Cell, salt: UInt8) -> Double {
    var h: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in [salt] + Array("\(cell)".utf8) {
      h ^= UInt64(byte)
      h = h &* 0x0000_0100_0000_01B3
    }
    return Double(h % 1_000_003) / 1_000_003
  }

  static func value<Cell>(_ cell: Cell) -> Double { 50 + 50 * hash(cell, salt: 0) }
}

/// One optimizer's contract check: `make` builds a fresh optimizer (same seed each time),
/// `value`/`costs` evaluate a cell.
struct Contract<O: Optimizer> {
  typealias Cell = O.Space.Cell
  var rounds: Int
  var batch: Int
  var value: (Cell) -> Double
  var costs: (Cell) -> [String: Double] = { _ in [:] }
  var make: () throws -> O

  init(rounds: Int, batch: Int, value: @escaping (Cell) -> Double, costs: @escaping (Cell) -> [String: Double] = { _ in [:] },
       make: @escaping () throws -> O) {
    self.rounds = rounds
    self.batch = batch
    self.value = value
    self.costs = costs
    self.make = make
  }

  func evaluations(_ cells: [Cell]) -> [Evaluation<Cell>] {
    cells.map { Evaluation(cell: $0, value: value($0), costs: costs($0)) }
  }

  func check(file: StaticString = #filePath, line: UInt = #line) throws {
    let reference = try run(roundTrips: false)
    XCTAssertEqual(reference.asked.count, rounds, "every round asked cells", file: file, line: line)
    XCTAssertTrue(reference.asked.allSatisfy { !$0.isEmpty }, "no round ran out of cells", file: file, line: line)
    let resumed = try run(roundTrips: true)
    XCTAssertEqual(resumed.asked, reference.asked, "the same cells after restoring", file: file, line: line)
    XCTAssertEqual(resumed.statistics, reference.statistics, "the same round statistics", file: file, line: line)
    XCTAssertEqual(resumed.states, reference.states, "the same saved state after every ask and tell", file: file, line: line)
    try checkOrder(reference, file: file, line: line)
  }

  /// Asks and tells `rounds` times; with `roundTrips`, the search moves to a fresh optimizer
  /// restored from the saved state right after every ask and right after every tell. Returns the
  /// asked batches, each round's statistics, and the saved states.
  func run(roundTrips: Bool) throws -> (asked: [[Cell]], statistics: [[String: Double]], states: [Data]) {
    var optimizer = try make()
    var result: (asked: [[Cell]], statistics: [[String: Double]], states: [Data]) = ([], [], [])
    func saved() throws {
      let state = try optimizer.saveState()
      result.states.append(state)
      if roundTrips {
        optimizer = try make()
        try optimizer.restoreState(state)
      }
    }
    for _ in 0..<rounds {
      let cells = try optimizer.ask(limit: batch)
      guard !cells.isEmpty else { break }
      result.asked.append(cells)
      try saved()
      // Told in reverse: the order of the evaluations must not matter.
      try optimizer.tell(evaluations(cells.reversed()))
      result.statistics.append(optimizer.roundStatistics)
      try saved()
    }
    return result
  }

  /// Misuse is refused, and a refused call changes nothing: the search then goes on exactly as
  /// one without it. `reference` is an uninterrupted run.
  func checkOrder(_ reference: (asked: [[Cell]], statistics: [[String: Double]], states: [Data]),
                  file: StaticString, line: UInt) throws {
    let optimizer = try make()
    XCTAssertThrowsError(try optimizer.tell(evaluations(reference.asked[0])), "a tell before any ask", file: file, line: line)
    for round in 0..<2 {
      let cells = try optimizer.ask(limit: batch)
      XCTAssertEqual(cells, reference.asked[round], file: file, line: line)
      XCTAssertThrowsError(try optimizer.ask(limit: batch), "asking again before telling (round \(round))", file: file, line: line)
      let told = evaluations(cells)
      XCTAssertThrowsError(try optimizer.tell(Array(told.dropLast())), "a cell left out", file: file, line: line)
      XCTAssertThrowsError(try optimizer.tell(told + [told[0]]), "a cell told twice", file: file, line: line)
      // Cells of another round: never asked yet (round 0), or asked and told before (round 1).
      let stray = evaluations([reference.asked[1 - round][0]])
      XCTAssertThrowsError(try optimizer.tell(told + stray), "a cell not asked (round \(round))", file: file, line: line)
      try optimizer.tell(told)
      XCTAssertEqual(try optimizer.saveState(), reference.states[2 * round + 1], "refused calls changed nothing",
                     file: file, line: line)
    }
  }
}
