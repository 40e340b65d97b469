@testable import Methods
@testable import Runs
import SearchSpaces
import XCTest

final class SummaryTests: XCTestCase {
  func testSampleStatisticsByHand() throws {
    let s = try XCTUnwrap(SampleStatistics([4, 1, 3, 2]))
    XCTAssertEqual(s.mean, 2.5)
    XCTAssertEqual(s.std, (5.0 / 3).squareRoot(), accuracy: 1e-12, "sample std: Σ(x−2.5)² = 5, over n − 1 = 3")
    XCTAssertEqual(s.median, 2.5)
    XCTAssertEqual(s.q1, 1.75, "position 0.75 between 1 and 2")
    XCTAssertEqual(s.q3, 3.25)
    XCTAssertEqual(SampleStatistics([7])?.std, 0)
    XCTAssertNil(SampleStatistics([]))
  }

  func testMedianOfCountsWithNever() {
    XCTAssertEqual(SampleStatistics.median(ofCounts: [30, nil, 10]), 30)
    XCTAssertEqual(SampleStatistics.median(ofCounts: [30, 20, nil, 10]), 25)
    XCTAssertNil(SampleStatistics.median(ofCounts: [30, nil, nil, 10]), "the middle pair includes a never")
    XCTAssertNil(SampleStatistics.median(ofCounts: [nil]))
  }

  /// Three hand-made trials of a 3-cell table with report points 2 and 4.
  func testRunSummaryOfHandMadeTrials() throws {
    func trial(_ t: Int, _ points: [(Double, Double)], found: Int?) -> TrialResult<NASBench201Cell> {
      TrialResult(trial: t, seed: UInt64(t), method: "x", queries: [], rounds: [],
                  trajectory: zip([2, 4], points).map { TrajectoryPoint(queries: $0, bestValid: $1.0, testOfBestValid: $1.1) },
                  best: nil, queriesToBestValid: found)
    }
    let results = [trial(0, [(90, 93), (91, 94)], found: 3), trial(1, [(89, 92), (91, 94)], found: 4),
                   trial(2, [(88, 95), (90, 93)], found: nil)]
    let table = try Fixtures.table(members: [1, 2, 3].map(NASBench201Cell.init(code:)))
    let config = RunConfig(method: "x", hyperparameters: Hyperparameters(), benchmark: "b", dataset: "d",
                           table: TableIdentity(table), settings: TrialSettings(budget: 4, batchSize: 1, reportEvery: 2),
                           seed: 0, trials: 3)
    var optimum = OptimumSummary(table.optimum!, space: table.space)
    optimum.bestValid = 91
    var timing = TimingLog()
    timing.record(trial: 0, wallSeconds: 1)
    timing.record(trial: 2, wallSeconds: 2)
    let summary = RunSummary(config: config, optimum: optimum, results: results, timing: timing)
    XCTAssertEqual(summary.trials, 3)
    XCTAssertEqual(summary.wallSecondsPerTrial, 1.5, "mean over the trials with a known time")
    XCTAssertEqual(summary.trajectory.map(\.queries), [2, 4])
    let first = summary.trajectory[0]
    XCTAssertEqual(first.bestValidMean, 89)
    XCTAssertEqual(first.bestValidStd, 1)
    XCTAssertEqual(try XCTUnwrap(first.testOfBestValidMean), (93 + 92 + 95) / 3.0, accuracy: 1e-12)
    XCTAssertEqual(first.foundBestValid, 0)
    let last = summary.trajectory[1]
    XCTAssertEqual(last.bestValidMean, 272.0 / 3, accuracy: 1e-12)
    XCTAssertEqual(last.bestValidStd, (1.0 / 3).squareRoot(), accuracy: 1e-12)
    XCTAssertEqual(last.bestValidMedian, 91)
    XCTAssertEqual(last.bestValidQ1, 90.5)
    XCTAssertEqual(last.foundBestValid, 2)
    XCTAssertEqual(summary.foundBestValid, 2)
    XCTAssertEqual(summary.queriesToBestValid, [3, 4, nil])
    XCTAssertEqual(summary.queriesToBestValidMedian, 4)

    let markdown = SummaryMarkdown(summary: summary, config: config).text
    XCTAssertTrue(markdown.contains("| 4 | 90.667 ± 0.577 | 93.667 ± 0.577 | 2/3 |"), markdown)
    XCTAssertTrue(markdown.contains("Trials that found the best-validation cell: 2 of 3; median queries to find it: 4."), markdown)

    let json = String(decoding: try JSONFiles.encode(summary), as: UTF8.self)
    XCTAssertEqual(try JSONDecoder().decode(RunSummary.self, from: Data(json.utf8)), summary)
    let keys = json.split(separator: "\n").compactMap { line -> String? in
      guard let quote = line.firstIndex(of: "\""), line.hasPrefix("  \""), !line.hasPrefix("   ") else { return nil }
      return String(line[quote...].split(separator: "\"")[0])
    }
    XCTAssertEqual(keys, keys.sorted(), "top-level keys sorted")
  }
}
