import XCTest
import NeuralCore
import Optimization
import Randomness
import SearchSpaces
@testable import AGNet

/// AG-Net's TE-NAS search: the summed-rank arithmetic by hand, and both phases on a freshly
/// initialised generator told a deterministic stand-in for the two proxies.
final class TENASSearchTests: XCTestCase {
  func testRankWeightsAndSummedRankByHand() {
    // Regions (higher better) rank 2, 0, 1; NTK (lower better) rank 1, 0, 2; sums 3, 0, 3.
    let regions = [10.0, 30, 20], ntk = [5.0, 1, 9]
    XCTAssertEqual(TENASRanking.rankSums(regions: regions, ntk: ntk), [3, 0, 3])
    XCTAssertEqual(TENASRanking.best(2, regions: regions, ntk: ntk), [1, 0]) // tie 3 = 3: the earlier cell
    let weights = TENASRanking.weights(regions: regions, ntk: ntk, factor: 0.01)
    let offset = 0.03
    XCTAssertEqual(weights[0], 1 / (offset + 2) + 1 / (offset + 1), accuracy: 1e-12)
    XCTAssertEqual(weights[1], 2 / offset, accuracy: 1e-12)
    XCTAssertEqual(weights[2], 1 / (offset + 1) + 1 / (offset + 2), accuracy: 1e-12)
    // A missing proxy (NaN) ranks last under it, whatever the other proxy says.
    XCTAssertEqual(TENASRanking.ranks(regions: [.nan, 1, 2], ntk: [0, .nan, 3]).regions, [2, 1, 0])
    XCTAssertEqual(TENASRanking.ranks(regions: [.nan, 1, 2], ntk: [0, .nan, 3]).ntk, [0, 2, 1])
  }

  static var tinyConfiguration: AGNetSearchConfiguration {
    var c = AGNetSearchConfiguration.published(for: .darts)
    c.alpha = 0
    c.initialCells = 4
    c.batchSize = 4
    c.candidatesPerRound = 6
    c.candidateBatchSizes = [32, 64]
    return c
  }

  static let settings = TENASCellSearch.Settings(chosen: 2, trainingLimit: 6)

  static func makeSearch() throws -> DARTSTwoPhaseSearch {
    let cells = SearchDomain(space: DARTSCellSpace())
    let phases = DARTSTwoPhaseSearch.Phases(normalQueries: .max, reduceQueries: .max)
    return try DARTSTwoPhaseSearch(domain: SearchDomain(space: DARTSSpace()), configuration: tinyConfiguration, phases: phases,
                                   seed: 5, reductionCellDraws: 50, makePhase: { _, generator, seed in
      try TENASCellSearch(domain: cells, generator: generator, configuration: tinyConfiguration, settings: settings, seed: seed)
    }) { try ShippedGenerator.load(space: "darts") }
  }

  /// Stand-in proxies: separable convolutions add linear regions, skip connections worsen the NTK.
  static func evaluation(_ genotype: DARTSGenotype) -> Evaluation<DARTSGenotype> {
    let edges = genotype.normal.edges + genotype.reduce.edges
    let regions = 100 + 10 * Double(edges.filter { $0.op == .sepConv3x3 || $0.op == .sepConv5x5 }.count)
      + Double(genotype.normal.code % 11)
    let ntk = 50 + 20 * Double(edges.filter { $0.op == .skipConnect }.count) + Double(genotype.reduce.code % 7)
    return Evaluation(cell: genotype, value: log(regions) - log(ntk),
                      costs: [TENASRanking.regionsName: regions, TENASRanking.ntkName: ntk])
  }

  /// Runs a search to the end in asks of 4, optionally restoring a fresh search from the saved
  /// state before every ask; returns the asked architectures and the search.
  static func runToTheEnd(resumingEveryAsk: Bool) throws -> ([DARTSGenotype], DARTSTwoPhaseSearch) {
    var search = try makeSearch()
    var asked: [DARTSGenotype] = []
    while true {
      if resumingEveryAsk {
        let state = try search.saveState()
        search = try makeSearch()
        try search.restoreState(state)
      }
      let batch = try search.ask(limit: 4)
      if batch.isEmpty { break }
      asked += batch
      try search.tell(batch.reversed().map(evaluation))
    }
    return (asked, search)
  }

  func testBothPhasesRunToTheEndAndResumeIdentically() throws {
    let (asked, search) = try Self.runToTheEnd(resumingEveryAsk: false)
    // Phase 1: 4 random + two rounds of 6 (training 4 → 6 → 8 > 6). Phase 2: 3 random (phase 1's
    // best architecture is the fourth opening cell) + two rounds of 6.
    XCTAssertEqual(asked.count, 16 + 15)
    XCTAssertEqual(Set(asked).count, asked.count)
    let phaseOne = asked.prefix(16), phaseTwo = asked.suffix(15)
    XCTAssertTrue(phaseOne.allSatisfy { $0.reduce == search.sampledReductionCell })
    let fixed = try XCTUnwrap(search.fixedNormalCell)
    XCTAssertTrue(phaseOne.contains { $0.normal == fixed })
    XCTAssertTrue(phaseTwo.allSatisfy { $0.normal == fixed })
    XCTAssertEqual(Set(phaseTwo.map(\.reduce)).count, 15)
    for genotype in asked {
      XCTAssertEqual(try DARTSSpace().parseCell(DARTSSpace().format(genotype)), genotype)
    }
    let (resumed, _) = try Self.runToTheEnd(resumingEveryAsk: true)
    XCTAssertEqual(resumed, asked)
  }

  func testARoundKeepsItsBestByRankSumAndThePhaseBestComesFromTheTrainingSet() throws {
    let search = try TENASCellSearch(domain: SearchDomain(space: DARTSCellSpace()),
                                     generator: try ShippedGenerator.load(space: "darts"),
                                     configuration: Self.tinyConfiguration, settings: Self.settings, seed: 3)
    var rng = Xoshiro256StarStar(seed: 1, stream: "test")
    let reduce = DARTSCellSpace().randomCell(using: &rng)
    func tell(_ cells: [DARTSCell]) throws -> [Evaluation<DARTSCell>] {
      let told = cells.map { cell in
        let e = Self.evaluation(DARTSGenotype(normal: cell, reduce: reduce))
        return Evaluation(cell: cell, value: e.value, costs: e.costs)
      }
      try search.tell(told)
      return told
    }
    let opening = try tell(try search.ask(limit: 10))
    XCTAssertEqual(opening.count, 4)
    XCTAssertEqual(search.trainingCells, opening.map(\.cell))
    var round: [Evaluation<DARTSCell>] = []
    while round.count < 6 {
      let batch = try search.ask(limit: 4)
      guard !batch.isEmpty else { return XCTFail("the round found \(round.count) candidates, not 6") }
      round += try tell(batch)
      if round.count < 6 { XCTAssertEqual(search.trainingCells.count, 4, "the round joins once fully told") }
    }
    XCTAssertEqual(round.count, 6)
    let expected = TENASRanking.best(2, regions: round.map { $0.costs[TENASRanking.regionsName]! },
                                     ntk: round.map { $0.costs[TENASRanking.ntkName]! }).sorted().map { round[$0].cell }
    XCTAssertEqual(search.trainingCells, opening.map(\.cell) + expected)
    let training = opening + round.filter { expected.contains($0.cell) }
    let best = TENASRanking.best(1, regions: training.map { $0.costs[TENASRanking.regionsName]! },
                                 ntk: training.map { $0.costs[TENASRanking.ntkName]! })[0]
    XCTAssertEqual(search.bestTold?.cell, training[best].cell)
    XCTAssertFalse(search.isFinished)
  }

  func testAPredictorTrainingConfigurationIsRefused() {
    var c = Self.tinyConfiguration
    c.alpha = 0.9
    let generatorConfiguration = GeneratorConfiguration.published(for: DARTSCellSpace())
    XCTAssertThrowsError(try TENASCellSearch(domain: SearchDomain(space: DARTSCellSpace()),
                                             generator: Generator(configuration: generatorConfiguration, seed: 9),
                                             configuration: c, seed: 3)) { XCTAssertTrue($0 is InputError) }
  }
}
