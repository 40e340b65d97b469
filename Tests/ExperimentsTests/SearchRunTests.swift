import Benchmarks
@testable import Comparisons
import Foundation
@testable import Methods
import NeuralCore
import Optimization
@testable import Runs
import SearchSpaces
import TestSupport
import XCTest

final class SearchRunTests: XCTestCase {
  let settings = TrialSettings(budget: 48, batchSize: 1)

  func makeRun(_ directory: URL, method: any SearchMethod = RegularizedEvolutionMethod(),
               parameters: [String: String] = ["population_size": "10", "tournament_size": "4"],
               settings: TrialSettings? = nil, trials: Int = 3, seed: UInt64 = 5) throws -> SearchRun<NASBench201Space> {
    try SearchRun(benchmark: try Fixtures.sharedTable(), benchmarkName: "synthetic", dataset: "nb201", method: method,
                  parameters: parameters, settings: settings ?? self.settings, seed: seed, trials: trials,
                  directory: directory)
  }

  func testRunDirectoryLayoutAndSeeds() throws {
    let directory = TestData.temporaryDirectory()
    let summary = try makeRun(directory).execute()
    let names = Set(try Fixtures.files(in: directory).keys)
    XCTAssertEqual(names, [".lock", "config.json", "timing.json", "summary.json", "summary.md",
                           "trial-0.json", "trial-1.json", "trial-2.json"])
    let config = try JSONFiles.read(RunConfig.self, from: directory.appendingPathComponent("config.json"))
    XCTAssertEqual(config.method, "re")
    XCTAssertEqual(config.hyperparameters.values["population_size"], .int(10))
    XCTAssertEqual(config.hyperparameters.values["mutation_attempts"], .int(50), "defaults are written out")
    XCTAssertEqual(config.version, AGNetVersion.current)
    for trial in 0..<3 {
      let result = try JSONFiles.read(TrialResult<NASBench201Cell>.self,
                                      from: directory.appendingPathComponent("trial-\(trial).json"))
      XCTAssertEqual(result.seed, 5 + UInt64(trial), "trial t uses seed + t")
      XCTAssertEqual(result.queries.count, 48)
    }
    XCTAssertEqual(summary.trials, 3)
    XCTAssertEqual(summary.trajectory.map(\.queries), [16, 32, 48])
    XCTAssertNotNil(summary.wallSecondsPerTrial)
    let json = try String(contentsOf: directory.appendingPathComponent("summary.json"), encoding: .utf8)
    for key in ["\"trials\"", "\"wall_seconds_per_trial\"", "\"trajectory\"", "\"best_valid_mean\"", "\"best_valid_std\"",
                "\"test_of_best_valid_mean\"", "\"test_of_best_valid_std\"", "\"found_best_valid\""] {
      XCTAssertTrue(json.contains(key), key)
    }
    let timing = try JSONFiles.read(TimingLog.self, from: directory.appendingPathComponent("timing.json"))
    XCTAssertEqual(timing.trials.count, 3)
    // Each trial records the matmul path this process uses (`agnet --version` shows the same).
    XCTAssertEqual(Set(timing.trials.compactMap(\.matmul)), [MatmulBackend.preferred.implementation])
  }

  func testSameConfigurationSameFiles() throws {
    let a = TestData.temporaryDirectory(), b = TestData.temporaryDirectory()
    try makeRun(a).execute()
    try makeRun(b).execute()
    XCTAssertEqual(try Fixtures.deterministicFiles(in: a), try Fixtures.deterministicFiles(in: b))
    let c = TestData.temporaryDirectory()
    try makeRun(c, seed: 6).execute()
    let seed5 = try JSONFiles.read(TrialResult<NASBench201Cell>.self, from: a.appendingPathComponent("trial-1.json"))
    let seed6 = try JSONFiles.read(TrialResult<NASBench201Cell>.self, from: c.appendingPathComponent("trial-0.json"))
    XCTAssertEqual(seed5.queries, seed6.queries, "trial 1 of seed 5 is trial 0 of seed 6")
    XCTAssertNotEqual(try Fixtures.files(in: a)["trial-0.json"], try Fixtures.files(in: a)["trial-1.json"])
  }

  func testParallelJobsGiveTheSameFiles() throws {
    let one = TestData.temporaryDirectory(), two = TestData.temporaryDirectory()
    try makeRun(one, trials: 5).execute(jobs: 1)
    try makeRun(two, trials: 5).execute(jobs: 3)
    XCTAssertEqual(try Fixtures.deterministicFiles(in: one), try Fixtures.deterministicFiles(in: two))
  }

  /// Stops a run at `event` of `trial` (as a kill would), restarts it, and compares with a run that
  /// was never stopped.
  func assertResumes(method: any SearchMethod, parameters: [String: String], batch: Int, event: TrialEvent,
                     objective: CostObjective? = nil, file: StaticString = #filePath, line: UInt = #line) throws {
    let settings = TrialSettings(budget: 48, batchSize: batch, objective: objective)
    let straight = TestData.temporaryDirectory(), resumed = TestData.temporaryDirectory()
    try makeRun(straight, method: method, parameters: parameters, settings: settings).execute()

    let first = try makeRun(resumed, method: method, parameters: parameters, settings: settings)
    // Trials run in order on one thread: the event of the first trial stops the run there.
    first.runner.interruption = { happened in happened == event }
    XCTAssertThrowsError(try first.execute(), file: file, line: line) { XCTAssertTrue($0 is TrialInterrupted) }
    let left = Set(try Fixtures.files(in: resumed).keys)
    XCTAssertTrue(left.contains("trial-0.state") || event == .asked(round: 0),
                  "the stopped trial left its state: \(left)", file: file, line: line)
    XCTAssertFalse(left.contains("summary.json"), file: file, line: line)

    // A crash mid-write leaves a temporary file: the restart must ignore and remove it.
    try Data("partial".utf8).write(to: resumed.appendingPathComponent(".trial-0.json.tmp-99999-1"))
    let second = try makeRun(resumed, method: method, parameters: parameters, settings: settings)
    try second.execute()
    XCTAssertEqual(try Fixtures.deterministicFiles(in: resumed), try Fixtures.deterministicFiles(in: straight),
                   file: file, line: line)
  }

  func testResumeBetweenRounds() throws {
    let re = ["population_size": "10", "tournament_size": "4"]
    try assertResumes(method: RegularizedEvolutionMethod(), parameters: re, batch: 1, event: .told(round: 30))
    try assertResumes(method: LocalSearchMethod(), parameters: [:], batch: 1, event: .told(round: 40))
    try assertResumes(method: RandomSearchMethod(), parameters: [:], batch: 16, event: .told(round: 1))
  }

  func testResumeInsideARound() throws {
    let re = ["population_size": "10", "tournament_size": "4"]
    try assertResumes(method: RegularizedEvolutionMethod(), parameters: re, batch: 3, event: .asked(round: 12))
    try assertResumes(method: LocalSearchMethod(), parameters: [:], batch: 4, event: .asked(round: 9))
  }

  func testResumeAfterEveryPossibleStopOfOneTrial() throws {
    // Stop after each tell in turn, restart, and compare: every round boundary resumes exactly.
    let settings = TrialSettings(budget: 24, batchSize: 2)
    let parameters = ["population_size": "6", "tournament_size": "3"]
    let straight = TestData.temporaryDirectory()
    try makeRun(straight, parameters: parameters, settings: settings, trials: 1).execute()
    let expected = try Fixtures.deterministicFiles(in: straight)
    for round in 0..<12 {
      let directory = TestData.temporaryDirectory()
      let first = try makeRun(directory, parameters: parameters, settings: settings, trials: 1)
      first.runner.interruption = { $0 == .told(round: round) }
      if round < 11 {
        XCTAssertThrowsError(try first.execute())
      } else {
        _ = try? first.execute() // the last tell ends the trial
      }
      try makeRun(directory, parameters: parameters, settings: settings, trials: 1).execute()
      XCTAssertEqual(try Fixtures.deterministicFiles(in: directory), expected, "stopped after round \(round)")
    }
  }

  func testADifferentConfigurationIsRefused() throws {
    let directory = TestData.temporaryDirectory()
    try makeRun(directory).execute()
    XCTAssertThrowsError(try makeRun(directory, parameters: ["population_size": "12", "tournament_size": "4"]).execute()) {
      XCTAssertTrue(String(describing: $0).contains("hyperparameters.population_size"), "\($0)")
    }
    // Fewer trials is refused; more grows the run (issue 29, StatusAndGrowthTests).
    XCTAssertThrowsError(try makeRun(directory, trials: 2).execute()) {
      XCTAssertTrue(String(describing: $0).contains("trials"), "\($0)")
    }
    XCTAssertThrowsError(try makeRun(directory, method: LocalSearchMethod(), parameters: [:]).execute()) {
      XCTAssertTrue(String(describing: $0).contains("method"), "\($0)")
    }
    // The same configuration is accepted again (nothing left to run).
    XCTAssertNoThrow(try makeRun(directory).execute())
  }

  func testATableWithOtherValuesIsRefused() throws {
    let directory = TestData.temporaryDirectory()
    try makeRun(directory).execute()
    let other = try Fixtures.table(members: (0..<3_124).map(NASBench201Cell.init(code:)))
    XCTAssertThrowsError(try SearchRun(benchmark: other, benchmarkName: "synthetic", dataset: "nb201",
                                       method: RegularizedEvolutionMethod(),
                                       parameters: ["population_size": "10", "tournament_size": "4"],
                                       settings: settings, seed: 5, trials: 3, directory: directory).execute()) {
      XCTAssertTrue(String(describing: $0).contains("table"), "\($0)")
    }
  }

  func testTwoProcessesCannotShareADirectory() throws {
    let directory = TestData.temporaryDirectory()
    let first = try makeRun(directory)
    try first.open()
    XCTAssertThrowsError(try makeRun(directory).open()) {
      XCTAssertTrue(String(describing: $0).contains("another agnet process"), "\($0)")
    }
    first.directory.close()
    XCTAssertNoThrow(try makeRun(directory).execute())
  }

  func testACorruptStateFileIsAClearError() throws {
    let directory = TestData.temporaryDirectory()
    let first = try makeRun(directory, trials: 1)
    first.runner.interruption = { $0 == .told(round: 10) }
    XCTAssertThrowsError(try first.execute())
    let state = directory.appendingPathComponent("trial-0.state")
    let data = try Data(contentsOf: state)
    try data.prefix(data.count - 3).write(to: state)
    XCTAssertThrowsError(try makeRun(directory, trials: 1).execute()) { error in
      XCTAssertTrue(String(describing: error).contains("trial-0.state"), "\(error)")
      XCTAssertTrue(String(describing: error).contains("delete the file"), "\(error)")
    }
  }

  func testUnknownParametersAreRefusedBeforeAnythingIsWritten() throws {
    let directory = TestData.temporaryDirectory().appendingPathComponent("never")
    XCTAssertThrowsError(try makeRun(directory, parameters: ["populaton_size": "3"])) {
      XCTAssertTrue(String(describing: $0).contains("population_size"), "the message lists the real names: \($0)")
    }
    XCTAssertThrowsError(try makeRun(directory, parameters: ["population_size": "many"]))
    XCTAssertThrowsError(try makeRun(directory, parameters: ["population_size": "0"]).execute())
    XCTAssertThrowsError(try makeRun(directory, trials: 0))
  }

  func testObserverSeesEveryRoundAndOnlyTheTrialsLeft() throws {
    final class Recorder: RunObserver, @unchecked Sendable {
      let lock = NSLock()
      var planned: [Int] = []
      var statuses: [TrialStatus] = []
      func willRun(trials: Int) { lock.lock(); planned.append(trials); lock.unlock() }
      func update(_ status: TrialStatus) { lock.lock(); statuses.append(status); lock.unlock() }
    }
    let directory = TestData.temporaryDirectory()
    let first = try makeRun(directory)
    first.runner.interruption = { $0 == .told(round: 5) }
    let recorder = Recorder()
    XCTAssertThrowsError(try first.execute(observer: recorder))
    XCTAssertEqual(recorder.planned, [3])
    XCTAssertEqual(recorder.statuses.map(\.queries), [0, 1, 2, 3, 4, 5, 6], "a status before the first round and after each")
    let again = Recorder()
    try makeRun(directory).execute(jobs: 2, observer: again)
    XCTAssertEqual(again.planned, [3], "trial 0 was not finished")
    XCTAssertEqual(again.statuses.filter(\.finished).map(\.trial).sorted(), [0, 1, 2])
    XCTAssertEqual(again.statuses.first { $0.trial == 0 }?.queries, 6, "trial 0 resumes after 6 queries")
    XCTAssertTrue(again.statuses.filter(\.finished).allSatisfy { $0.queries == 48 && $0.bestValid != nil })
  }

  func testDirectoriesOfOtherKindsAreRefused() throws {
    let foreign = TestData.temporaryDirectory()
    try Data("mine".utf8).write(to: foreign.appendingPathComponent("notes.txt"))
    XCTAssertThrowsError(try makeRun(foreign).execute()) {
      XCTAssertTrue(String(describing: $0).contains("not a run directory"), "\($0)")
    }
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: foreign.path).sorted(), ["notes.txt"], "nothing written")

    // Killed while writing its config: only a temporary file; the restart goes ahead.
    let early = TestData.temporaryDirectory()
    try Data("{".utf8).write(to: early.appendingPathComponent(".config.json.tmp-1-1"))
    XCTAssertNoThrow(try makeRun(early, trials: 1).execute())

    let search = TestData.temporaryDirectory()
    try makeRun(search, trials: 1).execute()
    XCTAssertThrowsError(try ComparisonRun(benchmark: try Fixtures.sharedTable(), benchmarkName: "synthetic", dataset: "nb201",
                                           methods: [MethodChoice(RandomSearchMethod())], budget: 16, trials: 1,
                                           directory: search).execute()) {
      XCTAssertTrue(String(describing: $0).contains("made by agnet search"), "\($0)")
    }
  }

  func testTheMethodsReportRuleChoosesTheReportedCell() throws {
    /// Random search that reports its first query, whatever the values.
    struct FirstQueryReported: SearchMethod {
      let base = RandomSearchMethod()
      var name: String { base.name }
      var summary: String { base.summary }
      typealias Settings = NoSettings
      var defaultBatchSize: Int { base.defaultBatchSize }
      var reportRule: ReportRule { .methodChoice { _, _ in 0 } }
      func prepare<Space: SearchSpace>(_ setup: MethodSetup<Space>) throws -> PreparedMethod<Space> { try base.prepare(setup) }
    }
    let directory = TestData.temporaryDirectory()
    try makeRun(directory, method: FirstQueryReported(), parameters: [:], trials: 1).execute()
    let result = try JSONFiles.read(TrialResult<NASBench201Cell>.self, from: directory.appendingPathComponent("trial-0.json"))
    XCTAssertEqual(result.best?.query, 1)
    XCTAssertEqual(result.best?.cell, result.queries[0].cell)
    XCTAssertGreaterThan(result.queries.map(\.value).max()!, result.queries[0].value, "the first query is not the best one")
  }
}
