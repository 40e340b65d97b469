import Baselines
import Optimization
import SearchSpaces
import XCTest

final class LocalSearchTests: XCTestCase {
  typealias LS = LocalSearch<NASBench201Space>

  func testMovesToTheFirstBetterNeighbourAndClimbsToTheOptimum() throws {
    let ls = LS(domain: Landscapes.domain(), seed: 3)
    var asked: [NASBench201Cell] = []
    var sinceMove: [NASBench201Cell] = []
    while ls.current?.cell != Landscapes.target {
      let cells = try ls.ask(limit: 1)
      XCTAssertEqual(cells.count, 1)
      let cell = cells[0]
      let before = ls.current
      if let before {
        XCTAssertTrue(Landscapes.space.neighbours(of: before.cell).contains(cell), "a neighbour of the current cell")
      }
      try ls.tell(Landscapes.evaluate(cells, Landscapes.unimodal))
      asked.append(cell)
      if let before {
        if Landscapes.unimodal(cell) > before.value {
          XCTAssertEqual(ls.current?.cell, cell, "moves to the first better neighbour")
          sinceMove = []
        } else {
          XCTAssertEqual(ls.current, before, "stays while neighbours are worse")
          sinceMove.append(cell)
          XCTAssertEqual(Set(sinceMove).count, sinceMove.count, "no neighbour evaluated twice")
        }
      }
      XCTAssertLessThan(asked.count, 200, "a unimodal landscape is climbed quickly")
    }
    XCTAssertEqual(ls.restarts, 0, "a unimodal landscape has no local optimum but the top")
    XCTAssertGreaterThan(ls.moves, 0)
  }

  func testRestartsFromARandomUnqueriedCellAtALocalOptimum() throws {
    // Every value equal: the start is a local optimum once its 24 neighbours are seen.
    let ls = LS(domain: Landscapes.domain(), seed: 8)
    let asked = try Landscapes.drive(ls, rounds: 25, batch: 1) { _ in 1 }
    let start = asked[0]
    XCTAssertEqual(Set(asked.dropFirst()), Set(Landscapes.space.neighbours(of: start)))
    XCTAssertEqual(ls.restarts, 0)
    let restart = try ls.ask(limit: 1)
    XCTAssertEqual(ls.restarts, 1)
    XCTAssertFalse(asked.contains(restart[0]), "the restart cell was never queried")
    try ls.tell(Landscapes.evaluate(restart, { _ in 1 }))
    XCTAssertEqual(ls.current?.cell, restart[0])
  }

  func testKnownBetterNeighbourIsUsedWithoutAQuery() throws {
    // 125 cells (the last three edges fixed), 12 neighbours each. Every new query is worse than all
    // cells before it, so a newly queried neighbour never beats the current cell: any move the search
    // makes is to an already known neighbour, taken without asking for it again.
    let members = Landscapes.space.allCells.filter { $0.code % 125 == 0 }
    let ls = LS(domain: Landscapes.domain(members: members), seed: 21)
    var all: [NASBench201Cell] = []
    while true {
      let cells = try ls.ask(limit: 1)
      if cells.isEmpty { break }
      all += cells
      try ls.tell(cells.map { Evaluation(cell: $0, value: -Double(all.count)) })
    }
    XCTAssertEqual(all.count, members.count, "every cell once, then the domain is exhausted")
    XCTAssertEqual(Set(all).count, all.count)
    XCTAssertGreaterThan(ls.moves, 0, "moves to known better neighbours happen")
  }

  func testBatchesAreFullAndDistinct() throws {
    let ls = LS(domain: Landscapes.domain(), seed: 4)
    var seen = Set<NASBench201Cell>()
    for _ in 0..<40 {
      let cells = try ls.ask(limit: 5)
      XCTAssertEqual(cells.count, 5)
      for cell in cells { XCTAssertTrue(seen.insert(cell).inserted) }
      try ls.tell(Landscapes.evaluate(cells, Landscapes.rugged))
    }
    XCTAssertGreaterThan(ls.restarts, 0, "a rugged landscape has local optima")
  }

  func testStaysInASampledDomain() throws {
    let members = Array(Landscapes.space.allCells.filter { $0.code % 2 == 0 })
    let domain = Landscapes.domain(members: members)
    let asked = try Landscapes.drive(LS(domain: domain, seed: 2), rounds: 300, batch: 1, Landscapes.rugged)
    XCTAssertTrue(asked.allSatisfy(domain.contains))
    XCTAssertEqual(Set(asked).count, asked.count)
  }

  func testSaveAndRestoreContinueExactly() throws {
    try assertResumesExactly(make: { LS(domain: Landscapes.domain(), seed: 5) }, batch: 1, value: Landscapes.rugged)
    try assertResumesExactly(make: { LS(domain: Landscapes.domain(), seed: 5) }, batch: 3, value: Landscapes.unimodal)
  }
}
