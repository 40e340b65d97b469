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

  /// `nasbench101_cells.csv`, in file order (read once per test process; split as bytes, which
  /// is much faster than splitting Characters in a debug build).
  static let officialRows: [Row] = {
    let data = try! Data(contentsOf: SharedData.file("nasbench101/nasbench101_cells.csv"))
    var rows: [Row] = []
    rows.reserveCapacity(NASBench101Enumeration.cellCount)
    for line in data.split(separator: UInt8(ascii: "\n")).dropFirst() {
      let fields = line.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
      rows.append(Row(hash: fields[0], vertices: Int(fields[1])!, adjacencyBits: Int(fields[2])!, ops: fields[3]))
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
    XCTAssertEqual(NASBench101Enumeration.cells(vertexCounts: 2...4, threads: 1).map(Self.row), Array(expected.prefix(91)))
    XCTAssertEqual(NASBench101Enumeration.cells(vertexCounts: 2...4, threads: 3).map(Self.row), Array(expected.prefix(91)))
  }

  func testSampledRowsReproduceTheirHashes() throws {
    // Every 733rd row (578 cells, mostly of 6 and 7 vertices).
    let rows = Self.officialRows
    for index in stride(from: 0, to: rows.count, by: 733) {
      let row = rows[index]
      let cell = try NASBench101Cell(vertexCount: row.vertices, adjacencyBits: row.adjacencyBits, ops: NASBench101Cell.ops(digits: row.ops))
      XCTAssertEqual(Self.row(cell), row)
    }
  }

  /// The whole space equals the official list row by row, so every official row's hash is
  /// reproduced from its structure. About 3 s because SearchSpaces is optimised even in debug
  /// builds (Package.swift); unoptimised, the SIMD MD5 would make this half an hour.
  func testWholeSpaceEqualsTheOfficialList() throws {
    let cells = NASBench101Enumeration.cells()
    XCTAssertEqual(cells.count, NASBench101Enumeration.cellCount)
    XCTAssertEqual(Set(cells.map(\.fingerprint)).count, NASBench101Enumeration.cellCount)
    let official = Self.officialRows
    var mismatches: [String] = []
    for (cell, row) in zip(cells, official) where Self.row(cell) != row { mismatches.append("\(cell.text) vs \(row)") }
    XCTAssertEqual(mismatches.count, 0, "first mismatches: \(mismatches.prefix(5))")
  }
}
