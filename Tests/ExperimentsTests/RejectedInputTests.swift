@testable import AskTellRuns
import Benchmarks
import Foundation
@testable import Methods
import Optimization
@testable import Runs
import SearchSpaces
import TestSupport
import XCTest

/// Inputs a careless or hostile user gives: misuse is a `UsageError` (the CLI's exit 64) found
/// before anything is written, a rejected input leaves an existing run byte for byte as it was,
/// and a run that accepted all its inputs can finish.
final class RejectedInputTests: XCTestCase {
  let reParameters = ["population_size": "10", "tournament_size": "4"]

  func searchRun(_ directory: URL, method: any SearchMethod = RegularizedEvolutionMethod(), parameters: [String: String]? = nil,
                 settings: TrialSettings = TrialSettings(budget: 8, batchSize: 1), seed: UInt64 = 0, trials: Int = 1,
                 table: TabularBenchmark<NASBench201Space>? = nil) throws -> SearchRun<NASBench201Space> {
    try SearchRun(benchmark: try table ?? Fixtures.sharedTable(), benchmarkName: "synthetic", dataset: "nb201", method: method,
                  parameters: parameters ?? reParameters, settings: settings, seed: seed, trials: trials, directory: directory)
  }

  func assertUsageError<T>(_ expression: @autoclosure () throws -> T, _ expected: String,
                           file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertThrowsError(try expression(), file: file, line: line) { error in
      XCTAssertTrue(error is UsageError, "\(type(of: error)): \(error)", file: file, line: line)
      XCTAssertTrue("\(error)".contains(expected), "\(error)", file: file, line: line)
      XCTAssertFalse("\(error)".contains("\n"), "\(error)", file: file, line: line)
    }
  }

  func testSearchMisuseIsAUsageErrorBeforeTheDirectoryIsMade() throws {
    let objective = CostObjective(column: "latency", maxCost: 5, mode: .constraint)
    let cases: [(method: any SearchMethod, parameters: [String: String], settings: TrialSettings, seed: UInt64, trials: Int, expected: String)] = [
      (RegularizedEvolutionMethod(), ["population_size": "0"], TrialSettings(budget: 8, batchSize: 1), 0, 1, "population_size must be at least 1"),
      (RegularizedEvolutionMethod(), ["population_size": "ten"], TrialSettings(budget: 8, batchSize: 1), 0, 1, "must be an integer"),
      (RegularizedEvolutionMethod(), ["speed": "3"], TrialSettings(budget: 8, batchSize: 1), 0, 1, "has no parameter 'speed'"),
      (HardwareAwareAGNetMethod(), [:], TrialSettings(budget: 8, batchSize: 1), 0, 1, "agnet-hw needs a cost objective"),
      (RandomSearchMethod(), [:], TrialSettings(budget: 3_126, batchSize: 16), 0, 1, "--budget 3126 is more than the 3125 cells"),
      (RandomSearchMethod(), [:], TrialSettings(budget: 3_000, batchSize: 16, costs: ["latency"], objective: objective), 0, 1,
       "cells of synthetic/nb201 that have latency"),
      (RandomSearchMethod(), [:], TrialSettings(budget: 8, batchSize: 16), 0, RunConfig.maxTrials + 1, "--trials 100001 is more than"),
      (RandomSearchMethod(), [:], TrialSettings(budget: 8, batchSize: 16), UInt64.max, 2, "--seed 18446744073709551615 is too large"),
    ]
    for c in cases {
      let directory = TestData.temporaryDirectory().appendingPathComponent("run")
      assertUsageError(try searchRun(directory, method: c.method, parameters: c.parameters, settings: c.settings, seed: c.seed,
                                     trials: c.trials), c.expected)
      XCTAssertFalse(FileManager.default.fileExists(atPath: directory.path), c.expected)
    }
  }

  func testTheLastTrialsSeedMayBeTheLargest() throws {
    let config = { (seed: UInt64, trials: Int) in
      RunConfig(method: "rs", hyperparameters: Hyperparameters(), benchmark: "b", dataset: "d",
                table: TableIdentity(try Fixtures.sharedTable()), settings: TrialSettings(budget: 8, batchSize: 1),
                seed: seed, trials: trials)
    }
    XCTAssertNoThrow(try config(UInt64.max, 1).validate())
    XCTAssertNoThrow(try config(UInt64.max - 1, 2).validate())
    XCTAssertEqual(try config(UInt64.max - 1, 2).trialSeed(1), UInt64.max)
    assertUsageError(try config(UInt64.max, 2).validate(), "too large for 2 trials")
  }

  func testARejectedCommandLeavesAnExistingRunAsItWas() throws {
    let directory = TestData.temporaryDirectory()
    let run = try searchRun(directory)
    try run.execute()
    run.directory.close()
    let before = try Fixtures.files(in: directory)
    assertUsageError(try searchRun(directory, parameters: ["population_size": "x"]), "population_size")
    assertUsageError(try searchRun(directory, settings: TrialSettings(budget: 4_000, batchSize: 1)), "--budget 4000")
    // Any other value differs from the run's own; one out of range is refused before the run is read.
    XCTAssertThrowsError(try searchRun(directory, parameters: ["population_size": "11"]).execute()) {
      XCTAssertTrue("\($0)".contains("different configuration"), "\($0)")
    }
    assertUsageError(try searchRun(directory, parameters: ["population_size": "-1"]), "population_size must be at least 1")
    XCTAssertEqual(try Fixtures.files(in: directory), before)
  }

  func testMethodListsAreCheckedWhereTheyAreParsed() throws {
    XCTAssertEqual(try MethodList.choices("rs, re,ls").map(\.name), ["rs", "re", "ls"])
    for (list, expected) in [("rs,rs", "lists 'rs' twice"), ("re,ls, re", "lists 're' twice"), ("rs,", "separated by commas"),
                             ("", "separated by commas"), (",rs", "separated by commas"), ("rs,bo", "unknown method 'bo'"),
                             ("re:population_size=3", "needs a name"), ("x=re:population_size", "param=value")] {
      assertUsageError(try MethodList.choices(list), expected)
    }
  }

  func testParameterMistakesAreUsageErrors() {
    let methods: [any SearchMethod] = [RegularizedEvolutionMethod(), RandomSearchMethod()]
    for (item, expected) in [("population_size", "name=value"), ("=3", "name=value"), ("ls.x=1", "not one of the methods"),
                             ("speed=3", "no method run has a parameter 'speed'")] {
      assertUsageError(try ParameterOverrides.parse([item], methods: methods), expected)
    }
  }

  func testAskTellMisuseIsAUsageErrorBeforeTheDirectoryIsMade() throws {
    let data = DataDirectory(TestData.benchmarks)
    let cases: [(space: String, method: any SearchMethod, parameters: [String: String], settings: TrialSettings?,
                 failureValue: Double?, expected: String)] = [
      ("nasbench301", RandomSearchMethod(), [:], nil, nil, "unknown space 'nasbench301'"),
      ("nasbench201", HardwareAwareAGNetMethod(), [:], nil, nil, "agnet-hw needs a cost objective"),
      ("nasbench201", RegularizedEvolutionMethod(), ["population_size": "0"], nil, nil, "population_size must be at least 1"),
      ("nasbench201", RandomSearchMethod(), [:], TrialSettings(budget: 15_626, batchSize: 1), nil,
       "--budget 15626 is more than the 15625 cells of nasbench201"),
      ("nasbench201", RandomSearchMethod(), [:], nil, 1e300, "--failure-value 1e+300 is out of range"),
    ]
    for c in cases {
      let directory = TestData.temporaryDirectory().appendingPathComponent("run")
      assertUsageError(try AskTell.create(directory, space: c.space, reference: nil, dataDirectory: data, method: c.method,
                                          parameters: c.parameters, settings: c.settings, failureValue: c.failureValue),
                       c.expected)
      XCTAssertFalse(FileManager.default.fileExists(atPath: directory.path), c.expected)
    }
  }

  func testRunDirectoriesThatCannotBeMadeArePlainInputErrors() throws {
    let parent = TestData.temporaryDirectory()
    try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
    let file = parent.appendingPathComponent("a-file")
    try Data("x".utf8).write(to: file)
    for (directory, expected) in [(file, "a-file: cannot use it as a directory: it is a file"),
                                  (file.appendingPathComponent("run"), "a-file/run: cannot create the directory: Not a directory")] {
      XCTAssertThrowsError(try searchRun(directory).execute()) { error in
        XCTAssertTrue(error is InputError, "\(error)")
        XCTAssertTrue("\(error)".hasSuffix(expected), "\(error)")
      }
      XCTAssertThrowsError(try AskTell.create(directory, space: "nasbench201", reference: nil,
                                              dataDirectory: DataDirectory(TestData.benchmarks), method: RandomSearchMethod())) {
        XCTAssertTrue("\($0)".hasSuffix(expected), "\($0)")
      }
    }
    XCTAssertEqual(try Data(contentsOf: file), Data("x".utf8))
  }

  /// A result without the objective's cost is refused when told, with the run unchanged; a
  /// failure gets the worst cost so far, and the hardware-aware run finishes.
  func testHardwareAwareTellsNeedTheObjectivesCost() throws {
    let directory = TestData.temporaryDirectory()
    let objective = CostObjective(column: "latency_ms", maxCost: 12, mode: .constraint)
    let settings = TrialSettings(budget: 16, batchSize: 8, reportEvery: 8, costs: ["latency_ms"], objective: objective)
    let parameters = ["initial_cells": "8", "ticks": "1", "train_batch_size": "8", "candidates": "10", "candidate_batches": "50,100"]
    let open = { try AskTell.open(directory, dataDirectory: DataDirectory(TestData.benchmarks)) }
    try AskTell.create(directory, space: "nasbench201", reference: nil, dataDirectory: DataDirectory(TestData.benchmarks),
                       method: HardwareAwareAGNetMethod(), parameters: parameters, settings: settings)
    var told = 0
    while true {
      let asked = try open().ask(count: 8, claim: false)
      if asked.isEmpty { break }
      let before = try Fixtures.files(in: directory)
      XCTAssertThrowsError(try open().tell(Data("{\"id\": \"\(asked[0].id)\", \"value\": 90}".utf8), source: "r")) {
        XCTAssertTrue("\($0)".contains("r:1: the run searches under a bound on latency_ms"), "\($0)")
      }
      XCTAssertEqual(try Fixtures.files(in: directory), before)
      let lines = asked.enumerated().map { index, cell in
        index == 0 ? "{\"id\": \"\(cell.id)\", \"failed\": true}"
                   : "{\"id\": \"\(cell.id)\", \"value\": \(80 + index), \"costs\": {\"latency_ms\": \(3 * index)}}"
      }
      _ = try open().tell(Data(lines.joined(separator: "\n").utf8), source: "r")
      told += asked.count
      XCTAssertLessThanOrEqual(told, 16)
    }
    XCTAssertTrue(try open().isFinished)
    let result = try JSONFiles.read(TrialResult<NASBench201Cell>.self, from: directory.appendingPathComponent("trial-0.json"))
    XCTAssertEqual(result.queries.count, 16)
    XCTAssertEqual(result.queries[0].costs?["latency_ms"], 21, "the highest cost told in the batch")
    XCTAssertEqual(result.queries[8].costs?["latency_ms"], 21, "the highest cost told in the trial so far")
  }

  func testExtremeResultsAreRefusedWhereTheyAreTold() throws {
    XCTAssertNoThrow(try TellEntry.parse(jsonLine: "{\"id\": \"t0-q0\", \"value\": -1e12, \"costs\": {\"c\": 1e12}}"))
    let values = "out of range (values must lie within ±1e12)", costs = "out of range (costs must lie within 0…1e12)"
    for (line, expected) in [("{\"id\": \"t0-q0\", \"value\": 1e308}", values), ("{\"id\": \"t0-q0\", \"value\": -1.7976931348623157e308}", values),
                             ("{\"id\": \"t0-q0\", \"value\": 1, \"report\": 1e13}", values),
                             ("{\"id\": \"t0-q0\", \"value\": 1, \"costs\": {\"c\": 2e20}}", costs),
                             ("{\"id\": \"t0-q0\", \"value\": 1, \"costs\": {\"c\": -0.5}}", costs)] {
      XCTAssertThrowsError(try TellEntry.parse(jsonLine: Substring(line)), line) {
        XCTAssertTrue("\($0)".contains(expected), "\($0)")
      }
    }
    XCTAssertThrowsError(try TellEntry.parse(commandOutput: "1e308", expectedID: "t0-q0")) {
      XCTAssertTrue("\($0)".contains("out of range"), "\($0)")
    }
  }

  func testABudgetBeyondTheTableIsRefused() throws {
    let table = try Fixtures.table(members: [1, 2, 3].map(NASBench201Cell.init(code:)))
    XCTAssertNoThrow(try TrialRunner(benchmark: table, settings: TrialSettings(budget: 3, batchSize: 1)))
    assertUsageError(try TrialRunner(benchmark: table, settings: TrialSettings(budget: 4, batchSize: 1)),
                     "--budget 4 is more than the 3 cells of synthetic/nb201")
  }
}
