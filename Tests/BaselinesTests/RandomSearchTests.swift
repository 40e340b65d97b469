import Baselines
import Optimization
import SearchSpaces
import XCTest

final class RandomSearchTests: XCTestCase {
  func testCellsAreDistinctAndFromTheDomain() throws {
    let members = (0..<40).map { NASBench201Cell(code: $0 * 7) }
    let search = RandomSearch(domain: Landscapes.domain(members: members), seed: 3)
    let asked = try Landscapes.drive(search, rounds: 10, batch: 16, Landscapes.rugged)
    XCTAssertEqual(asked.count, 40, "16 + 16 + 8, then the domain is exhausted")
    XCTAssertEqual(Set(asked), Set(members))
    XCTAssertEqual(try search.ask(limit: 4), [])
  }

  func testSameSeedSameCellsAndDifferentSeedDifferentCells() throws {
    let a = try Landscapes.drive(RandomSearch(domain: Landscapes.domain(), seed: 11), rounds: 5, batch: 16, Landscapes.rugged)
    let b = try Landscapes.drive(RandomSearch(domain: Landscapes.domain(), seed: 11), rounds: 5, batch: 16, Landscapes.rugged)
    let c = try Landscapes.drive(RandomSearch(domain: Landscapes.domain(), seed: 12), rounds: 5, batch: 16, Landscapes.rugged)
    XCTAssertEqual(a, b)
    XCTAssertNotEqual(a, c)
    XCTAssertEqual(Set(a).count, 80)
  }

  func testDrawsAreUniform() throws {
    // Over many seeds, the first cell of a 10-cell domain is each member about equally often.
    let members = (0..<10).map { NASBench201Cell(code: $0) }
    var counts = [Int](repeating: 0, count: 10)
    for seed in 0..<5_000 {
      let search = RandomSearch(domain: Landscapes.domain(members: members), seed: UInt64(seed))
      let cells = try search.ask(limit: 9)
      // The one member left out must be uniform too: count it.
      counts[Set(members).subtracting(cells).first!.code] += 1
    }
    for count in counts { XCTAssertEqual(Double(count), 500, accuracy: 75) } // ~ 5 standard deviations
  }

  func testAskTellContractIsEnforced() throws {
    let search = RandomSearch(domain: Landscapes.domain(), seed: 1)
    let cells = try search.ask(limit: 3)
    XCTAssertThrowsError(try search.ask(limit: 3), "ask before tell")
    XCTAssertThrowsError(try search.tell(Landscapes.evaluate(Array(cells.prefix(2)), Landscapes.rugged)), "missing cell")
    let stranger = NASBench201Cell(code: (cells.map(\.code).max()! + 1) % 15_625)
    XCTAssertThrowsError(try search.tell(Landscapes.evaluate(cells + [stranger], Landscapes.rugged)), "cell not asked")
    XCTAssertThrowsError(try search.tell([Evaluation(cell: cells[0], value: .nan)]
                                          + Landscapes.evaluate(Array(cells.dropFirst()), Landscapes.rugged)), "NaN")
    XCTAssertNoThrow(try search.tell(Landscapes.evaluate(cells.reversed(), Landscapes.rugged)), "any order")
  }

  func testSaveAndRestoreContinueExactly() throws {
    try assertResumesExactly(
      make: { RandomSearch(domain: Landscapes.domain(), seed: 5) }, batch: 7, value: Landscapes.rugged)
  }
}

/// Runs 30 rounds straight, and 12 rounds + save + a fresh instance restored + 18 rounds: the
/// cells must be the same.
func assertResumesExactly<O: Optimizer>(make: () throws -> O, batch: Int, value: (NASBench201Cell) -> Double,
                                        file: StaticString = #filePath, line: UInt = #line) throws
where O.Space == NASBench201Space {
  let straight = try Landscapes.drive(try make(), rounds: 30, batch: batch, value)
  let first = try make()
  var resumed = try Landscapes.drive(first, rounds: 12, batch: batch, value)
  let state = try first.saveState()
  let second = try make()
  try second.restoreState(state)
  XCTAssertEqual(try second.saveState(), state, "state round-trips to the same bytes", file: file, line: line)
  resumed += try Landscapes.drive(second, rounds: 18, batch: batch, value)
  XCTAssertEqual(resumed, straight, file: file, line: line)
  XCTAssertThrowsError(try second.restoreState(Data("{}".utf8)), "garbage state is an error", file: file, line: line)
}
