@testable import Baselines
import Optimization
import SearchSpaces
import XCTest

final class RegularizedEvolutionTests: XCTestCase {
  typealias RE = RegularizedEvolution<NASBench201Space>

  func testFirstPopulationIsRandomThenChildrenAreMutationsOfMembers() throws {
    let re = try RE(domain: Landscapes.domain(), configuration: .init(populationSize: 30, tournamentSize: 10), seed: 2)
    let initial = try Landscapes.drive(re, rounds: 30, batch: 1, Landscapes.rugged)
    XCTAssertEqual(re.population.map(\.cell), initial, "the first 30 queries form the population, oldest first")
    for _ in 0..<100 {
      let before = re.population
      let child = try re.ask(limit: 1)[0]
      XCTAssertEqual(re.roundStatistics["children"], 1)
      XCTAssertTrue(before.contains { Landscapes.space.neighbours(of: $0.cell).contains(child) },
                    "a child is one mutation away from a member")
      try re.tell(Landscapes.evaluate([child], Landscapes.rugged))
      XCTAssertEqual(re.population.count, 30)
      XCTAssertEqual(Array(re.population.dropLast().map(\.cell)), Array(before.dropFirst().map(\.cell)),
                     "the oldest member leaves, the child joins at the young end")
      XCTAssertEqual(re.population.last?.cell, child)
    }
  }

  func testBatchCrossingThePopulationSizeStartsWithTheRemainingRandomCells() throws {
    let re = try RE(domain: Landscapes.domain(), seed: 4)
    try Landscapes.drive(re, rounds: 1, batch: 16, Landscapes.rugged)
    XCTAssertEqual(re.roundStatistics["random_cells"], 16)
    let second = try re.ask(limit: 16)
    XCTAssertEqual(re.roundStatistics["random_cells"], 14)
    XCTAssertEqual((re.roundStatistics["children"] ?? 0) + (re.roundStatistics["random_fallbacks"] ?? 0), 2)
    try re.tell(Landscapes.evaluate(second, Landscapes.rugged))
    XCTAssertEqual(re.population.count, 30)
  }

  func testTournamentDrawsWithReplacement() throws {
    // Population of 30 distinct values: the best member wins a tournament of 10 with probability
    // 1 − (29/30)^10 = 0.2872 with replacement (10/30 = 0.3333 without).
    let re = try RE(domain: Landscapes.domain(), configuration: .init(populationSize: 30, tournamentSize: 10), seed: 9)
    try Landscapes.drive(re, rounds: 30, batch: 1, Landscapes.rugged)
    let best = re.population.max { $0.value < $1.value }!
    var wins = 0
    let draws = 20_000
    for _ in 0..<draws where re.tournamentWinner() == best { wins += 1 }
    XCTAssertEqual(Double(wins) / Double(draws), 1 - pow(29.0 / 30.0, 10), accuracy: 0.012)

    // With a huge tournament the best member always wins.
    let greedy = try RE(domain: Landscapes.domain(), configuration: .init(populationSize: 30, tournamentSize: 500), seed: 9)
    try Landscapes.drive(greedy, rounds: 30, batch: 1, Landscapes.rugged)
    let greedyBest = greedy.population.max { $0.value < $1.value }!
    for _ in 0..<200 { XCTAssertEqual(greedy.tournamentWinner(), greedyBest) }
  }

  func testChildrenAreNeverRepeatsAndFallBackToRandomCells() throws {
    // A 60-cell domain of 12 neighbourhoods: mutations soon give only known cells; every query must
    // still be new, until the domain is exhausted.
    let centre = (0..<5).map { NASBench201Cell(code: $0 * 3_001) }
    let members = Array(Set(centre.flatMap { [$0] + Landscapes.space.neighbours(of: $0).prefix(11) })).sorted()
    let re = try RE(domain: Landscapes.domain(members: members),
                    configuration: .init(populationSize: 10, tournamentSize: 3, mutationAttempts: 5), seed: 1)
    var fallbacks = 0.0
    var asked: [NASBench201Cell] = []
    while true {
      let cells = try re.ask(limit: 1)
      if cells.isEmpty { break }
      fallbacks += re.roundStatistics["random_fallbacks"] ?? 0
      asked += cells
      try re.tell(Landscapes.evaluate(cells, Landscapes.rugged))
    }
    XCTAssertEqual(asked.count, members.count)
    XCTAssertEqual(Set(asked), Set(members))
    XCTAssertGreaterThan(fallbacks, 0, "a small domain forces random fallbacks")
  }

  func testMutationsOutsideASampledDomainAreRedrawn() throws {
    let members = Array(Landscapes.space.allCells.filter { $0.code % 3 == 0 })
    let domain = Landscapes.domain(members: members)
    let re = try RE(domain: domain, seed: 6)
    let asked = try Landscapes.drive(re, rounds: 200, batch: 1, Landscapes.rugged)
    XCTAssertTrue(asked.allSatisfy(domain.contains))
    XCTAssertEqual(Set(asked).count, 200)
  }

  func testBadConfigurationIsAnError() {
    XCTAssertThrowsError(try RE(domain: Landscapes.domain(), configuration: .init(populationSize: 0), seed: 1))
    XCTAssertThrowsError(try RE(domain: Landscapes.domain(), configuration: .init(tournamentSize: 0), seed: 1))
  }

  func testSaveAndRestoreContinueExactly() throws {
    try assertResumesExactly(make: { try RE(domain: Landscapes.domain(), seed: 5) }, batch: 1, value: Landscapes.rugged)
    try assertResumesExactly(make: { try RE(domain: Landscapes.domain(), seed: 5) }, batch: 4, value: Landscapes.rugged)
  }
}
