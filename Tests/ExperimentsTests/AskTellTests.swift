@testable import AskTellRuns
import Benchmarks
import Comparisons
import Foundation
@testable import Methods
import Optimization
@testable import Runs
import SearchSpaces
import TestSupport
import XCTest

/// The ask/tell protocol through its files, against the real NAS-Bench-201 CIFAR-10 table.
final class AskTellTests: XCTestCase {
  let reParameters = ["population_size": "10", "tournament_size": "4"]
  let reference = ReferenceTable(.catalog(.nasbench201, dataset: "cifar10"))

  func table() throws -> TabularBenchmark<NASBench201Space> { try AskTellFixtures.cifar10() }

  func create(_ directory: URL, method: any SearchMethod = RegularizedEvolutionMethod(), parameters: [String: String]? = nil,
              settings: TrialSettings, trials: Int = 2, seed: UInt64 = 3, withReference: Bool = true,
              failureValue: Double? = nil) throws {
    let table = try table()
    try AskTellRun.create(directory: directory, space: table.space, reference: withReference ? (table, reference) : nil,
                          method: method, parameters: parameters ?? reParameters, settings: settings, seed: seed,
                          trials: trials, failureValue: failureValue)
  }

  /// A fresh process's view of the run (every call re-reads the directory).
  func reopen(_ directory: URL, withReference: Bool = true) throws -> AskTellRun<NASBench201Space> {
    let table = try table()
    return try AskTellRun(directory: directory, space: table.space, reference: withReference ? table : nil)
  }

  /// What an evaluator tells for a proposal: the table's validation and test accuracy, and the
  /// table's values of the `costs` columns.
  func answer(_ proposal: ProposedCell, costs: [String] = []) throws -> String {
    let table = try table()
    guard case .text(let text) = proposal.cell else { throw InputError("expected an arch string") }
    let cell = try table.space.parseCell(text)
    let costItems = try costs.map { "\"\($0)\": \(try table.value($0, of: cell)!)" }.joined(separator: ", ")
    return "{\"id\": \"\(proposal.id)\", \"value\": \(table.searchValue(of: cell)!), \"report\": \(table.reportValue(of: cell)!)"
      + (costs.isEmpty ? "}" : ", \"costs\": {\(costItems)}}")
  }

  /// Drives a run to the end: asks `count` at a time, tells the answers in reverse order one line
  /// per call, re-opening the run before every call (as separate processes, or after a crash).
  func drive(_ directory: URL, count: Int, withReference: Bool = true, costs: [String] = []) throws {
    var calls = 0
    while true {
      let proposals = try reopen(directory, withReference: withReference).ask(count: count)
      if proposals.isEmpty { break }
      for proposal in proposals.reversed() {
        try reopen(directory, withReference: withReference).tell(Data(try answer(proposal, costs: costs).utf8), source: "<stdin>")
      }
      calls += 1
      XCTAssertLessThan(calls, 10_000)
    }
  }

  func searchRun(_ directory: URL, method: any SearchMethod, parameters: [String: String], settings: TrialSettings) throws {
    try SearchRun(benchmark: try table(), benchmarkName: "nasbench201", dataset: "cifar10", method: method,
                  parameters: parameters, settings: settings, seed: 3, trials: 2, directory: directory).execute()
  }

  func assertSameRunFiles(_ search: URL, _ askTell: URL, file: StaticString = #filePath, line: UInt = #line) throws {
    var a = try Fixtures.deterministicFiles(in: search)
    var b = try Fixtures.deterministicFiles(in: askTell)
    XCTAssertNotNil(b.removeValue(forKey: "asktell.json"), file: file, line: line)
    a.removeValue(forKey: ".lock")
    b.removeValue(forKey: ".lock")
    XCTAssertEqual(a.keys.sorted(), b.keys.sorted(), file: file, line: line)
    for name in a.keys.sorted() { XCTAssertEqual(a[name], b[name], name, file: file, line: line) }
  }

  func testRegularizedEvolutionGivesTheSameFilesAsSearch() throws {
    let settings = TrialSettings(budget: 40, batchSize: 1, reportEvery: 8)
    let search = TestData.temporaryDirectory(), askTell = TestData.temporaryDirectory()
    try searchRun(search, method: RegularizedEvolutionMethod(), parameters: reParameters, settings: settings)
    try create(askTell, settings: settings)
    try drive(askTell, count: 3)
    try assertSameRunFiles(search, askTell)
    let result = try JSONFiles.read(TrialResult<NASBench201Cell>.self, from: askTell.appendingPathComponent("trial-1.json"))
    XCTAssertEqual(result.queries.count, 40)
    XCTAssertEqual(result.rounds.count, 40)
    XCTAssertNotNil(result.best?.test)
  }

  func testBatchesToldPieceByPieceGiveTheSameFilesAsSearch() throws {
    let settings = TrialSettings(budget: 40, batchSize: 16, reportEvery: 8)
    let search = TestData.temporaryDirectory(), askTell = TestData.temporaryDirectory()
    try searchRun(search, method: RandomSearchMethod(), parameters: [:], settings: settings)
    try create(askTell, method: RandomSearchMethod(), parameters: [:], settings: settings)
    try drive(askTell, count: 5)
    try assertSameRunFiles(search, askTell)
    let result = try JSONFiles.read(TrialResult<NASBench201Cell>.self, from: askTell.appendingPathComponent("trial-0.json"))
    XCTAssertEqual(result.rounds.map(\.cells), [16, 16, 8])
  }

  func testLocalSearchBANANASAndAGNetPlusGiveTheSameFilesAsSearch() throws {
    let quick = ["ensemble_size": "2", "epochs": "5", "initial_cells": "8"]
    for (method, settings) in [(LocalSearchMethod() as any SearchMethod, TrialSettings(budget: 30, batchSize: 2, reportEvery: 10)),
                               (BANANASMethod(), TrialSettings(budget: 24, batchSize: 8, reportEvery: 8)),
                               (AGNetPlusMethod(), TrialSettings(budget: 24, batchSize: 4, reportEvery: 8))] {
      let parameters = [
        "bananas": quick, "agnet-plus": quick.merging(["generated_cells": "300"]) { $1 },
      ][method.name] ?? [:]
      let search = TestData.temporaryDirectory(), askTell = TestData.temporaryDirectory()
      try searchRun(search, method: method, parameters: parameters, settings: settings)
      try create(askTell, method: method, parameters: parameters, settings: settings)
      try drive(askTell, count: 3)
      try assertSameRunFiles(search, askTell)
    }
  }

  /// AG-Net's saved state (generator, predictor, Adam moments, three random streams) crosses the
  /// process boundary of every ask and tell without changing the trajectory.
  func testAGNetGivesTheSameFilesAsSearch() throws {
    let settings = TrialSettings(budget: 24, batchSize: 8, reportEvery: 8)
    let parameters = ["initial_cells": "8", "ticks": "1", "train_batch_size": "8", "candidates": "10",
                      "candidate_batches": "50,100", "shards": "1"]
    let search = TestData.temporaryDirectory(), askTell = TestData.temporaryDirectory()
    try searchRun(search, method: AGNetMethod(), parameters: parameters, settings: settings)
    try create(askTell, method: AGNetMethod(), parameters: parameters, settings: settings)
    try drive(askTell, count: 3)
    try assertSameRunFiles(search, askTell)
    let result = try JSONFiles.read(TrialResult<NASBench201Cell>.self, from: askTell.appendingPathComponent("trial-1.json"))
    XCTAssertEqual(result.rounds.map(\.cells), [8, 8, 8])
    XCTAssertNotNil(result.rounds.last?.statistics["train_loss"])
  }

  /// The hardware-aware objective travels through `agnet init` into the method and the report.
  func testHardwareAwareAGNetGivesTheSameFilesAsSearch() throws {
    let objective = CostObjective(column: "fpga_latency_ms", maxCost: 2.8, mode: .constraint)
    let settings = TrialSettings(budget: 24, batchSize: 8, reportEvery: 8, costs: [objective.column], objective: objective)
    let parameters = ["initial_cells": "8", "ticks": "1", "train_batch_size": "8", "candidates": "10",
                      "candidate_batches": "50,100"]
    let search = TestData.temporaryDirectory(), askTell = TestData.temporaryDirectory()
    try searchRun(search, method: HardwareAwareAGNetMethod(), parameters: parameters, settings: settings)
    try create(askTell, method: HardwareAwareAGNetMethod(), parameters: parameters, settings: settings)
    try drive(askTell, count: 5, costs: [objective.column])
    try assertSameRunFiles(search, askTell)
    let result = try JSONFiles.read(TrialResult<NASBench201Cell>.self, from: askTell.appendingPathComponent("trial-0.json"))
    XCTAssertNotNil(result.pareto)
    XCTAssertLessThanOrEqual(try XCTUnwrap(result.best?.cost), 2.8)
  }

  func testAskingAgainReturnsThePendingCells() throws {
    let directory = TestData.temporaryDirectory()
    try create(directory, method: RandomSearchMethod(), parameters: [:], settings: TrialSettings(budget: 32, batchSize: 4))
    let first = try reopen(directory).ask(count: 6)
    XCTAssertEqual(first.map(\.id), ["t0-q0", "t0-q1", "t0-q2", "t0-q3", "t1-q0", "t1-q1"])
    XCTAssertEqual(try reopen(directory).ask(count: 6), first)
    try reopen(directory).tell(Data(try answer(first[1]).utf8), source: "<stdin>")
    XCTAssertEqual(try reopen(directory).ask(count: 4).map(\.id), ["t0-q0", "t0-q2", "t0-q3", "t1-q0"])
    // Claiming hands each cell out once.
    let run = try reopen(directory)
    XCTAssertEqual(try run.ask(count: 2, claim: true).map(\.id), ["t0-q0", "t0-q2"])
    XCTAssertEqual(try run.ask(count: 2, claim: true).map(\.id), ["t0-q3", "t1-q0"])
    XCTAssertEqual(try run.ask(count: 3, claim: true).map(\.id), ["t1-q1", "t1-q2", "t1-q3"])
    XCTAssertEqual(try run.ask(count: 1, claim: true), [])
    XCTAssertEqual(try run.ask(count: 1).map(\.id), ["t0-q0"], "a plain ask still shows claimed, untold cells")
    // A claim records its worker and time: a dead worker's cells, or claims past a timeout, are handed out again.
    XCTAssertEqual(try run.ask(count: 1, claiming: ClaimRequest(worker: "b")), [])
    XCTAssertEqual(try run.ask(count: 1, claiming: ClaimRequest(worker: "b", reclaimWorkers: ["a"])), [],
                   "claims without a worker name are not a's")
    XCTAssertEqual(try run.ask(count: 2, claiming: ClaimRequest(worker: "a", reclaimAfter: 0)).map(\.id), ["t0-q0", "t0-q2"])
    XCTAssertEqual(try run.ask(count: 1, claiming: ClaimRequest(worker: "b", reclaimAfter: 3600)), [])
    XCTAssertEqual(try reopen(directory).ask(count: 4, claiming: ClaimRequest(worker: "b", reclaimWorkers: ["a"])).map(\.id),
                   ["t0-q0", "t0-q2"])
    let line = try XCTUnwrap(first.first?.jsonLine)
    XCTAssertTrue(line.hasPrefix("{\"cell\": \"|"), line)
    XCTAssertTrue(line.hasSuffix("\"event\": \"cell\", \"id\": \"t0-q0\", \"query\": 0, \"schema\": 1, \"space\": \"nasbench201\", \"trial\": 0}"), line)
  }

  func testBadTellsChangeNothing() throws {
    let directory = TestData.temporaryDirectory()
    try create(directory, method: RandomSearchMethod(), parameters: [:], settings: TrialSettings(budget: 8, batchSize: 4),
               trials: 1, seed: 0)
    let asked = try reopen(directory).ask(count: 4)
    try reopen(directory).tell(Data(try answer(asked[0]).utf8), source: "<stdin>")
    let good = try answer(asked[1])
    let before = try Fixtures.files(in: directory)
    let cases: [(String, String)] = [
      ("\(good)\n{\"id\": \"t0-q9\", \"value\": 1}", "<stdin>:2: unknown id t0-q9: no such cell has been asked"),
      ("\(good)\n\n\(good)", "<stdin>:3: id t0-q1 is told twice (first on line 1)"),
      (try answer(asked[0]), "<stdin>:1: id t0-q0 was told before"),
      ("{\"id\": \"x\", \"value\": 1}", "<stdin>:1: unknown id 'x'"),
      ("{\"id\": \"t5-q0\", \"value\": 1}", "<stdin>:1: unknown id t5-q0: the run has trials 0…0"),
      ("\(good)\n{\"id\": \"t0-q2\", \"value\": 9", "<stdin>:2: not a JSON object"),
      ("{\"id\": \"t0-q2\"}", "<stdin>:1: missing \"value\""),
      ("{\"id\": \"t0-q2\", \"value\": \"93\"}", "<stdin>:1: not a JSON object"),
      ("{\"id\": \"t0-q2\", \"vlaue\": 93}", "<stdin>:1: unknown key 'vlaue'"),
      ("{\"value\": 93}", "<stdin>:1: missing \"id\""),
      ("{\"id\": \"t0-q2\", \"value\": 93, \"costs\": {\"latency\": 1}}", "<stdin>:1: cost 'latency' told, but the run records no costs"),
      ("{\"id\": \"t0-q2\", \"value\": 93, \"failed\": true}", "<stdin>:1: a failed result has no value"),
      ("{\"id\": \"t0-q2\", \"value\": 93, \"reason\": \"oom\"}", "<stdin>:1: only a failed result"),
      ("{\"id\": \"t0-q2\", \"failed\": true, \"reason\": \"\(String(repeating: "x", count: 2001))\"}",
       "<stdin>:1: the reason has 2001 characters; at most 2000 are kept"),
      ("{\"id\": \"t0-q2\", \"value\": 1e999}", "<stdin>:1: "),
      ("\(good)\n{\"id\": \"t0-q2\", \"value\": 1e308}", "<stdin>:2: the value 1e+308 is out of range"),
      ("{\"id\": \"t0-q2\", \"value\": 9, \"report\": -3e12}", "<stdin>:1: the report value -3000000000000.0 is out of range"),
      // Issue 30: repeated keys (JSONDecoder kept one silently), negative costs, whole inputs echoed.
      ("\(good)\n{\"id\":\"t0-q2\",\"id\":\"t0-q3\",\"value\":1}", "<stdin>:2: the key 'id' is given twice"),
      ("{\"id\": \"t0-q2\", \"value\": 1, \"costs\": {\"a\": 1}, \"\\u0076alue\": 2}", "<stdin>:1: the key 'value' is given twice"),
      ("{\"id\": \"t0-q2\", \"value\": 93, \"costs\": {\"latency\": -1}}", "<stdin>:1: the cost 'latency' = -1.0 is out of range (costs must lie within 0…1e12)"),
      ("{\"id\": \"t0-q2\", \"value\": 93, \"cell\": \"\(String(repeating: "|", count: 1_000_000))\"}",
       "<stdin>:1: the cell of id t0-q2: invalid NAS-Bench-201 cell '||||"),
    ]
    for (input, expected) in cases {
      XCTAssertThrowsError(try reopen(directory).tell(Data(input.utf8), source: "<stdin>"), input) { error in
        let text = (error as? InputError)?.description ?? "\(error)"
        XCTAssertTrue(text.hasPrefix(expected), "\(input.prefix(200)) -> \(text.prefix(300))")
        XCTAssertFalse(text.contains("\n"), text)
        XCTAssertLessThan(text.count, 400, String(text.prefix(300)))
      }
      XCTAssertEqual(try Fixtures.files(in: directory), before, input)
    }
  }

  /// Issue 30: an id past the end of a finished trial said "was told before".
  func testIdsOfAFinishedTrialSayWhetherTheyWereAsked() throws {
    let directory = TestData.temporaryDirectory()
    try create(directory, method: RandomSearchMethod(), parameters: [:], settings: TrialSettings(budget: 4, batchSize: 4),
               trials: 1, seed: 0)
    let asked = try reopen(directory).ask(count: 4)
    try reopen(directory).tell(Data(try asked.map { try answer($0) }.joined(separator: "\n").utf8), source: "<stdin>")
    for (id, expected) in [("t0-q9", "<stdin>:1: id t0-q9 was never asked (trial 0 finished after 4 queries)"),
                           ("t0-q1", "<stdin>:1: id t0-q1 was told before (trial 0 is finished)")] {
      XCTAssertThrowsError(try reopen(directory).tell(Data("{\"id\": \"\(id)\", \"value\": 1}".utf8), source: "<stdin>")) { error in
        XCTAssertEqual("\(error)", expected)
      }
    }
  }

  func testFailedEvaluationsAreToldAsTheLowestValue() throws {
    let directory = TestData.temporaryDirectory()
    try create(directory, method: RandomSearchMethod(), parameters: [:], settings: TrialSettings(budget: 4, batchSize: 4),
               trials: 1, withReference: false)
    let asked = try reopen(directory, withReference: false).ask(count: 4)
    let lines = ["{\"id\": \"t0-q0\", \"value\": 70}", "{\"id\": \"t0-q1\", \"failed\": true, \"reason\": \"out of memory\"}",
                 "{\"id\": \"t0-q2\", \"value\": 60.5, \"report\": 61}", "{\"id\": \"t0-q3\", \"value\": 90, \"report\": 88}"]
    XCTAssertEqual(asked.count, 4)
    let receipt = try reopen(directory, withReference: false).tell(Data(lines.joined(separator: "\n").utf8), source: "results")
    XCTAssertEqual(receipt.finishedTrials, [0])
    XCTAssertTrue(receipt.runFinished)
    let result = try JSONFiles.read(TrialResult<NASBench201Cell>.self, from: directory.appendingPathComponent("trial-0.json"))
    XCTAssertEqual(result.queries.map(\.value), [70, 60.5, 60.5, 90])
    XCTAssertEqual(result.queries.map(\.failure), [nil, "out of memory", nil, nil], "the reason is kept in the trial file")
    XCTAssertEqual(result.rounds[0].statistics["failed_evaluations"], 1)
    XCTAssertEqual(result.best?.test, 88)
    XCTAssertNil(result.queriesToBestValid, "no table: the optimum is unknown")
    let summary = try JSONFiles.read(RunSummary.self, from: directory.appendingPathComponent("summary.json"))
    XCTAssertEqual(summary.optimum.bestValid, 90)
    XCTAssertEqual(summary.queriesToBestValid, [4], "the summary measures the best value any trial found")
    XCTAssertEqual(summary.benchmark, "nasbench201")
    let markdown = try String(contentsOf: directory.appendingPathComponent("summary.md"), encoding: .utf8)
    XCTAssertTrue(markdown.contains("No table: the best cell any trial found"), markdown)
    XCTAssertFalse(markdown.contains("Table optimum"), markdown)
    XCTAssertEqual(try reopen(directory, withReference: false).ask(count: 1), [], "a finished run asks nothing")
  }

  /// Issue 30: `agnet search` with the same options on an ask/tell run filled its trial from the
  /// table, deleted the told values and marked the run finished.
  func testCommandsOfOneKindRefuseAnotherKindsRun() throws {
    let settings = TrialSettings(budget: 16, batchSize: 4)
    let askTell = TestData.temporaryDirectory()
    try create(askTell, method: RandomSearchMethod(), parameters: [:], settings: settings)
    let asked = try reopen(askTell).ask(count: 4)
    try reopen(askTell).tell(Data(try asked.prefix(3).map { try answer($0) }.joined(separator: "\n").utf8), source: "<stdin>")
    let told = try Fixtures.files(in: askTell)
    func assertRefused(_ body: @autoclosure () throws -> Void, _ made: String, _ directory: URL, line: UInt = #line) {
      XCTAssertThrowsError(try body(), line: line) { error in
        let text = "\(error)"
        XCTAssertTrue(text.contains("made by \(made)") && text.contains(directory.standardizedFileURL.path), text, line: line)
        XCTAssertFalse(text.contains("\n"), text, line: line)
      }
    }
    assertRefused(try searchRun(askTell, method: RandomSearchMethod(), parameters: [:], settings: settings), "agnet init", askTell)
    func compare(_ directory: URL) throws {
      try ComparisonRun(benchmark: try table(), benchmarkName: "nasbench201", dataset: "cifar10",
                        methods: [MethodChoice(RandomSearchMethod())], budget: 16, seed: 3, trials: 2,
                        directory: directory).execute()
    }
    assertRefused(try compare(askTell), "agnet init", askTell)
    XCTAssertEqual(try Fixtures.files(in: askTell), told, "the told values are kept")

    let search = TestData.temporaryDirectory()
    try searchRun(search, method: RandomSearchMethod(), parameters: [:], settings: settings)
    let searched = try Fixtures.files(in: search)
    assertRefused(try create(search, method: RandomSearchMethod(), parameters: [:], settings: settings), "agnet search", search)
    assertRefused(_ = try reopen(search).ask(count: 1), "agnet search", search)
    assertRefused(try compare(search), "agnet search", search)
    XCTAssertEqual(try Fixtures.files(in: search), searched)

    let comparison = TestData.temporaryDirectory()
    try compare(comparison)
    assertRefused(try searchRun(comparison, method: RandomSearchMethod(), parameters: [:], settings: settings),
                  "agnet compare", comparison)
    assertRefused(try create(comparison, method: RandomSearchMethod(), parameters: [:], settings: settings),
                  "agnet compare", comparison)
    try compare(comparison) // growing a run with the command that made it is fine
  }

  func testInitRefusesADifferentConfiguration() throws {
    let directory = TestData.temporaryDirectory()
    let settings = TrialSettings(budget: 8, batchSize: 1)
    try create(directory, settings: settings)
    try create(directory, settings: settings) // the same: fine
    XCTAssertThrowsError(try create(directory, settings: TrialSettings(budget: 7, batchSize: 1))) { error in
      XCTAssertTrue("\(error)".contains("settings.budget"), "\(error)")
    }
    // A larger budget would grow a search run; an ask/tell run grows by trials only.
    XCTAssertThrowsError(try create(directory, settings: TrialSettings(budget: 9, batchSize: 1))) { error in
      XCTAssertTrue("\(error)".contains("grows by --trials only"), "\(error)")
    }
    XCTAssertThrowsError(try create(directory, settings: settings, failureValue: 0)) { error in
      XCTAssertTrue("\(error)".contains("different"), "\(error)")
    }
    let empty = TestData.temporaryDirectory()
    XCTAssertThrowsError(try reopen(empty)) { error in
      XCTAssertTrue("\(error)".contains("agnet init"), "\(error)")
    }
  }

  func testNASBench101CellsAreObjects() throws {
    let directory = TestData.temporaryDirectory()
    try AskTell.create(directory, space: "nasbench101", reference: nil, dataDirectory: DataDirectory(TestData.benchmarks),
                       method: RandomSearchMethod(), settings: TrialSettings(budget: 4, batchSize: 2))
    let run = try AskTell.open(directory, dataDirectory: DataDirectory(TestData.benchmarks))
    let asked = try run.ask(count: 2, claim: false)
    XCTAssertEqual(asked.count, 2)
    let line = asked[0].jsonLine
    let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
    let cell = try XCTUnwrap(object["cell"] as? [String: Any])
    XCTAssertEqual(Set(cell.keys), ["hash", "vertices", "adjacency_bits", "ops"])
    XCTAssertTrue(cell["ops"] is String)
    XCTAssertEqual((cell["hash"] as? String)?.count, 32)
    XCTAssertNotNil(cell["vertices"] as? Int)
  }
}

enum AskTellFixtures {
  static func cifar10() throws -> TabularBenchmark<NASBench201Space> { try cached.get() }
  private static let cached = Result { try Fixtures.realCIFAR10() }
}
