import Foundation
@testable import Methods
@testable import Runs
import SearchSpaces
import TestSupport
import XCTest

/// `agnet search --shard i/n` and `agnet merge`: the merged directory has the files of the
/// unsharded run.
final class AskTellMergeTests: XCTestCase {
  let settings = TrialSettings(budget: 24, batchSize: 1, reportEvery: 8)

  func run(_ directory: URL, shard: TrialShard?, seed: UInt64 = 5) throws {
    try SearchRun(benchmark: try Fixtures.sharedTable(), benchmarkName: "synthetic", dataset: "nb201",
                  method: RegularizedEvolutionMethod(), parameters: ["population_size": "8", "tournament_size": "3"],
                  settings: settings, seed: seed, trials: 5, shard: shard, directory: directory).execute()
  }

  func testMergedShardsEqualTheUnshardedRun() throws {
    let whole = TestData.temporaryDirectory(), s0 = TestData.temporaryDirectory(), s1 = TestData.temporaryDirectory()
    try run(whole, shard: nil)
    try run(s0, shard: TrialShard(index: 0, count: 2))
    try run(s1, shard: TrialShard(index: 1, count: 2))
    XCTAssertEqual(try Fixtures.files(in: s0).keys.filter { $0.hasPrefix("trial-") }.sorted(),
                   ["trial-0.json", "trial-2.json", "trial-4.json"])
    let config = try JSONFiles.read(RunConfig.self, from: s1.appendingPathComponent("config.json"))
    XCTAssertEqual(config.shard, TrialShard(index: 1, count: 2))
    XCTAssertFalse(try String(contentsOf: whole.appendingPathComponent("config.json"), encoding: .utf8).contains("shard"),
                   "an unsharded config is unchanged")
    let merged = TestData.temporaryDirectory().appendingPathComponent("merged")
    try RunMerge.merge([s1, s0], into: merged)
    var a = try Fixtures.deterministicFiles(in: whole), b = try Fixtures.deterministicFiles(in: merged)
    a.removeValue(forKey: ".lock")
    b.removeValue(forKey: ".lock")
    XCTAssertEqual(a, b)
    XCTAssertEqual(try JSONFiles.read(TimingLog.self, from: merged.appendingPathComponent("timing.json")).trials.count, 5)
  }

  func testMergeRefusesMismatchedRuns() throws {
    let s0 = TestData.temporaryDirectory(), s1 = TestData.temporaryDirectory(), other = TestData.temporaryDirectory()
    try run(s0, shard: TrialShard(index: 0, count: 2))
    try run(s1, shard: TrialShard(index: 1, count: 2))
    try run(other, shard: TrialShard(index: 1, count: 2), seed: 6)
    func expectError(_ runs: [URL], _ text: String, line: UInt = #line) {
      let output = TestData.temporaryDirectory().appendingPathComponent("out")
      XCTAssertThrowsError(try RunMerge.merge(runs, into: output), line: line) { error in
        XCTAssertTrue("\(error)".contains(text), "\(error)", line: line)
      }
    }
    expectError([s0, other], "differs")
    expectError([s0], "no run has trials 1, 3")
    expectError([s0, s0], "trial 0 is in both")
    try FileManager.default.removeItem(at: s1.appendingPathComponent("trial-3.json"))
    expectError([s0, s1], "trial 3 has not finished")
    XCTAssertThrowsError(try TrialShard(parsing: "2/2"))
    XCTAssertThrowsError(try TrialShard(parsing: "1"))
  }

  /// Issue 30: a bad shard left config.json, timing.json and the trials copied so far in the
  /// output (a rerun was then refused), and truncated or misnumbered trial files were merged.
  func testMergeChecksEveryTrialFileAndWritesAllOrNothing() throws {
    let s0 = TestData.temporaryDirectory(), s1 = TestData.temporaryDirectory()
    try run(s0, shard: TrialShard(index: 0, count: 2))
    try run(s1, shard: TrialShard(index: 1, count: 2))
    let trial3 = s1.appendingPathComponent("trial-3.json")
    let good = try Data(contentsOf: trial3)
    var object = try XCTUnwrap(JSONSerialization.jsonObject(with: good) as? [String: Any])
    object["queries"] = (object["queries"] as? [Any]).map { Array($0.dropLast()) }
    let truncated = try JSONSerialization.data(withJSONObject: object)
    let misnumbered = try Data(contentsOf: s1.appendingPathComponent("trial-1.json"))
    let parent = TestData.temporaryDirectory()
    let output = parent.appendingPathComponent("merged")
    for (bad, text) in [(truncated, "holds 23 queries, but the budget is 24"), (misnumbered, "holds trial 1, not trial 3"),
                        (Data("{".utf8), "not a valid trial file")] {
      try bad.write(to: trial3)
      XCTAssertThrowsError(try RunMerge.merge([s0, s1], into: output)) { error in
        XCTAssertEqual("\(error)".components(separatedBy: ": ").first, trial3.standardizedFileURL.path, "\(error)")
        XCTAssertTrue("\(error)".contains(text), "\(error)")
      }
      XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: parent.path), [], "nothing written, nothing left aside")
    }
    try good.write(to: trial3)
    try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
    XCTAssertNoThrow(try RunMerge.merge([s0, s1], into: output), "an empty output directory is fine")
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: parent.path), ["merged"])

    let file = parent.appendingPathComponent("afile")
    try Data("x".utf8).write(to: file)
    XCTAssertThrowsError(try RunMerge.merge([s0, s1], into: file)) { error in
      XCTAssertEqual("\(error)", "\(file.path): the output exists and is not a directory")
    }
  }
}
