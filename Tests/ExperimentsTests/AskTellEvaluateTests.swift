@testable import AskTellRuns
import Benchmarks
import Foundation
@testable import Methods
@testable import Runs
import SearchSpaces
import TestSupport
import XCTest

/// `agnet evaluate`'s loop with real commands: the example evaluator (a table lookup in Python)
/// and small shell commands that fail.
final class AskTellEvaluateTests: XCTestCase {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  let example = packageRoot.appendingPathComponent("examples/evaluate_nb201.py").path
  let table = TestData.file("nasbench201/nasbench201.csv").path

  func session(_ directory: URL) throws -> any AskTellSession {
    try AskTell.open(directory, dataDirectory: DataDirectory(TestData.benchmarks))
  }

  func testExampleEvaluatorWithRetriesGivesTheSameFilesAsSearch() throws {
    let settings = TrialSettings(budget: 16, batchSize: 1, reportEvery: 4)
    let parameters = ["population_size": "6", "tournament_size": "3"]
    let search = TestData.temporaryDirectory(), askTell = TestData.temporaryDirectory()
    try SearchRun(benchmark: try AskTellFixtures.cifar10(), benchmarkName: "nasbench201", dataset: "cifar10",
                  method: RegularizedEvolutionMethod(), parameters: parameters, settings: settings, seed: 3, trials: 2,
                  directory: search).execute()
    try AskTell.create(askTell, space: "nasbench201", reference: .catalog(.nasbench201, dataset: "cifar10"),
                       dataDirectory: DataDirectory(TestData.benchmarks), method: RegularizedEvolutionMethod(),
                       parameters: parameters, settings: settings, seed: 3, trials: 2)
    // Every cell's first attempt fails (exit 1), the retry succeeds.
    let marks = TestData.temporaryDirectory()
    let command = "if [ ! -e '\(marks.path)'/{id} ]; then touch '\(marks.path)'/{id}; exit 1; fi; "
      + "python3 '\(example)' --table '\(table)' --cell {cell} 2> /dev/null"
    let outcome = try CommandEvaluator(session: try session(askTell), command: command, jobs: 2, retries: 1).run()
    XCTAssertEqual(outcome.evaluated, 32)
    XCTAssertEqual(outcome.retried, 32)
    XCTAssertEqual(outcome.failed, 0)
    XCTAssertTrue(outcome.runFinished)
    var a = try Fixtures.deterministicFiles(in: search), b = try Fixtures.deterministicFiles(in: askTell)
    b.removeValue(forKey: "asktell.json")
    XCTAssertNotNil(b.removeValue(forKey: "table.snapshot"), "the run keeps its reference table's snapshot")
    for name in a.keys.sorted() where name != ".lock" { XCTAssertEqual(a[name], b[name], name) }
    a.removeValue(forKey: ".lock")
    b.removeValue(forKey: ".lock")
    XCTAssertEqual(a.keys.sorted(), b.keys.sorted())
  }

  func testFailingCommandsAreToldAsFailedAndTheSearchGoesOn() throws {
    let directory = TestData.temporaryDirectory()
    try AskTell.create(directory, space: "nasbench201", reference: nil, dataDirectory: DataDirectory(TestData.benchmarks),
                       method: RandomSearchMethod(), settings: TrialSettings(budget: 6, batchSize: 3), trials: 1)
    // The value is the length of the id and cell; cell t0-q1 always fails, t0-q4 prints garbage.
    let command = """
      case "$AGNET_ID" in t0-q1) exit 3;; t0-q4) echo 'accuracy: high';; \
      *) echo "training {cell}" >&2; echo "log line"; echo "$((${#AGNET_CELL} + $AGNET_TRIAL + 1))"; echo;; esac
      """
    let evaluator = try CommandEvaluator(session: try session(directory), command: command, jobs: 2, retries: 2)
    var log: [String] = []
    evaluator.log = { log.append($0) }
    let outcome = try evaluator.run()
    XCTAssertEqual(outcome, CommandEvaluator.Outcome(evaluated: 4, failed: 2, retried: 4, runFinished: true))
    XCTAssertEqual(log.count, 6)
    XCTAssertTrue(log.contains { $0.hasPrefix("t0-q1 ") && $0.contains("exit status 3") }, "\(log)")
    XCTAssertTrue(log.contains { $0.hasPrefix("t0-q4 ") && $0.contains("not a number") }, "\(log)")
    let result = try JSONFiles.read(TrialResult<NASBench201Cell>.self, from: directory.appendingPathComponent("trial-0.json"))
    let ok = result.queries.enumerated().filter { $0.offset != 1 && $0.offset != 4 }.map(\.element.value)
    XCTAssertEqual(ok.count, 4)
    XCTAssertTrue(ok.allSatisfy { $0 > 50 }, "\(ok)")
    XCTAssertEqual(result.queries[1].value, ok[0], "a failure in the first batch is told as the lowest value so far")
    XCTAssertEqual(result.rounds.map { $0.statistics["failed_evaluations"] }, [1, 1])
    XCTAssertTrue(result.queries[1].failure?.contains("exit status 3") ?? false, "the reason is kept: \(result.queries[1])")
    XCTAssertNil(result.queries[0].failure)
  }

  func testTimeoutKillsTheCommand() throws {
    let directory = TestData.temporaryDirectory()
    try AskTell.create(directory, space: "nasbench201", reference: nil, dataDirectory: DataDirectory(TestData.benchmarks),
                       method: RandomSearchMethod(), settings: TrialSettings(budget: 1, batchSize: 1), trials: 1)
    let start = Date()
    let outcome = try CommandEvaluator(session: try session(directory), command: "exec sleep 30", timeout: 0.5).run()
    XCTAssertEqual(outcome.failed, 1)
    XCTAssertLessThan(Date().timeIntervalSince(start), 10)
  }

  /// A command that printed its result and exited is done, whatever it left running in the
  /// background (which holds the output open); its leftovers are killed.
  func testACommandIsDoneWhenItExitsAndItsBackgroundIsKilled() throws {
    let directory = TestData.temporaryDirectory()
    try AskTell.create(directory, space: "nasbench201", reference: nil, dataDirectory: DataDirectory(TestData.benchmarks),
                       method: RandomSearchMethod(), settings: TrialSettings(budget: 2, batchSize: 1), trials: 1)
    let pids = TestData.temporaryDirectory()
    try FileManager.default.createDirectory(at: pids, withIntermediateDirectories: true)
    let start = Date()
    let outcome = try CommandEvaluator(session: try session(directory),
                                       command: "sleep 1000 & echo $! > '\(pids.path)'/{id}; echo 90", timeout: 600).run()
    XCTAssertEqual(outcome, CommandEvaluator.Outcome(evaluated: 2, failed: 0, retried: 0, runFinished: true))
    XCTAssertLessThan(Date().timeIntervalSince(start), 60)
    try assertKilled(pids)
  }

  /// The timeout bounds the elapsed time even when the command's children keep the output open,
  /// and kills them all.
  func testTimeoutKillsTheWholeProcessGroup() throws {
    let directory = TestData.temporaryDirectory()
    try AskTell.create(directory, space: "nasbench201", reference: nil, dataDirectory: DataDirectory(TestData.benchmarks),
                       method: RandomSearchMethod(), settings: TrialSettings(budget: 1, batchSize: 1), trials: 1)
    let pids = TestData.temporaryDirectory()
    try FileManager.default.createDirectory(at: pids, withIntermediateDirectories: true)
    let start = Date()
    let outcome = try CommandEvaluator(session: try session(directory),
                                       command: "sleep 1000 & echo $! > '\(pids.path)'/{id}; sleep 1000; echo 90", timeout: 0.5).run()
    XCTAssertEqual(outcome.failed, 1)
    XCTAssertLessThan(Date().timeIntervalSince(start), 30)
    try assertKilled(pids)
  }

  /// Every process whose id is in a file of `directory` has ended.
  func assertKilled(_ directory: URL, file: StaticString = #filePath, line: UInt = #line) throws {
    let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
    XCTAssertFalse(names.isEmpty, file: file, line: line)
    for name in names {
      let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
      let pid = try XCTUnwrap(Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)), file: file, line: line)
      var gone = false
      for _ in 0..<100 where !gone { // the kernel reaps the orphan asynchronously
        let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
        gone = kill(pid, 0) != 0 || stat.contains(") Z ") // a zombie has ended
        if !gone { usleep(20_000) }
      }
      XCTAssertTrue(gone, "process \(pid) of \(name) still runs", file: file, line: line)
    }
  }

  func testShellQuoting() {
    XCTAssertEqual(CommandEvaluator.shellQuote("|a~0|+|b'c|"), "'|a~0|+|b'\\''c|'")
  }
}
