import XCTest
import SearchSpaces
import TestSupport
@testable import Benchmarks

/// A table snapshot is used only while it is intact and made from the files as they are: every
/// other snapshot is ignored (the CSV is read) and replaced.
final class TableSnapshotTests: XCTestCase {
  struct Setup {
    var data: DataDirectory
    var csv: URL
    var snapshot: URL
  }

  func makeSetup() -> Setup {
    let folder = scratchDirectory()
    TableFiles.nasbench201(in: folder)
    return Setup(data: DataDirectory(folder), csv: folder.appendingPathComponent(BenchmarkCatalog.nasbench201File),
                 snapshot: folder.appendingPathComponent("run.snapshot"))
  }

  func load(_ setup: Setup, snapshot: Bool = true) throws -> TabularBenchmark<NASBench201Space> {
    try BenchmarkCatalog.nasbench201(dataset: .cifar10, dataDirectory: setup.data, hardwareCosts: false,
                                     snapshot: snapshot ? setup.snapshot : nil)
  }

  func assertSame(_ a: TabularBenchmark<NASBench201Space>, _ b: TabularBenchmark<NASBench201Space>,
                  file: StaticString = #filePath, line: UInt = #line) throws {
    XCTAssertEqual(a.cells, b.cells, file: file, line: line)
    XCTAssertEqual(a.columnNames, b.columnNames, file: file, line: line)
    for column in a.columnNames {
      XCTAssertEqual(try a.column(column).map(\.bitPattern), try b.column(column).map(\.bitPattern), column, file: file, line: line)
    }
    XCTAssertEqual([a.name, a.source, a.searchMetric], [b.name, b.source, b.searchMetric], file: file, line: line)
    XCTAssertEqual(a.reportMetric, b.reportMetric, file: file, line: line)
    XCTAssertEqual(a.notes, b.notes, file: file, line: line)
    XCTAssertEqual(a.fingerprint, b.fingerprint, file: file, line: line)
  }

  /// A snapshot of the same files but other contents, written under the files' current key: a load
  /// that returns these values read the snapshot.
  func plant(_ setup: Setup, validValue: Double) throws {
    let table = try load(setup, snapshot: false)
    var columns: [String: [Double]] = [:]
    for column in table.columnNames { columns[column] = try table.column(column) }
    columns["cifar10_valid_acc"] = Array(repeating: validValue, count: table.count)
    let planted = try TabularBenchmark(space: table.space, name: table.name, source: table.source, cells: table.cells,
                                       columnNames: table.columnNames, columns: columns, searchMetric: table.searchMetric,
                                       reportMetric: table.reportMetric, notes: table.notes)
    TableSnapshot.write(planted, key: try currentKey(setup), to: setup.snapshot)
  }

  func testASnapshotGivesTheTableAsReadFromTheCSV() throws {
    let setup = makeSetup()
    let read = try load(setup, snapshot: false)
    XCTAssertFalse(FileManager.default.fileExists(atPath: setup.snapshot.path))
    let first = try load(setup) // reads the CSV and saves the snapshot
    XCTAssertTrue(FileManager.default.fileExists(atPath: setup.snapshot.path))
    let second = try load(setup) // from the snapshot
    try assertSame(read, first)
    try assertSame(read, second)
    // The fingerprint the snapshot carries is the one computed from the table.
    let recomputed = try TabularBenchmark(space: second.space, name: second.name, source: second.source, cells: second.cells,
                                          columnNames: second.columnNames,
                                          columns: Dictionary(uniqueKeysWithValues: second.columnNames.map { ($0, try! second.column($0)) }),
                                          searchMetric: second.searchMetric, reportMetric: second.reportMetric)
    XCTAssertEqual(recomputed.fingerprint, second.fingerprint)
  }

  func testASnapshotMatchingTheFilesIsUsed() throws {
    let setup = makeSetup()
    try plant(setup, validValue: 12.5)
    XCTAssertEqual(try load(setup).column("cifar10_valid_acc").first, 12.5)
  }

  func testAChangedTableIsReadFromTheCSVAndTheSnapshotReplaced() throws {
    let setup = makeSetup()
    try plant(setup, validValue: 12.5)
    // The same size and contents, a new modification time: the stamp no longer matches.
    let attributes = [FileAttributeKey.modificationDate: Date(timeIntervalSinceNow: -3600)]
    try FileManager.default.setAttributes(attributes, ofItemAtPath: setup.csv.path)
    let loaded = try load(setup)
    try assertSame(loaded, try load(setup, snapshot: false))
    XCTAssertNotEqual(try loaded.column("cifar10_valid_acc").first, 12.5)
    // The snapshot was rewritten from the CSV.
    try assertSame(try XCTUnwrap(TableSnapshot.read(setup.snapshot, key: currentKey(setup))), loaded)
  }

  func testADamagedSnapshotIsIgnoredAndReplaced() throws {
    let setup = makeSetup()
    let expected = try load(setup) // saves the snapshot
    let intact = try Data(contentsOf: setup.snapshot)
    var flipped = intact
    flipped[flipped.count / 2] ^= 0x10
    for damaged in [flipped, intact.prefix(intact.count - 9), intact + Data([0]), Data("AGNTBL01".utf8), Data()] {
      try damaged.write(to: setup.snapshot)
      XCTAssertNil(TableSnapshot.read(setup.snapshot, key: try currentKey(setup)))
      try assertSame(try load(setup), expected)
      XCTAssertEqual(try Data(contentsOf: setup.snapshot), intact, "the damaged snapshot is replaced")
    }
  }

  func testASnapshotOfAnotherTableIsIgnored() throws {
    let setup = makeSetup()
    let other = makeSetup()
    try plant(other, validValue: 12.5)
    try FileManager.default.copyItem(at: other.snapshot, to: setup.snapshot)
    XCTAssertNil(TableSnapshot.read(setup.snapshot, key: try currentKey(setup)))
    let loaded = try load(setup)
    XCTAssertNotEqual(try loaded.column("cifar10_valid_acc").first, 12.5)
    try assertSame(loaded, try load(setup, snapshot: false))
    // Nor is one of the same file loaded for another purpose (with the HW-NAS-Bench costs).
    try plant(setup, validValue: 12.5)
    let withCosts = try BenchmarkCatalog.nasbench201(dataset: .cifar10, dataDirectory: setup.data, hardwareCosts: true,
                                                     snapshot: setup.snapshot)
    XCTAssertNotEqual(try withCosts.column("cifar10_valid_acc").first, 12.5)
  }

  func currentKey(_ setup: Setup) throws -> String {
    try XCTUnwrap(BenchmarkCatalog.snapshotKey(.cifar10, hardwareCosts: false, file: setup.csv, hardware: nil, dataDirectory: setup.data))
  }
}
