import XCTest
import Randomness
import TestSupport
@testable import SearchSpaces

/// The NAS-Bench-101 space: encodings, moves, parsing. Spaces here get an explicit cell list: the
/// default one enumerates all 423,624 cells, minutes in a debug build.
final class NASBench101SpaceTests: XCTestCase {
  static let best = "7:1101347:10200"

  /// Real cells of all sizes (about 220): every cell of up to 3 vertices and every 25th of 4 or 5
  /// from the enumeration (checked against the official list elsewhere), then every 300th cell
  /// of the shipped 30k sample (6 and 7 vertices, in hash order).
  static let sample: [NASBench101Cell] = {
    let small = NASBench101Enumeration.cells(vertexCounts: 2...5, threads: 1).enumerated()
      .filter { $0.offset % 25 == 0 || $0.element.vertexCount <= 3 }.map(\.element)
    let text = try! String(contentsOf: TestData.file("nasbench101/nasbench101_sample30k.csv"), encoding: .utf8)
    let large = text.split(separator: "\n").dropFirst().enumerated().filter { $0.offset % 300 == 0 }.map { row in
      let fields = row.element.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      return try! NASBench101Cell(vertexCount: Int(fields[1])!, adjacencyBits: Int(fields[2])!, ops: NASBench101Cell.ops(digits: fields[3]))
    }
    return small + large
  }()

  let space = NASBench101Space(cells: NASBench101SpaceTests.sample)

  func testVocabularyAndEncoding() throws {
    XCTAssertEqual(space.name, "nasbench101")
    XCTAssertEqual(space.vocabulary.nodeTypes, ["output", "input", "conv1x1-bn-relu", "conv3x3-bn-relu", "maxpool3x3"])
    XCTAssertEqual(space.vocabulary.typeCount, 5)
    XCTAssertEqual(space.vocabulary.maxNodes, 7)
    XCTAssertEqual(space.vocabulary.encodingLength, 56)

    let best = try space.parseCell(Self.best)
    let graph = space.graph(of: best)
    // ops 1 0 2 0 0 = conv1x1, conv3x3, maxpool, conv3x3, conv3x3
    XCTAssertEqual(graph.nodeTypes, [1, 2, 3, 4, 3, 3, 0])
    XCTAssertEqual(graph.edges.filter { $0 }.count, 9)
    for y in 1..<7 { for x in 0..<y { XCTAssertEqual(graph.hasEdge(from: x, to: y), best.hasEdge(from: x, to: y)) } }
    let y = space.encoding(of: best)
    XCTAssertEqual(y.count, 56)
    XCTAssertEqual(y.reduce(0, +), 7 + 9)

    // A 3-vertex cell is padded with output nodes and no edges.
    let small = try space.parseCell("3:5:2")
    let ySmall = space.encoding(of: small)
    XCTAssertEqual(ySmall.count, 56)
    XCTAssertEqual(Array(ySmall[0..<15]), [0, 1, 0, 0, 0, /**/ 0, 0, 0, 0, 1, /**/ 1, 0, 0, 0, 0])
    for node in 3..<7 { XCTAssertEqual(ySmall[node * 5], 1, "padding node \(node) is an output") }
    XCTAssertEqual(Array(ySmall[35...]), [1, 0, 1] + [Float](repeating: 0, count: 18))
  }

  func testGraphRoundTrip() {
    for cell in Self.sample {
      let graph = space.graph(of: cell)
      let back = space.cell(from: graph)
      XCTAssertEqual(back, cell)
      XCTAssertEqual(back?.text, cell.text, "a pruned cell comes back with the same structure")
    }
  }

  func testGeneratedGraphsFollowTheOfficialRules() throws {
    let chain = { (types: [Int]) in CellGraph(nodeTypes: types, edges: NASBench101CellTests.edgeList(types.count, (0..<(types.count - 1)).map { ($0, $0 + 1) })) }
    XCTAssertEqual(space.cell(from: chain([1, 3, 2, 0]))?.text, "4:37:01")
    XCTAssertNil(space.cell(from: chain([2, 3, 2, 0])), "first node must be the input")
    XCTAssertNil(space.cell(from: chain([1, 3, 2, 4])), "last node must be the output")
    XCTAssertNil(space.cell(from: chain([1, 1, 2, 0])), "an input on the path is not an operation")
    XCTAssertNil(space.cell(from: chain([1, 3, 0, 0])), "an output on the path is not an operation")
    XCTAssertNil(space.cell(from: CellGraph(nodeTypes: [1], edges: [])))
    XCTAssertNil(space.cell(from: CellGraph(nodeTypes: [1, 0], edges: [false])))
    XCTAssertEqual(space.cell(from: CellGraph(nodeTypes: [1, 0], edges: [true]))?.text, "2:1:")
    // A misplaced input or output off every input→output path is pruned away, like any node.
    let deadEnds = CellGraph(nodeTypes: [1, 3, 1, 0, 0], edges: NASBench101CellTests.edgeList(5, [(0, 1), (1, 4), (0, 2), (1, 3)]))
    XCTAssertEqual(space.cell(from: deadEnds)?.text, "3:5:0")
    // Ten edges, all on paths: invalid.
    let dense = CellGraph(nodeTypes: [1, 3, 3, 3, 3, 3, 0], edges: NASBench101CellTests.edgeList(7, [(0, 1), (0, 2), (0, 3), (0, 4), (0, 5), (1, 6), (2, 6), (3, 6), (4, 6), (5, 6)]))
    XCTAssertNil(space.cell(from: dense))
  }

  func testNeighboursOfTheSmallestCells() throws {
    XCTAssertEqual(space.neighbours(of: try space.parseCell("2:1:")).map(\.text), ["3:5:0", "3:5:1", "3:5:2"])
    // in → conv3x3 → out: two op changes, the shortcut edge, then chains split before and after.
    XCTAssertEqual(space.neighbours(of: try space.parseCell("3:5:0")).map(\.text),
                   ["3:5:1", "3:5:2", "3:7:0", "4:37:00", "4:37:10", "4:37:20", "4:37:01", "4:37:02"])
  }

  func testNeighboursAreValidDistinctAndOneMoveAway() throws {
    let best = try space.parseCell(Self.best)
    let neighbours = space.neighbours(of: best)
    XCTAssertEqual(Set(neighbours).count, neighbours.count)
    XCTAssertFalse(neighbours.contains(best))
    // Ten op changes; no edge can be added (9 already) and no split (7 vertices); removals prune.
    let sameStructure = neighbours.filter { $0.vertexCount == 7 && $0.adjacencyBits == best.adjacencyBits }
    XCTAssertEqual(sameStructure.count, 10)
    for n in sameStructure { XCTAssertEqual(zip(n.ops, best.ops).filter { $0 != $1 }.count, 1) }
    for n in neighbours where !sameStructure.contains(n) {
      XCTAssertLessThan(n.edgeCount, 9)
      XCTAssertNotNil(try? NASBench101Cell(vertexCount: n.vertexCount, adjacencyBits: n.adjacencyBits, ops: n.ops))
    }
    XCTAssertEqual(space.neighbours(of: best), neighbours, "fixed order")
    // Computed independently (a direct Python transcription of the official pruning and hash).
    XCTAssertEqual(neighbours.map(\.text), [
      "7:1101347:00200", "7:1101347:20200", "7:1101347:11200", "7:1101347:12200", "7:1101347:10000",
      "7:1101347:10100", "7:1101347:10210", "7:1101347:10220", "7:1101347:10201", "7:1101347:10202",
      "6:18021:0200", "4:47:10", "7:1100323:10200", "7:1068579:10200", "2:1:",
    ])
  }

  func testMutationIsAValidNeighbourAndReproducible() throws {
    var rng = Xoshiro256StarStar(seed: 11)
    var replay = Xoshiro256StarStar(seed: 11)
    for parent in Self.sample.prefix(25) {
      let child = space.mutate(parent, using: &rng)
      XCTAssertNotEqual(child, parent)
      XCTAssertTrue(space.neighbours(of: parent).contains(child), "\(parent) → \(child)")
      XCTAssertEqual(space.mutate(parent, using: &replay).text, child.text)
    }
  }

  func testMutationOfTheTwoVertexCellIsUniformOverItsSplits() throws {
    let cell = try space.parseCell("2:1:")
    var rng = Xoshiro256StarStar(seed: 3)
    var counts: [String: Int] = [:]
    for _ in 0..<300 { counts[space.mutate(cell, using: &rng).text, default: 0] += 1 }
    XCTAssertEqual(counts.keys.sorted(), ["3:5:0", "3:5:1", "3:5:2"])
    for (_, count) in counts { XCTAssertGreaterThan(count, 70) }
  }

  func testRandomCellIsUniformOverTheDomain() throws {
    let domain = Array(Self.sample.prefix(4))
    let small = NASBench101Space(cells: domain)
    var rng = Xoshiro256StarStar(seed: 5)
    var counts: [NASBench101Cell: Int] = [:]
    for _ in 0..<4_000 { counts[small.randomCell(using: &rng), default: 0] += 1 }
    XCTAssertEqual(Set(counts.keys), Set(domain))
    for (_, count) in counts { XCTAssertEqual(Double(count), 1_000, accuracy: 120) }
  }

  func testTextFormAndHashLookup() throws {
    let best = try space.parseCell(Self.best)
    XCTAssertEqual(space.format(best), Self.best)
    XCTAssertEqual(try space.parseCell(" \(Self.best)\n"), best)
    XCTAssertEqual(try space.parseCell("2:1:").text, "2:1:")
    let sampled = Self.sample[100]
    XCTAssertEqual(try space.parseCell(sampled.fingerprint.hex).text, sampled.text)
    XCTAssertEqual(try space.parseCell(sampled.fingerprint.hex.uppercased()), sampled)
    // Pruning applies to text too: the input→output edge alone leaves vertex 1 hanging.
    XCTAssertEqual(try space.parseCell("3:2:0").text, "2:1:")
    XCTAssertThrowsError(try space.parseCell("02e5a0247bbdcf2860b7e96f74961595")) { error in
      XCTAssertEqual((error as? InputError)?.message, "no NAS-Bench-101 cell has the hash 02e5a0247bbdcf2860b7e96f74961595")
    }
    for bad in ["", "7", "7:1101347", "7:1101347:10200:1", "x:1101347:10200", "7:abc:10200", "7:1101347:1020",
                "7:1101347:10203", "7:1101347:1a200", "8:1:000000", "3:8:0", "2:0:", "3:1:0", "1:0:", "7:-5:10200",
                "7:99999999999999999999999:10200", "02e5a0247bbdcf2860b7e96f7496159"] {
      XCTAssertThrowsError(try space.parseCell(bad), bad) { error in
        XCTAssertTrue(error is InputError, "\(bad): \(error)")
        XCTAssertTrue((error as? InputError)?.message.contains("NAS-Bench-101") == true, "\(bad): \(error)")
      }
    }
  }

  func testTableColumns() throws {
    XCTAssertEqual(space.cellColumns, ["hash", "vertices", "adjacency_bits", "ops"])
    let best = try space.parseCell(Self.best)
    let columns = space.cellColumnValues(best)
    XCTAssertEqual(columns, ["02e5a0247bbdcf2860b7e96f74961594", "7", "1101347", "10200"])
    XCTAssertEqual(try space.parseCell(columns: columns.map { Substring($0) }), best)
    // An unpruned structure is accepted when the hash is the pruned cell's.
    let unpruned = ["b49ac8c578b4561d79ac7087988f1c61", "4", String(NASBench101CellTests.bits([(0, 1), (1, 3), (0, 2)])), "00"]
    XCTAssertEqual(try space.parseCell(columns: unpruned.map { Substring($0) }).text, "3:5:0")
    let wrongHash = ["02e5a0247bbdcf2860b7e96f74961595"] + columns.dropFirst()
    XCTAssertThrowsError(try space.parseCell(columns: wrongHash.map { Substring($0) })) { error in
      XCTAssertEqual((error as? InputError)?.message,
                     "hash 02e5a0247bbdcf2860b7e96f74961595 does not match the cell 7:1101347:10200, whose fingerprint is 02e5a0247bbdcf2860b7e96f74961594")
    }
    for bad in [["x"], ["02e5a0247bbdcf2860b7e96f74961594", "7", "1101347"], ["02e5a0247bbdcf", "7", "1101347", "10200"],
                ["02e5a0247bbdcf2860b7e96f74961594", "", "1101347", "10200"], ["02e5a0247bbdcf2860b7e96f74961594", "7", "1101347", "1020x"],
                ["02e5a0247bbdcf2860b7e96f74961594", "7", "1.5", "10200"]] {
      XCTAssertThrowsError(try space.parseCell(columns: bad.map { Substring($0) }), "\(bad)") { XCTAssertTrue($0 is InputError) }
    }
    XCTAssertEqual(space.cellTableCSV([best, try space.parseCell("2:1:")]),
                   "hash,vertices,adjacency_bits,ops\n02e5a0247bbdcf2860b7e96f74961594,7,1101347,10200\n043721b9c7fe8c5fad811d47d83132ec,2,1,\n")
  }

  func testCodable() throws {
    let best = try space.parseCell(Self.best)
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    let json = String(decoding: try encoder.encode(best), as: UTF8.self)
    XCTAssertEqual(json, #"{"adjacency_bits":1101347,"hash":"02e5a0247bbdcf2860b7e96f74961594","ops":"10200","vertices":7}"#)
    let back = try JSONDecoder().decode(NASBench101Cell.self, from: Data(json.utf8))
    XCTAssertEqual(back.text, best.text)
    let cells = Array(Self.sample.prefix(40))
    XCTAssertEqual(try JSONDecoder().decode([NASBench101Cell].self, from: encoder.encode(cells)).map(\.text), cells.map(\.text))
    for bad in [json.replacingOccurrences(of: "594\"", with: "595\""), json.replacingOccurrences(of: "10200", with: "10203"),
                json.replacingOccurrences(of: "\"vertices\":7", with: "\"vertices\":9"), #"{"hash":"02e5a0247bbdcf2860b7e96f74961594"}"#] {
      XCTAssertThrowsError(try JSONDecoder().decode(NASBench101Cell.self, from: Data(bad.utf8)), bad) { XCTAssertTrue($0 is DecodingError) }
    }
  }
}
