@testable import AskTellRuns
import Benchmarks
import Foundation
@testable import Methods
import Optimization
@testable import Runs
import SearchSpaces
import TestSupport
import XCTest

/// The ask/tell state file: format 2 keeps the method's state after each ask, so completing a
/// batch tells it without asking again; format-1 files (saved only after complete batches) still
/// continue to the same result.
final class AskTellStateFormatTests: XCTestCase {
  func table() throws -> TabularBenchmark<NASBench201Space> { try AskTellFixtures.cifar10() }

  func reopen(_ directory: URL) throws -> AskTellRun<NASBench201Space> {
    let table = try table()
    return try AskTellRun(directory: directory, space: table.space, reference: table)
  }

  /// Tells the table's validation (value) and test accuracy (report) of the proposals, in reverse
  /// order, one call each.
  func tell(_ proposals: [ProposedCell], in directory: URL) throws {
    let table = try table()
    for proposal in proposals.reversed() {
      guard case .text(let text) = proposal.cell else { throw InputError("expected an arch string") }
      let cell = try table.space.parseCell(text)
      let line = "{\"id\": \"\(proposal.id)\", \"value\": \(table.searchValue(of: cell)!), \"report\": \(table.reportValue(of: cell)!)}"
      try reopen(directory).tell(Data(line.utf8), source: "<stdin>")
    }
  }

  func drive(_ directory: URL, count: Int) throws {
    while true {
      let proposals = try reopen(directory).ask(count: count)
      if proposals.isEmpty { return }
      try tell(proposals, in: directory)
    }
  }

  func trialFiles(_ directory: URL) throws -> [String: String] {
    try Fixtures.deterministicFiles(in: directory).filter { $0.key.hasPrefix("trial-") || $0.key.hasPrefix("summary") }
  }

  /// `Tests/Fixtures/asktell-format1` was made by the build before format 2 and stopped with one
  /// trial inside its second batch (a BANANAS model round) and the other inside its first; it
  /// continues to the files `agnet search` writes for the same run.
  func testAFormatOneRunStoppedHalfWayContinuesToTheSameFilesAsSearch() throws {
    let fixture = TestData.fixtures.appendingPathComponent("asktell-format1")
    let askTell = TestData.temporaryDirectory()
    try FileManager.default.createDirectory(at: askTell, withIntermediateDirectories: true)
    for name in ["config.json", "asktell.json", "trial-0.asktell", "trial-1.asktell"] {
      try FileManager.default.copyItem(at: fixture.appendingPathComponent(name), to: askTell.appendingPathComponent(name))
    }
    let firstLine = { (url: URL) in String(decoding: try Data(contentsOf: url).prefix { $0 != 0x0A }, as: UTF8.self) }
    XCTAssertEqual(try firstLine(askTell.appendingPathComponent("trial-0.asktell")), "agnet-ask-tell-state 1")
    XCTAssertEqual(try reopen(askTell).status().map(\.told), [11, 4])
    try drive(askTell, count: 5)

    let search = TestData.temporaryDirectory()
    try SearchRun(benchmark: try table(), benchmarkName: "nasbench201", dataset: "cifar10", method: BANANASMethod(),
                  parameters: ["ensemble_size": "2", "epochs": "5", "initial_cells": "8"],
                  settings: TrialSettings(budget: 24, batchSize: 8, reportEvery: 8), seed: 3, trials: 2,
                  directory: search).execute()
    let expected = try trialFiles(search), continued = try trialFiles(askTell)
    XCTAssertEqual(continued.keys.sorted(), ["summary.json", "summary.md", "trial-0.json", "trial-1.json"])
    for name in expected.keys.sorted() { XCTAssertEqual(continued[name], expected[name], name) }
  }

  /// A format-1 file whose pending batch is not what the method proposes from its state is refused
  /// when the batch completes, naming the run.
  func testAFormatOneBatchTheMethodDoesNotRepeatIsRefused() throws {
    let fixture = TestData.fixtures.appendingPathComponent("asktell-format1")
    let askTell = TestData.temporaryDirectory()
    try FileManager.default.createDirectory(at: askTell, withIntermediateDirectories: true)
    for name in ["config.json", "asktell.json", "trial-0.asktell", "trial-1.asktell"] {
      try FileManager.default.copyItem(at: fixture.appendingPathComponent(name), to: askTell.appendingPathComponent(name))
    }
    // Trial 1 has no method state yet (its first batch is pending): one untold cell of the batch
    // becomes another cell of the table.
    let url = askTell.appendingPathComponent("trial-1.asktell")
    var text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
    let state = try AskTellState<NASBench201Cell>(decoding: Data(text.utf8), file: url.path)
    XCTAssertTrue(state.optimizerState.isEmpty)
    XCTAssertNil(state.pending!.told[7])
    let space = NASBench201Space()
    let other = try table().cells.first { !state.pending!.cells.contains($0) }!
    text = text.replacingOccurrences(of: space.format(state.pending!.cells[7]), with: space.format(other))
    try Data(text.utf8).write(to: url)
    let proposals = try reopen(askTell).ask(count: 100).filter { $0.trial == 1 }
    XCTAssertEqual(proposals.count, 4)
    XCTAssertThrowsError(try tell(proposals, in: askTell)) { error in
      XCTAssertTrue("\(error)".contains("did not repeat its proposal"), "\(error)")
    }
  }

  /// After an ask the file holds the method's state with that ask open (format 2), and the tell
  /// that completes the batch continues from it.
  func testTheStateIsSavedAfterTheAsk() throws {
    let directory = TestData.temporaryDirectory()
    let table = try table()
    try AskTellRun.create(directory: directory, space: table.space,
                          reference: (table, ReferenceTable(.catalog(.nasbench201, dataset: "cifar10"))),
                          method: RandomSearchMethod(), settings: TrialSettings(budget: 12, batchSize: 4, reportEvery: 4), seed: 1)
    let url = directory.appendingPathComponent("trial-0.asktell")
    let proposals = try reopen(directory).ask(count: 2)
    let data = try Data(contentsOf: url)
    XCTAssertTrue(data.starts(with: Data("agnet-ask-tell-state 2\n".utf8)))
    let state = try AskTellState<NASBench201Cell>(decoding: data, file: url.path)
    XCTAssertTrue(state.optimizerHasAsked)
    struct Saved: Decodable { struct Asked: Decodable { var cells: [NASBench201Cell] }; var asked: Asked }
    XCTAssertEqual(try JSONDecoder().decode(Saved.self, from: state.optimizerState).asked.cells, state.pending!.cells,
                   "the method's state holds the open ask")
    XCTAssertEqual(proposals.count, 2)
    try tell(try reopen(directory).ask(count: 4), in: directory)
    let told = try AskTellState<NASBench201Cell>(decoding: try Data(contentsOf: url), file: url.path)
    XCTAssertNil(told.pending)
    XCTAssertFalse(told.optimizerHasAsked)
    XCTAssertEqual(told.progress.queries.count, 4)
    XCTAssertEqual(try JSONDecoder().decode(Saved.self, from: told.optimizerState).asked.cells, [], "told")
  }
}
