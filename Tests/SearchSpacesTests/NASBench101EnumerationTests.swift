import XCTest
import TestSupport
@testable import SearchSpaces

/// The enumeration and the fingerprint against the official list of all 423,624 cells.
final class NASBench101EnumerationTests: XCTestCase {
  struct Row: Equatable {
    var hash: String
    var vertices: Int
    var adjacencyBits: Int
    var ops: String
  }

  /// `nasbench101_cells.csv`, in file order (read once per test process).
  static let officialRows: [Row] = {
    let text = try! String(contentsOf: SharedData.file("nasbench101/nasbench101_cells.csv"), encoding: .utf8)
    var rows: [Row] = []
    rows.reserveCapacity(NASBench101Enumeration.cellCount)
    for line in text.split(separator: "\n").dropFirst() {
      let fields = line.split(separator: ",", omittingEmptySubsequences: false)
      rows.append(Row(hash: String(fields[0]), vertices: Int(fields[1])!, adjacencyBits: Int(fields[2])!, ops: String(fields[3])))
    }
    return rows
  }()

  static func row(_ cell: NASBench101Cell) -> Row {
    Row(hash: cell.fingerprint.hex, vertices: cell.vertexCount, adjacencyBits: cell.adjacencyBits, ops: cell.opsDigits)
  }

  func testOfficialListHasTheKnownCounts() {
    let rows = Self.officialRows
    XCTAssertEqual(rows.count, NASBench101Enumeration.cellCount)
    for (vertices, count) in NASBench101Enumeration.countsByVertexCount {
      XCTAssertEqual(rows.filter { $0.vertices == vertices }.count, count, "\(vertices) vertices")
    }
  }

  func testStructurePassFindsEveryRepresentative() {
    // The whole space without fingerprints: representatives, in the official order.
    let structures = NASBench101Enumeration.structures(vertexCounts: 2...7)
    XCTAssertEqual(structures.count, NASBench101Enumeration.cellCount)
    for (vertices, count) in NASBench101Enumeration.countsByVertexCount {
      XCTAssertEqual(structures.filter { $0.vertexCount == vertices }.count, count, "\(vertices) vertices")
    }
    let official = Self.officialRows
    var mismatches = 0
    for (structure, row) in zip(structures, official) {
      let ops = (0..<(structure.vertexCount - 2)).map { String(structure.packedOps >> UInt16(2 * $0) & 3) }.joined()
      if structure.vertexCount != row.vertices || Int(structure.adjacencyBits) != row.adjacencyBits || ops != row.ops { mismatches += 1 }
    }
    XCTAssertEqual(mismatches, 0, "the official file lists the representatives in enumeration order")
  }

  func testSmallCellsEqualTheOfficialRows() {
    let cells = NASBench101Enumeration.cells(vertexCounts: 2...5, threads: 2)
    let expected = Array(Self.officialRows.prefix { $0.vertices <= 5 })
    XCTAssertEqual(cells.count, 2_532)
    XCTAssertEqual(cells.map(Self.row), expected)
    XCTAssertEqual(Set(cells).count, cells.count, "fingerprints are distinct")
    // The thread count does not change anything.
    XCTAssertEqual(NASBench101Enumeration.cells(vertexCounts: 2...5, threads: 1).map(Self.row), expected)
  }

  func testSampledRowsReproduceTheirHashes() throws {
    // Every 97th row (about 4,400 cells, mostly of 6 and 7 vertices).
    let rows = Self.officialRows
    for index in stride(from: 0, to: rows.count, by: 97) {
      let row = rows[index]
      let cell = try NASBench101Cell(vertexCount: row.vertices, adjacencyBits: row.adjacencyBits, ops: NASBench101Cell.ops(digits: row.ops))
      XCTAssertEqual(Self.row(cell), row)
    }
  }

  /// The full check (whole enumeration = official list, row by row). Slow in debug builds, so it
  /// runs only with AGNET_HEAVY_TESTS=1; `agnet space enumerate nasbench101` does the same in
  /// release.
  func testWholeSpaceEqualsTheOfficialList() throws {
    try XCTSkipUnless(ProcessInfo.processInfo.environment["AGNET_HEAVY_TESTS"] == "1", "set AGNET_HEAVY_TESTS=1")
    let cells = NASBench101Space.enumeratedCells
    XCTAssertEqual(cells.count, NASBench101Enumeration.cellCount)
    XCTAssertEqual(Set(cells.map(\.fingerprint)).count, NASBench101Enumeration.cellCount)
    XCTAssertEqual(cells.map(Self.row), Self.officialRows)
  }
}
