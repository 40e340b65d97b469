@testable import Baselines
import Optimization
import Randomness
import SearchSpaces
import XCTest

final class BANANASTests: XCTestCase {
  typealias Bananas = BANANAS<NASBench201Space>

  /// Small networks and short training: the behaviour, not the published quality, is under test.
  static let quick = BANANASConfiguration(ensembleSize: 3, hiddenLayers: 2, layerWidth: 8, epochs: 10)

  func testInitialCellsAreRandomThenMutationsOfTheBestCells() throws {
    let bananas = try Bananas(domain: Landscapes.domain(), configuration: Self.quick, seed: 1)
    let initial = try bananas.ask(limit: 10)
    XCTAssertEqual(bananas.roundStatistics["random_cells"], 10)
    XCTAssertEqual(bananas.modelRounds, 0)
    try bananas.tell(Landscapes.evaluate(initial, Landscapes.rugged))

    let parents = initial.sorted { Landscapes.rugged($0) > Landscapes.rugged($1) }.prefix(5)
    let round = try bananas.ask(limit: 10)
    XCTAssertEqual(bananas.modelRounds, 1)
    XCTAssertEqual(bananas.roundStatistics["random_cells"], 0)
    XCTAssertEqual(bananas.roundStatistics["model_cells"], 10)
    XCTAssertEqual(bananas.roundStatistics["candidates"], 100)
    XCTAssertEqual(Set(round).count, 10)
    XCTAssertTrue(Set(round).isDisjoint(with: initial))
    // A mutation changes 1.5 edges on average (6 × 1/4); a random cell lies about 4 edges from
    // the nearest of five cells.
    let distances = round.map { cell in parents.map { zip($0.ops, cell.ops).filter { $0 != $1 }.count }.min()! }
    XCTAssertLessThan(Double(distances.reduce(0, +)) / 10, 2.5, "the chosen cells are mutations of the best cells")
    XCTAssertGreaterThan(bananas.roundStatistics["training_mae"]!, 0)
  }

  func testCandidatesComeFromTheParentsInOrder() {
    let space = Landscapes.space
    let (first, second) = (NASBench201Cell(code: 100), NASBench201Cell(code: 9_000))
    var rng = Xoshiro256StarStar(seed: 4)
    let taken: Set = [first, second, space.neighbours(of: first)[0]]
    let candidates = MutationCandidates(parents: [first, second], count: 30, excluding: taken, contains: { _ in true },
                                        mutate: { space.mutate($0, using: &$1) }, using: &rng)
    XCTAssertEqual(candidates.cells.count, 30)
    XCTAssertEqual(Set(candidates.cells).count, 30)
    XCTAssertTrue(Set(candidates.cells).isDisjoint(with: taken))
    // 30 draws from the first parent's 23 free neighbours, then the second parent's until 30.
    let fromFirst = candidates.cells.prefix { space.neighbours(of: first).contains($0) }
    XCTAssertGreaterThan(fromFirst.count, 15)
    XCTAssertTrue(candidates.cells[fromFirst.count...].allSatisfy { space.neighbours(of: second).contains($0) })
    XCTAssertGreaterThanOrEqual(candidates.duplicates, 30 - fromFirst.count, "the first parent's repeated draws")

    // Outside a sampled domain a draw is redrawn and does not use up the parent's draws.
    let even = MutationCandidates(parents: [first], count: 20, excluding: [first], contains: { $0.code % 2 == 0 },
                                  mutate: { space.mutate($0, using: &$1) }, using: &rng)
    XCTAssertTrue(even.cells.allSatisfy { $0.code % 2 == 0 })
    XCTAssertLessThanOrEqual(even.cells.count, 12, "12 of the 24 neighbours are even")
    XCTAssertGreaterThan(even.outsideDomain, 0)
    XCTAssertEqual(even.cells.count + even.duplicates, 20, "20 draws inside the domain")
  }

  func testABatchCrossingTheInitialCellsStartsWithTheRemainingRandomCells() throws {
    let bananas = try Bananas(domain: Landscapes.domain(), configuration: Self.quick, seed: 2)
    try bananas.tell(Landscapes.evaluate(try bananas.ask(limit: 4), Landscapes.rugged))
    let second = try bananas.ask(limit: 16)
    XCTAssertEqual(second.count, 16)
    XCTAssertEqual(bananas.roundStatistics["random_cells"], 6)
    XCTAssertEqual(bananas.roundStatistics["model_cells"], 10)
  }

  func testSameSeedSameCellsAndOtherSeedsDiffer() throws {
    func run(_ seed: UInt64) throws -> [NASBench201Cell] {
      try Landscapes.drive(try Bananas(domain: Landscapes.domain(), configuration: Self.quick, seed: seed), rounds: 5,
                           batch: 10, Landscapes.unimodal)
    }
    let first = try run(7)
    XCTAssertEqual(first.count, 50)
    XCTAssertEqual(Set(first).count, 50)
    XCTAssertEqual(try run(7), first)
    XCTAssertNotEqual(try run(8), first)
  }

  func testClimbsAUnimodalLandscape() throws {
    // On "edges that agree with a target", the best cell after 80 queries should be far better
    // than the best of the 10 random ones; BANANAS at these settings reaches ≥ 5 of 6 edges.
    let bananas = try Bananas(domain: Landscapes.domain(), configuration: Self.quick, seed: 3)
    let asked = try Landscapes.drive(bananas, rounds: 8, batch: 10, Landscapes.unimodal)
    let initialBest = asked.prefix(10).map(Landscapes.unimodal).max()!
    let best = asked.map(Landscapes.unimodal).max()!
    XCTAssertGreaterThanOrEqual(best.rounded(.down), 5)
    XCTAssertGreaterThan(best, initialBest + 1)
  }

  func testSampledDomainAndExhaustion() throws {
    let members = Array(Landscapes.space.allCells.filter { $0.code % 3 == 0 })
    let domain = Landscapes.domain(members: members)
    let bananas = try Bananas(domain: domain, configuration: Self.quick, seed: 4)
    let asked = try Landscapes.drive(bananas, rounds: 4, batch: 10, Landscapes.rugged)
    XCTAssertTrue(asked.allSatisfy(domain.contains))
    XCTAssertGreaterThan(bananas.roundStatistics["outside_domain_mutations"]!, 0)
    XCTAssertEqual(bananas.roundStatistics["candidates"], 100, "redrawn mutations still give a full candidate set")

    // A domain of 60 cells: every cell is asked once, then nothing.
    let small = Array(Landscapes.space.allCells.filter { $0.code % 260 == 0 }.prefix(60))
    let tiny = try Bananas(domain: Landscapes.domain(members: small), configuration: Self.quick, seed: 5)
    var all: [NASBench201Cell] = []
    var filled = 0.0
    while true {
      let cells = try tiny.ask(limit: 10)
      if cells.isEmpty { break }
      filled += tiny.roundStatistics["random_fill"] ?? 0
      all += cells
      try tiny.tell(Landscapes.evaluate(cells, Landscapes.rugged))
    }
    XCTAssertEqual(all.count, 60)
    XCTAssertEqual(Set(all), Set(small))
    XCTAssertGreaterThan(filled, 0, "mutations of isolated cells rarely land in the domain: random cells fill the rounds")
  }

  func testRunsOnNASBench101WithThePathEncoding() throws {
    // Random cells come from 100 cells reached by random walks from the best cell; mutations range
    // over the whole space. Value: conv3x3 count plus path count, a smooth synthetic landscape.
    var rng = Xoshiro256StarStar(seed: 12)
    var walk = try NASBench101Cell(text: "7:1101347:10200")
    var start: [NASBench101Cell] = []
    while start.count < 100 {
      walk = BANANASMutation.mutate(walk, rate: 1, using: &rng)
      if !start.contains(walk) { start.append(walk) }
    }
    func value(_ cell: NASBench101Cell) -> Double {
      Double(cell.ops.filter { $0 == .conv3x3 }.count) + Double(NASBench101PathEncoding.pathIndices(of: cell).count)
    }
    func run(_ seed: UInt64) throws -> (BANANAS<NASBench101Space>, [NASBench101Cell]) {
      let bananas = try BANANAS(domain: SearchDomain(space: NASBench101Space(cells: start)),
                                configuration: BANANASConfiguration(ensembleSize: 3, hiddenLayers: 2, layerWidth: 8, epochs: 10,
                                                                    pathEncodingLength: 40), seed: seed)
      var asked: [NASBench101Cell] = []
      for _ in 0..<4 {
        let cells = try bananas.ask(limit: 10)
        asked += cells
        try bananas.tell(cells.map { Evaluation(cell: $0, value: value($0)) })
      }
      return (bananas, asked)
    }
    let (bananas, asked) = try run(3)
    XCTAssertEqual(bananas.adapter.featureCount, 40)
    XCTAssertEqual(Set(asked).count, 40)
    XCTAssertEqual(bananas.roundStatistics["model_cells"], 10)
    XCTAssertEqual(bananas.modelRounds, 3)
    XCTAssertEqual(try run(3).1, asked)
  }

  func testSaveAndRestoreContinueExactly() throws {
    try assertResumesExactly(make: { try Bananas(domain: Landscapes.domain(), configuration: Self.quick, seed: 5) },
                             batch: 10, value: Landscapes.rugged)
    try assertResumesExactly(make: { try Bananas(domain: Landscapes.domain(), configuration: Self.quick, seed: 6) },
                             batch: 3, value: Landscapes.unimodal)
  }

  func testProtocolMisuseAndBadConfigurationAreErrors() throws {
    let bananas = try Bananas(domain: Landscapes.domain(), configuration: Self.quick, seed: 1)
    let cells = try bananas.ask(limit: 3)
    XCTAssertThrowsError(try bananas.ask(limit: 3), "ask twice without tell")
    XCTAssertThrowsError(try bananas.tell(Landscapes.evaluate(Array(cells.prefix(2)), Landscapes.rugged)))
    XCTAssertThrowsError(try bananas.tell([Evaluation(cell: cells[0], value: .nan)] + Landscapes.evaluate(Array(cells.dropFirst()), Landscapes.rugged)))

    for bad in [BANANASConfiguration(initialCells: 0), BANANASConfiguration(ensembleSize: 0), BANANASConfiguration(epochs: 0),
                BANANASConfiguration(learningRate: 0), BANANASConfiguration(candidateCount: 0),
                BANANASConfiguration(mutationRate: .infinity), BANANASConfiguration(pathEncodingLength: 400)] {
      XCTAssertThrowsError(try Bananas(domain: Landscapes.domain(), configuration: bad, seed: 1)) { error in
        XCTAssertTrue(error is InputError)
      }
    }
  }
}
