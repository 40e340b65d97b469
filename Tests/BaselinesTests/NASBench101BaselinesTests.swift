import Baselines
import Optimization
import Randomness
import SearchSpaces
import XCTest

/// The baselines are generic over the space: the same behaviour on NAS-Bench-101, where a sampled
/// table restricts the domain and most mutations leave it.
final class NASBench101BaselinesTests: XCTestCase {
  typealias Cell = NASBench101Cell
  let space = NASBench101Space()

  /// 1,500 cells reached by random mutations from one cell: a sampled "table".
  func sampledDomain() throws -> SearchDomain<NASBench101Space> {
    var rng = Xoshiro256StarStar(seed: 1)
    var cell = try space.parseCell("7:1205349:02001")
    var members: [Cell] = []
    var seen = Set<Cell>()
    while members.count < 1_500 {
      cell = space.mutate(cell, using: &rng)
      if seen.insert(cell).inserted { members.append(cell) }
    }
    return SearchDomain(space: space, members: members)
  }

  func value(_ cell: Cell) -> Double {
    Double(cell.adjacencyBits % 97) + Double(cell.ops.filter { $0 == cell.ops.first }.count) * 0.01
  }

  func drive<O: Optimizer>(_ optimizer: O, rounds: Int, batch: Int) throws -> [Cell] where O.Space == NASBench101Space {
    var asked: [Cell] = []
    for _ in 0..<rounds {
      let cells = try optimizer.ask(limit: batch)
      if cells.isEmpty { break }
      asked += cells
      try optimizer.tell(cells.map { Evaluation(cell: $0, value: value($0)) })
    }
    return asked
  }

  func testEveryBaselineStaysInTheSampleAndNeverRepeats() throws {
    let domain = try sampledDomain()
    let optimizers: [(String, any Optimizer<NASBench101Space>)] = [
      ("rs", RandomSearch(domain: domain, seed: 3)),
      ("re", try RegularizedEvolution(domain: domain, seed: 3)),
      ("ls", LocalSearch(domain: domain, seed: 3)),
    ]
    for (name, optimizer) in optimizers {
      let asked = try drive(optimizer, rounds: 300, batch: 1)
      XCTAssertEqual(asked.count, 300, name)
      XCTAssertEqual(Set(asked).count, 300, "\(name): distinct")
      XCTAssertTrue(asked.allSatisfy(domain.contains), "\(name): in the sample")
    }
  }

  func testSaveAndRestoreContinueExactly() throws {
    let domain = try sampledDomain()
    for make in [{ RandomSearch(domain: domain, seed: 9) as any Optimizer<NASBench101Space> },
                 { try! RegularizedEvolution(domain: domain, seed: 9) }, { LocalSearch(domain: domain, seed: 9) }] {
      let straight = try drive(make(), rounds: 60, batch: 2)
      let first = make()
      var resumed = try drive(first, rounds: 25, batch: 2)
      let second = make()
      try second.restoreState(try first.saveState())
      resumed += try drive(second, rounds: 35, batch: 2)
      XCTAssertEqual(resumed, straight)
    }
  }
}
