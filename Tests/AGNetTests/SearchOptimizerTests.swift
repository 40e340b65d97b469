import XCTest
import GradientBoosting
import NeuralCore
import Optimization
import Randomness
import SearchSpaces
import TestSupport
@testable import AGNet

/// The AG-Net optimizer on NAS-Bench-201 with the shipped pretrained generator and a tiny
/// configuration (debug builds are slow), told a synthetic accuracy.
final class SearchOptimizerTests: XCTestCase {
  static let space = NASBench201Space()

  /// A deterministic stand-in for accuracy, in percent: conv3x3 good, none bad.
  static func accuracy(_ cell: NASBench201Cell) -> Double {
    cell.ops.reduce(60.0) { total, op in
      switch op {
      case .conv3x3: return total + 5
      case .conv1x1: return total + 3
      case .skipConnect: return total + 1
      case .avgPool3x3: return total
      case .none: return total - 4
      }
    }
  }

  static func makeOptimizer(seed: UInt64 = 1, configuration: AGNetSearchConfiguration = .tiny,
                            domain: SearchDomain<NASBench201Space> = SearchDomain(space: space)) throws -> AGNetOptimizer<NASBench201Space> {
    let generator = try ShippedGenerator.load(space: space.name)
    return try AGNetOptimizer(domain: domain, generator: generator, configuration: configuration, seed: seed)
  }

  /// Asks and tells `rounds` times; returns every asked batch.
  @discardableResult
  static func drive(_ optimizer: AGNetOptimizer<NASBench201Space>, rounds: Int, limit: Int = 4) throws -> [[NASBench201Cell]] {
    var asked: [[NASBench201Cell]] = []
    for _ in 0..<rounds {
      let cells = try optimizer.ask(limit: limit)
      asked.append(cells)
      try optimizer.tell(cells.map { Evaluation(cell: $0, value: accuracy($0)) })
    }
    return asked
  }

  func testInitialCellsAreRandomThenRoundsRetrainAndPropose() throws {
    let optimizer = try Self.makeOptimizer()
    let asked = try Self.drive(optimizer, rounds: 4)
    XCTAssertEqual(asked.map(\.count), [4, 4, 4, 4])
    XCTAssertEqual(optimizer.roundStatistics["random_fill"], 0)
    XCTAssertEqual(optimizer.rounds, 2) // two initial asks of 4 cover the 8 random cells
    let all = asked.flatMap { $0 }
    XCTAssertEqual(Set(all).count, 16, "no cell is proposed twice")
    XCTAssertEqual(optimizer.history.count, 16)
    XCTAssertEqual(optimizer.roundStatistics["generated"].map { $0 >= 16 }, true)
  }

  func testSameSeedSameProposalsAndStateBytes() throws {
    let a = try Self.makeOptimizer(seed: 3), b = try Self.makeOptimizer(seed: 3)
    XCTAssertEqual(try Self.drive(a, rounds: 4), try Self.drive(b, rounds: 4))
    XCTAssertEqual(try a.saveState(), try b.saveState())
    let c = try Self.makeOptimizer(seed: 4)
    XCTAssertNotEqual(try Self.drive(c, rounds: 4), try Self.drive(try Self.makeOptimizer(seed: 3), rounds: 4))
  }

  func testRestoredOptimizerContinuesExactly() throws {
    let original = try Self.makeOptimizer()
    try Self.drive(original, rounds: 3)
    let saved = try original.saveState()
    let restored = try Self.makeOptimizer()
    try restored.restoreState(saved)
    XCTAssertEqual(try restored.saveState(), saved)
    XCTAssertEqual(try Self.drive(restored, rounds: 2), try Self.drive(original, rounds: 2))
    XCTAssertEqual(try restored.saveState(), try original.saveState())
  }

  func testRestoreRejectsGarbage() throws {
    let optimizer = try Self.makeOptimizer()
    XCTAssertThrowsError(try optimizer.restoreState(Data("nonsense".utf8)))
    var saved = try optimizer.saveState()
    saved.removeLast(10)
    XCTAssertThrowsError(try optimizer.restoreState(saved)) { error in
      XCTAssertTrue("\(error)".contains("AG-Net state"), "\(error)")
    }
  }

  func testCellsOutsideASampledDomainAreSkippedNotProposed() throws {
    // A domain of 300 cells: most valid generated cells fall outside it.
    var rng = Xoshiro256StarStar(seed: 11)
    let members = rng.distinctIndices(300, of: NASBench201Cell.cellCount).sorted().map(NASBench201Cell.init(code:))
    let domain = SearchDomain(space: Self.space, members: members)
    let optimizer = try Self.makeOptimizer(domain: domain)
    let asked = try Self.drive(optimizer, rounds: 4).flatMap { $0 }
    XCTAssertTrue(asked.allSatisfy(domain.contains))
    let stats = optimizer.roundStatistics
    XCTAssertGreaterThan(stats["skipped_not_in_table"] ?? 0, 0)
    XCTAssertLessThanOrEqual((stats["skipped_not_in_table"] ?? 0) + (stats["repeated"] ?? 0) + (stats["candidates"] ?? 0),
                             stats["valid"] ?? 0, "a valid cell is a candidate, a repeat or skipped")
  }

  func testAskBeforeTellAndStrayTellsAreErrors() throws {
    let optimizer = try Self.makeOptimizer()
    let cells = try optimizer.ask(limit: 4)
    XCTAssertThrowsError(try optimizer.ask(limit: 4))
    XCTAssertThrowsError(try optimizer.tell([Evaluation(cell: cells[0], value: .nan)]))
  }

  func testAGeneratorOfAnotherSpaceIsRefused() {
    let vocabulary = GraphVocabulary(nodeTypes: ["output", "input", "conv1x1-bn-relu", "conv3x3-bn-relu", "maxpool3x3"], maxNodes: 7)
    let generator = Generator(configuration: GeneratorConfiguration(vocabulary: vocabulary), seed: 1)
    XCTAssertThrowsError(try AGNetOptimizer(domain: SearchDomain(space: Self.space), generator: generator,
                                            configuration: AGNetSearchConfiguration.tiny, seed: 0))
  }
}

/// AG-Net with the XGBoost predictor (`agnet-xgb`): no predictor network, candidates ranked by a
/// forest refitted each round; reproducible and resumable like AG-Net.
final class XGBoostSearchOptimizerTests: XCTestCase {
  static var configuration: AGNetSearchConfiguration {
    var c = AGNetSearchConfiguration.tiny
    c.ticks = 1
    var booster = BoosterParameters()
    booster.rounds = 50
    c.predictor = .xgboost(booster)
    return c
  }

  static func makeOptimizer(seed: UInt64 = 1) throws -> AGNetOptimizer<NASBench201Space> {
    try SearchOptimizerTests.makeOptimizer(seed: seed, configuration: configuration)
  }

  func testTheGeneratorAloneIsTrainedAndTheForestPicksTheBestPredicted() throws {
    let optimizer = try Self.makeOptimizer()
    XCTAssertNil(optimizer.model.predictor)
    let generatorParameters = try ShippedGenerator.load(space: "nasbench201").parameters.count
    XCTAssertEqual(optimizer.model.generator.parameters.count, generatorParameters, "no predictor parameters are added")
    let asked = try SearchOptimizerTests.drive(optimizer, rounds: 5)
    XCTAssertEqual(Set(asked.flatMap { $0 }).count, 20)
    XCTAssertEqual(optimizer.rounds, 3)
    XCTAssertEqual(optimizer.roundStatistics["random_fill"], 0)
    // The synthetic accuracy is additive in the operations, which trees fit well: the guided
    // rounds beat the random opening.
    let mean = { (cells: [NASBench201Cell]) in cells.map(SearchOptimizerTests.accuracy).reduce(0, +) / Double(cells.count) }
    XCTAssertGreaterThan(mean(asked.suffix(2).flatMap { $0 }), mean(asked.prefix(2).flatMap { $0 }))
  }

  func testSameSeedSameProposalsAndResumeContinuesExactly() throws {
    let a = try Self.makeOptimizer(seed: 3), b = try Self.makeOptimizer(seed: 3)
    XCTAssertEqual(try SearchOptimizerTests.drive(a, rounds: 4), try SearchOptimizerTests.drive(b, rounds: 4))
    XCTAssertEqual(try a.saveState(), try b.saveState())
    let restored = try Self.makeOptimizer(seed: 3)
    try restored.restoreState(try a.saveState())
    XCTAssertEqual(try SearchOptimizerTests.drive(restored, rounds: 2), try SearchOptimizerTests.drive(a, rounds: 2))
    // The state of an AG-Net optimizer (which has a predictor network) does not fit.
    let agnet = try SearchOptimizerTests.makeOptimizer(seed: 3)
    try SearchOptimizerTests.drive(agnet, rounds: 3)
    XCTAssertThrowsError(try Self.makeOptimizer(seed: 3).restoreState(try agnet.saveState()))
  }
}
