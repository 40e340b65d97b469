import XCTest
import SearchSpaces
import TestSupport
@testable import Benchmarks

/// The tables inside the package: found from the test binary, equal to the project's reference
/// copies, and used only when the data directory lacks a table.
final class ShippedTablesTests: XCTestCase {
  static let files = [BenchmarkCatalog.nasbench201File, HWNASBench.file, BenchmarkCatalog.nasbench101File]

  func testShippedTablesAreFoundBesideTheBinary() throws {
    let folder = try XCTUnwrap(ShippedTables.directory)
    XCTAssertTrue(folder.path.contains("AGNet_Benchmarks"), "the resource bundle, not the source folder: \(folder.path)")
    for file in Self.files {
      XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent(file).path), file)
    }
  }

  /// The only test that reads the reference folder, and only when it is there.
  func testShippedTablesEqualTheReferenceCopies() throws {
    guard let reference = TestData.reference else {
      throw XCTSkip("no reference tables beside the checkout (../shared/benchmarks): nothing to compare with")
    }
    let shipped = try XCTUnwrap(ShippedTables.directory)
    for file in Self.files {
      let ours = try Data(contentsOf: shipped.appendingPathComponent(file))
      let theirs = try Data(contentsOf: reference.appendingPathComponent(file))
      XCTAssertTrue(ours == theirs, "\(file) differs from the reference copy")
    }
  }

  func testDataDirectoryFallsBackPerFile() throws {
    let shipped = try XCTUnwrap(ShippedTables.directory)
    // A user folder that does not exist yet (the per-user default on a new machine).
    let fresh = DataDirectory.resolve(commandLine: nil, environment: ["HOME": "/nonexistent-home"], shipped: shipped)
    let benchmark = try BenchmarkCatalog.nasbench201(dataset: .cifar10, dataDirectory: fresh)
    XCTAssertEqual(benchmark.reportMetric, "cifar10_test_acc", "the shipped table has test accuracy")
    XCTAssertTrue(benchmark.source.hasPrefix(shipped.path), benchmark.source)
    XCTAssertTrue(benchmark.notes.contains { $0.contains("shipped with agnet") }, "\(benchmark.notes)")
    XCTAssertTrue(benchmark.columnNames.contains("fpga_latency_ms"), "HW-NAS-Bench joined from the shipped copy")
    XCTAssertTrue(fresh.describeSource(HWNASBench.file).hasPrefix("shipped with agnet"))

    // A table in the user's folder wins over the shipped one; the file it lacks still falls back.
    // (the real table without its test column, as `agnet data install nasbench201` makes it)
    let mine = scratchDirectory()
    let real = try String(contentsOf: shipped.appendingPathComponent(BenchmarkCatalog.nasbench201File), encoding: .utf8)
    let withoutTest = real.split(separator: "\n").map { line in
      var fields = line.split(separator: ",", omittingEmptySubsequences: false)
      fields.remove(at: 3)
      return fields.joined(separator: ",")
    }
    XCTAssertEqual(withoutTest[0].split(separator: ",")[2], "cifar10_valid_acc")
    let mineFile = mine.appendingPathComponent(BenchmarkCatalog.nasbench201File)
    try FileManager.default.createDirectory(at: mineFile.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data((withoutTest.joined(separator: "\n") + "\n").utf8).write(to: mineFile)
    let directory = DataDirectory(mine, fallback: shipped)
    let own = try BenchmarkCatalog.nasbench201(dataset: .cifar10, dataDirectory: directory)
    XCTAssertNil(own.reportMetric)
    XCTAssertTrue(own.source.hasPrefix(mine.standardizedFileURL.path), own.source)
    XCTAssertTrue(directory.describeSource(BenchmarkCatalog.nasbench201File).hasPrefix("from \(mine.standardizedFileURL.path)"))
    XCTAssertEqual(directory.locate(BenchmarkCatalog.nasbench101File), shipped.appendingPathComponent(BenchmarkCatalog.nasbench101File))
    XCTAssertEqual(directory.file(BenchmarkCatalog.nasbench101File).deletingLastPathComponent().deletingLastPathComponent().path,
                   mine.standardizedFileURL.path, "writes go to the user's folder, never the shipped one")
  }

  func testANamedFolderThatDoesNotExistIsAnError() {
    let typo = DataDirectory.resolve(commandLine: "/nonexistent/agnet-dta", environment: [:])
    XCTAssertNotNil(typo.fallback)
    XCTAssertInputError(try BenchmarkCatalog.nasbench201(dataset: .cifar10, dataDirectory: typo),
                        ["/nonexistent/agnet-dta", "--data-dir", "does not exist"])
  }
}
