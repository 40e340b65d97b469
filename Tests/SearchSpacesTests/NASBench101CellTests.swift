import XCTest
import Randomness
import TestSupport
@testable import SearchSpaces

final class NASBench101CellTests: XCTestCase {
  let space = NASBench101Space()

  /// Rows of the official cell list (hash, vertices, adjacency_bits, ops), checked by hand
  /// against the official list of all cells (`nasbench101_cells.csv` of the reference data).
  static let knownRows = [
    ("043721b9c7fe8c5fad811d47d83132ec", 2, 1, ""),
    ("b49ac8c578b4561d79ac7087988f1c61", 3, 5, "0"),
    ("d1269d9156ddc027c40473008192958a", 3, 5, "1"),
    ("53cee42601ad14d661bb6878031d6acb", 3, 5, "2"),
    ("a8efa7c02fac3ad95130c148e4a056f4", 6, 23341, "1121"),
    ("ad809175439121303088959281341166", 7, 1066535, "01212"),
    ("febe59f87d18525688bc72b5b7562598", 7, 1071645, "21000"),
    ("7c49e56b71e0fa4c997073a0855979cd", 7, 1100341, "00111"),
    ("550a70282aca255d22905265ee0c22d6", 7, 1135381, "21122"),
    ("bf7972b1f2925f049f65fc8f8d88224e", 7, 1199637, "20110"),
    ("2e131f3e0f74b8f04ddde1439905757c", 7, 1269861, "11221"),
    ("92efad330d844683678364d094b46296", 7, 1337893, "21102"),
    ("0b99294ed4be5145363e70c86d83fbc2", 7, 1523789, "22120"),
    ("f02e4782c2afdc57e5550fb75d7af684", 7, 1659429, "20201"),
    ("00005c142e6f48ac74fdcf73e3439874", 7, 1205349, "02001"),
    // The cell with the best mean test accuracy of the space (nasbench101_three_repeats.json).
    ("02e5a0247bbdcf2860b7e96f74961594", 7, 1101347, "10200"),
  ]

  func testKnownCellsReproduceTheirHashes() throws {
    for (hash, vertices, bits, ops) in NASBench101CellTests.knownRows {
      let cell = try NASBench101Cell(vertexCount: vertices, adjacencyBits: bits, ops: NASBench101Cell.ops(digits: ops))
      XCTAssertEqual(cell.fingerprint.hex, hash)
      XCTAssertEqual(cell.vertexCount, vertices)
      XCTAssertEqual(cell.adjacencyBits, bits)
      XCTAssertEqual(cell.opsDigits, ops)
      XCTAssertEqual(try space.parseCell(columns: [Substring(hash), Substring(String(vertices)), Substring(String(bits)), Substring(ops)]), cell)
      XCTAssertEqual(space.cellColumnValues(cell), [hash, String(vertices), String(bits), ops])
    }
  }

  func testBestCellMatchesThreeRepeatsFile() throws {
    let data = try Data(contentsOf: TestData.file("nasbench101/nasbench101_three_repeats.json"))
    let entries = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
    XCTAssertEqual(entries.count, 35)
    for entry in entries {
      let cell = try NASBench101Cell(vertexCount: entry["n_vertices"] as! Int, adjacencyBits: entry["adj_bits"] as! Int,
                                     ops: NASBench101Cell.ops(digits: entry["ops"] as! String))
      XCTAssertEqual(cell.fingerprint.hex, entry["hash"] as? String)
    }
    let best = try space.parseCell("7:1101347:10200")
    XCTAssertEqual(best.fingerprint.hex, "02e5a0247bbdcf2860b7e96f74961594")
    XCTAssertEqual(best.ops, [.conv1x1, .conv3x3, .maxPool3x3, .conv3x3, .conv3x3])
    XCTAssertEqual(best.edgeCount, 9)
  }

  func testIsomorphicCellsAreTheSameCell() throws {
    var rng = Xoshiro256StarStar(seed: 7)
    var checked = 0
    for (_, vertices, bits, ops) in NASBench101CellTests.knownRows where vertices >= 5 {
      let cell = try NASBench101Cell(vertexCount: vertices, adjacencyBits: bits, ops: NASBench101Cell.ops(digits: ops))
      for _ in 0..<200 {
        guard let (permutedBits, permutedOps) = Self.permuted(cell, rng: &rng), permutedBits != bits || permutedOps != cell.ops else { continue }
        let twin = try NASBench101Cell(vertexCount: vertices, adjacencyBits: permutedBits, ops: permutedOps)
        XCTAssertEqual(twin, cell)
        XCTAssertEqual(twin.hashValue, cell.hashValue)
        XCTAssertEqual(twin.fingerprint, cell.fingerprint)
        XCTAssertEqual(twin.adjacencyBits, permutedBits, "a cell keeps the structure it was built from")
        checked += 1
      }
    }
    XCTAssertGreaterThan(checked, 50)
    // Same structure, other ops: a different cell.
    XCTAssertNotEqual(try space.parseCell("7:1101347:10200"), try space.parseCell("7:1101347:10201"))
  }

  /// The cell with its interior vertices renumbered by a random permutation, when the result is
  /// still upper triangular.
  static func permuted(_ cell: NASBench101Cell, rng: inout Xoshiro256StarStar) -> (Int, [NASBench101Op])? {
    let n = cell.vertexCount
    let image = [0] + rng.shuffled(Array(1..<(n - 1))) + [n - 1]
    var bits = 0
    for y in 1..<n {
      for x in 0..<y where cell.hasEdge(from: x, to: y) {
        guard image[x] < image[y] else { return nil }
        bits |= 1 << CellGraph.edgeIndex(from: image[x], to: image[y])
      }
    }
    var ops = cell.ops
    for v in 1..<(n - 1) { ops[image[v] - 1] = cell.op(at: v) }
    return (bits, ops)
  }

  func testPruning() throws {
    // 0→1→3→4 plus a vertex 2 fed by the input that feeds nothing: pruned to 0→1→2→3.
    let dangling = try NASBench101Cell(vertexCount: 5, adjacencyBits: Self.bits([(0, 1), (1, 3), (3, 4), (0, 2)]), ops: [.conv3x3, .maxPool3x3, .conv1x1])
    let chain = try NASBench101Cell(vertexCount: 4, adjacencyBits: Self.bits([(0, 1), (1, 2), (2, 3)]), ops: [.conv3x3, .conv1x1])
    XCTAssertEqual(dangling.vertexCount, 4)
    XCTAssertEqual(dangling.adjacencyBits, chain.adjacencyBits)
    XCTAssertEqual(dangling.ops, [.conv3x3, .conv1x1])
    XCTAssertEqual(dangling, chain)
    // A vertex that feeds the output but is not fed by the input is pruned too, with its edges.
    let unfed = try NASBench101Cell(vertexCount: 4, adjacencyBits: Self.bits([(0, 1), (1, 3), (2, 3), (1, 2)]), ops: [.conv1x1, .conv3x3])
    XCTAssertEqual(unfed.vertexCount, 4, "vertex 2 is fed by vertex 1, so it stays")
    let orphan = try NASBench101Cell(vertexCount: 4, adjacencyBits: Self.bits([(0, 1), (1, 3), (2, 3)]), ops: [.conv1x1, .maxPool3x3])
    XCTAssertEqual(orphan.text, "3:5:1")
    // The official rule counts edges after pruning: 11 edges of which 2 lead to a dead end are fine.
    let fan = [(0, 1), (0, 2), (0, 3), (0, 4), (1, 2), (1, 6), (2, 6), (3, 6), (4, 6)]
    let elevenEdges = try NASBench101Cell(vertexCount: 7, adjacencyBits: Self.bits(fan + [(1, 5), (2, 5)]), ops: Array(repeating: .conv3x3, count: 5))
    XCTAssertEqual(elevenEdges.vertexCount, 6)
    XCTAssertEqual(elevenEdges.edgeCount, 9)
    XCTAssertEqual(elevenEdges, try NASBench101Cell(vertexCount: 6, adjacencyBits: Self.bits(fan.map { ($0.0, min($0.1, 5)) }), ops: Array(repeating: .conv3x3, count: 4)))
  }

  func testValidityEdgeCases() throws {
    let five = [NASBench101Op](repeating: .conv1x1, count: 5)
    let tenEdges = Self.bits([(0, 1), (0, 2), (0, 3), (0, 4), (0, 5), (1, 6), (2, 6), (3, 6), (4, 6), (5, 6)])
    XCTAssertThrowsError(try NASBench101Cell(vertexCount: 7, adjacencyBits: tenEdges, ops: five)) { error in
      XCTAssertEqual((error as? InputError)?.message.contains("10 edges after pruning (at most 9)"), true, "\(error)")
    }
    let nineEdges = Self.bits([(0, 1), (0, 2), (0, 3), (0, 4), (4, 5), (1, 6), (2, 6), (3, 6), (5, 6)])
    XCTAssertEqual(try NASBench101Cell(vertexCount: 7, adjacencyBits: nineEdges, ops: five).edgeCount, 9)
    // Input not reaching the output: 0→1, 2→3 with 3 the output.
    XCTAssertThrowsError(try NASBench101Cell(vertexCount: 4, adjacencyBits: Self.bits([(0, 1), (2, 3)]), ops: [.conv3x3, .conv3x3])) { error in
      XCTAssertEqual((error as? InputError)?.message.contains("the input does not reach the output"), true, "\(error)")
    }
    XCTAssertThrowsError(try NASBench101Cell(vertexCount: 2, adjacencyBits: 0, ops: []))
    XCTAssertThrowsError(try NASBench101Cell(vertexCount: 8, adjacencyBits: 1, ops: Array(repeating: .conv3x3, count: 6)))
    XCTAssertThrowsError(try NASBench101Cell(vertexCount: 1, adjacencyBits: 0, ops: []))
    XCTAssertThrowsError(try NASBench101Cell(vertexCount: 3, adjacencyBits: 8, ops: [.conv3x3]), "bit 3 is beyond 3 vertices")
    XCTAssertThrowsError(try NASBench101Cell(vertexCount: 3, adjacencyBits: -1, ops: [.conv3x3]))
    XCTAssertThrowsError(try NASBench101Cell(vertexCount: 3, adjacencyBits: 5, ops: []))
    // Eight nodes are fine in a generated graph only if pruning brings them down to seven.
    let eight = CellGraph(nodeTypes: [1, 2, 2, 2, 2, 2, 2, 0], edges: Self.edgeList(8, (0..<7).map { ($0, $0 + 1) }))
    XCTAssertNil(space.cell(from: eight))
    let eightWithDeadEnd = CellGraph(nodeTypes: [1, 2, 2, 2, 2, 2, 2, 0], edges: Self.edgeList(8, (0..<5).map { ($0, $0 + 1) } + [(5, 7), (0, 6)]))
    XCTAssertEqual(space.cell(from: eightWithDeadEnd)?.text, "7:\(Self.bits((0..<6).map { ($0, $0 + 1) })):11111")
  }

  static func edgeList(_ n: Int, _ edges: [(Int, Int)]) -> [Bool] {
    var list = [Bool](repeating: false, count: CellGraph.edgeSlots(n))
    for (x, y) in edges { list[CellGraph.edgeIndex(from: x, to: y)] = true }
    return list
  }

  static func bits(_ edges: [(Int, Int)]) -> Int { edges.reduce(0) { $0 | 1 << CellGraph.edgeIndex(from: $1.0, to: $1.1) } }
}
