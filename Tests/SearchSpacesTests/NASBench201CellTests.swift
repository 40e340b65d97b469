import XCTest
import Randomness
@testable import SearchSpaces

final class NASBench201CellTests: XCTestCase {
  let space = NASBench201Space()
  let best = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|"

  func testRoundTripOfEveryCell() throws {
    let all = space.allCells
    XCTAssertEqual(all.count, 15_625)
    XCTAssertEqual(Set(all.map(\.archString)).count, 15_625)
    for cell in all.prefix(2_000) { XCTAssertEqual(try space.parseCell(cell.archString), cell) }
  }

  /// The byte-by-byte writer against the arch string spelled out from the ops, for every cell.
  func testArchStringOfEveryCellIsTheOpsSpelledOut() {
    for cell in space.allCells {
      let o = cell.ops.map(\.name)
      XCTAssertEqual(cell.archString, "|\(o[0])~0|+|\(o[1])~0|\(o[2])~1|+|\(o[3])~0|\(o[4])~1|\(o[5])~2|")
    }
  }

  func testKnownCell() throws {
    let cell = try NASBench201Cell(archString: best)
    XCTAssertEqual(cell.ops, [.conv3x3, .conv3x3, .conv3x3, .skipConnect, .conv3x3, .conv3x3])
    XCTAssertEqual(cell.opCodeString, "333133")
    XCTAssertEqual(cell.archString, best)
  }

  func testBadStringsAreErrorsNotTraps() {
    for bad in ["", "|nor_conv_3x3~0|", "|conv~0|+|nor_conv_3x3~0|none~1|+|none~0|none~1|none~2|",
                "|none~1|+|none~0|none~1|+|none~0|none~1|none~2|", "|none~0|+|none~0|+|none~0|none~1|none~2|",
                "none~0|+|none~0|none~1|+|none~0|none~1|none~2|", "|none~0|+|none~0|none~1|+|none~0|none~1|none~x|"] {
      XCTAssertThrowsError(try space.parseCell(bad), bad) { error in
        XCTAssertTrue(error is InputError)
      }
    }
  }

  func testNeighboursAreTheTwentyFourOneEdgeChanges() throws {
    let cell = try NASBench201Cell(archString: best)
    let ns = space.neighbours(of: cell)
    XCTAssertEqual(ns.count, 24)
    XCTAssertEqual(Set(ns).count, 24)
    for n in ns { XCTAssertEqual(zip(n.ops, cell.ops).filter { $0 != $1 }.count, 1) }
  }

  func testMutationChangesExactlyOneEdge() {
    var rng = Xoshiro256StarStar(seed: 1)
    for _ in 0..<500 {
      let cell = space.randomCell(using: &rng)
      let child = space.mutate(cell, using: &rng)
      XCTAssertEqual(zip(child.ops, cell.ops).filter { $0 != $1 }.count, 1)
    }
  }

  func testGraphEncodingBothWays() throws {
    let cell = try NASBench201Cell(archString: best)
    let graph = space.graph(of: cell)
    XCTAssertEqual(graph.nodeTypes, [1, 3, 3, 3, 5, 3, 3, 0])
    XCTAssertEqual(graph.edges.filter { $0 }.count, 10)
    XCTAssertEqual(space.cell(from: graph), cell)
    let y = space.encoding(of: cell)
    XCTAssertEqual(y.count, 84)
    XCTAssertEqual(y.reduce(0, +), 8 + 10)
    var broken = graph
    broken.edges[0].toggle()
    XCTAssertNil(space.cell(from: broken))
    var inputInside = graph
    inputInside.nodeTypes[3] = GraphVocabulary.inputType
    XCTAssertNil(space.cell(from: inputInside))
  }
}
