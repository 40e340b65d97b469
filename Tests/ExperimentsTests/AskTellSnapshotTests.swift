@testable import AskTellRuns
import Benchmarks
import Foundation
import Methods
@testable import Runs
import SearchSpaces
import TestSupport
import XCTest

/// An ask/tell run keeps its reference table as a snapshot (`table.snapshot`): the proposals and
/// files are those of a run that reads the CSV in every call, and a changed table is refused.
final class AskTellSnapshotTests: XCTestCase {
  /// A data directory with its own copy of the NAS-Bench-201 table, which a test may change.
  func dataDirectory() throws -> (DataDirectory, URL) {
    let folder = TestData.temporaryDirectory()
    addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
    let csv = folder.appendingPathComponent(BenchmarkCatalog.nasbench201File)
    try FileManager.default.createDirectory(at: csv.deletingLastPathComponent(), withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: TestData.benchmarks.appendingPathComponent(BenchmarkCatalog.nasbench201File), to: csv)
    return (DataDirectory(folder), csv)
  }

  func create(_ run: URL, _ data: DataDirectory) throws {
    try AskTell.create(run, space: "nasbench201", reference: .catalog(.nasbench201, dataset: "cifar10"), dataDirectory: data,
                       method: RandomSearchMethod(), settings: TrialSettings(budget: 30, batchSize: 10, reportEvery: 10),
                       seed: 7, trials: 2)
  }

  /// Asks and tells (the table's values) until the run is finished, each call in a freshly opened
  /// run; `keepSnapshot: false` deletes the snapshot before every call.
  func drive(_ run: URL, _ data: DataDirectory, keepSnapshot: Bool) throws -> [String] {
    let table = try BenchmarkCatalog.nasbench201(dataset: .cifar10, dataDirectory: data)
    let snapshot = run.appendingPathComponent("table.snapshot")
    var asked: [String] = []
    func open() throws -> any AskTellSession {
      if !keepSnapshot { try? FileManager.default.removeItem(at: snapshot) }
      return try AskTell.open(run, dataDirectory: data)
    }
    while true {
      let proposals = try open().ask(count: 7, claim: false)
      if proposals.isEmpty { break }
      XCTAssertEqual(FileManager.default.fileExists(atPath: snapshot.path), true)
      var lines: [String] = []
      for proposal in proposals {
        guard case .text(let text) = proposal.cell else { throw InputError("expected an arch string") }
        let cell = try table.space.parseCell(text)
        asked.append(text)
        lines.append("{\"id\": \"\(proposal.id)\", \"value\": \(table.searchValue(of: cell)!), \"report\": \(table.reportValue(of: cell)!)}")
      }
      try open().tell(Data(lines.joined(separator: "\n").utf8), source: "<stdin>")
      XCTAssertLessThan(asked.count, 1_000)
    }
    return asked
  }

  func testARunWithItsSnapshotProposesAndWritesWhatARunWithoutOneDoes() throws {
    let (data, _) = try dataDirectory()
    let with = TestData.temporaryDirectory(), without = TestData.temporaryDirectory()
    try create(with, data)
    try create(without, data)
    let askedWith = try drive(with, data, keepSnapshot: true)
    let askedWithout = try drive(without, data, keepSnapshot: false)
    XCTAssertEqual(askedWith.count, 60)
    XCTAssertEqual(askedWith, askedWithout)
    var a = try Fixtures.deterministicFiles(in: with)
    var b = try Fixtures.deterministicFiles(in: without)
    XCTAssertNotNil(a.removeValue(forKey: "table.snapshot"))
    b.removeValue(forKey: "table.snapshot")
    XCTAssertEqual(a.keys.sorted(), b.keys.sorted())
    for name in a.keys.sorted() { XCTAssertEqual(a[name], b[name], name) }
  }

  func testAChangedTableIsRefusedThoughTheRunHasASnapshot() throws {
    let (data, csv) = try dataDirectory()
    let run = TestData.temporaryDirectory()
    addTeardownBlock { try? FileManager.default.removeItem(at: run) }
    try create(run, data)
    XCTAssertEqual(try AskTell.open(run, dataDirectory: data).ask(count: 3, claim: false).count, 3)
    XCTAssertTrue(FileManager.default.fileExists(atPath: run.appendingPathComponent("table.snapshot").path))
    // One validation accuracy changes in its last digit: the same size, other contents.
    var bytes = [UInt8](try Data(contentsOf: csv))
    let lastLine = bytes[..<(bytes.count - 1)].lastIndex(of: UInt8(ascii: "\n"))!
    let digit = bytes[(lastLine + 1)...].firstIndex(of: UInt8(ascii: "."))! + 1
    bytes[digit] = bytes[digit] == UInt8(ascii: "1") ? UInt8(ascii: "2") : UInt8(ascii: "1")
    try Data(bytes).write(to: csv)
    XCTAssertThrowsError(try AskTell.open(run, dataDirectory: data)) { error in
      XCTAssertTrue("\(error)".contains("is not the one this run was created with"), "\(error)")
    }
  }
}
