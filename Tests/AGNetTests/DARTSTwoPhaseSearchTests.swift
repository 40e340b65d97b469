import XCTest
import NeuralCore
import Optimization
import Randomness
import SearchSpaces
@testable import AGNet

/// The two-phase DARTS search with a tiny configuration and phases, on a freshly initialised
/// generator (what the phases do does not depend on how good it is), told a synthetic score.
final class DARTSTwoPhaseSearchTests: XCTestCase {
  static var tinyConfiguration: AGNetSearchConfiguration {
    var c = AGNetSearchConfiguration.published(for: .darts)
    c.initialCells = 4
    c.batchSize = 4
    c.candidatesPerRound = 8
    c.candidateBatchSizes = [16]
    return c
  }

  static func makeSearch(phases: DARTSTwoPhaseSearch.Phases = .init(normalQueries: 12, reduceQueries: 8)) throws -> DARTSTwoPhaseSearch {
    let configuration = GeneratorConfiguration.published(for: DARTSCellSpace())
    return try DARTSTwoPhaseSearch(domain: SearchDomain(space: DARTSSpace()), configuration: tinyConfiguration, phases: phases,
                                   seed: 5, reductionCellDraws: 50) { Generator(configuration: configuration, seed: 9) }
  }

  /// Separable convolutions in the normal cell and pooling in the reduction cell are good.
  static func score(_ genotype: DARTSGenotype) -> Double {
    Double(genotype.normal.edges.filter { $0.op == .sepConv3x3 || $0.op == .sepConv5x5 }.count)
      + 0.5 * Double(genotype.reduce.edges.filter { $0.op == .maxPool3x3 }.count) + Double(genotype.normal.code % 7) / 100
  }

  func testPhaseOneVariesTheNormalCellPhaseTwoTheReductionCell() throws {
    let search = try Self.makeSearch()
    XCTAssertEqual(search.configuration.ticks, 1)
    var asked: [DARTSGenotype] = []
    while true {
      let batch = try search.ask(limit: 4)
      if batch.isEmpty { break }
      XCTAssertEqual(search.roundStatistics["phase"], asked.count < 12 ? 1 : 2)
      asked += batch
      try search.tell(batch.map { Evaluation(cell: $0, value: Self.score($0)) })
    }
    XCTAssertEqual(asked.count, 20)
    XCTAssertEqual(Set(asked).count, 20)
    let phaseOne = asked.prefix(12), phaseTwo = asked.suffix(8)
    XCTAssertTrue(phaseOne.allSatisfy { $0.reduce == search.sampledReductionCell })
    let bestOfPhaseOne = phaseOne.max { Self.score($0) < Self.score($1) }!
    XCTAssertEqual(search.fixedNormalCell, bestOfPhaseOne.normal)
    XCTAssertTrue(phaseTwo.allSatisfy { $0.normal == bestOfPhaseOne.normal })
    XCTAssertFalse(phaseTwo.contains(bestOfPhaseOne))
    XCTAssertEqual(search.history.count, 20)
  }

  func testARestoredSearchProposesTheSame() throws {
    let straight = try Self.makeSearch()
    var resumedState = try Self.makeSearch().saveState()
    for _ in 0..<6 {
      let batch = try straight.ask(limit: 4)
      let resumed = try Self.makeSearch()
      try resumed.restoreState(resumedState)
      XCTAssertEqual(try resumed.ask(limit: 4), batch)
      let told = batch.map { Evaluation(cell: $0, value: Self.score($0)) }
      try straight.tell(told)
      try resumed.tell(told.reversed())
      resumedState = try resumed.saveState()
      XCTAssertEqual(resumedState, try straight.saveState())
    }
  }

  func testBadPhasesAreInputErrors() {
    XCTAssertThrowsError(try Self.makeSearch(phases: .init(normalQueries: 0, reduceQueries: 8))) { XCTAssertTrue($0 is InputError) }
  }
}
