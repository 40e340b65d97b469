import Baselines
import Optimization
@testable import Runs
import SearchSpaces
import XCTest

final class RandomSearchExpectationTests: XCTestCase {
  func testSmallCaseByHand() throws {
    // Pairs of {1, 2, 3, 4}: maxima 2, 3, 4, 3, 4, 4 → 20/6.
    let e = try RandomSearchExpectation(searchValues: [3, 1, 4, 2], reportValues: [30, 10, 40, 20])
    XCTAssertEqual(e.expectedBestValid(after: 2), 20.0 / 6, accuracy: 1e-12)
    XCTAssertEqual(e.expectedTestOfBestValid(after: 2)!, 200.0 / 6, accuracy: 1e-12)
    XCTAssertEqual(e.expectedBestValid(after: 1), 2.5, accuracy: 1e-12, "one draw: the mean")
    XCTAssertEqual(e.expectedBestValid(after: 4), 4, accuracy: 1e-12, "all draws: the maximum")
    XCTAssertEqual(e.probabilityOfFindingBestValid(after: 2), 0.5, accuracy: 1e-12)
  }

  func testAgainstEnumerationOfEverySubset() throws {
    // 9 values with ties; every subset of size k enumerated; report of the best = mean over ties.
    let search: [Double] = [5, 1, 5, 3, 2, 5, 3, 0, 4]
    let report: [Double] = [10, 20, 30, 40, 50, 60, 70, 80, 90]
    let e = try RandomSearchExpectation(searchValues: search, reportValues: report)
    for k in 1...9 {
      var maxSum = 0.0, reportSum = 0.0, found = 0.0, subsets = 0.0
      for mask in 0..<(1 << 9) where mask.nonzeroBitCount == k {
        let chosen = (0..<9).filter { mask & (1 << $0) != 0 }
        let best = chosen.map { search[$0] }.max()!
        let tied = chosen.filter { search[$0] == best }
        maxSum += best
        reportSum += tied.map { report[$0] }.reduce(0, +) / Double(tied.count)
        found += best == 5 ? 1 : 0
        subsets += 1
      }
      XCTAssertEqual(e.expectedBestValid(after: k), maxSum / subsets, accuracy: 1e-12, "k = \(k)")
      XCTAssertEqual(e.expectedTestOfBestValid(after: k)!, reportSum / subsets, accuracy: 1e-9, "k = \(k)")
      XCTAssertEqual(e.probabilityOfFindingBestValid(after: k), found / subsets, accuracy: 1e-12, "k = \(k)")
    }
  }

  func testLargeTableStaysFinite() throws {
    let values = (0..<15_625).map { Fixtures.wiggle($0, 3) }
    let e = try RandomSearchExpectation(searchValues: values)
    let at192 = e.expectedBestValid(after: 192)
    XCTAssertTrue(at192.isFinite && at192 < values.max()! && at192 > 0.99, "\(at192)")
    XCTAssertNil(e.expectedTestOfBestValid(after: 3))
    XCTAssertThrowsError(try RandomSearchExpectation(searchValues: []))
    XCTAssertThrowsError(try RandomSearchExpectation(searchValues: [1, 2], reportValues: [1]))
  }

  func testRandomSearchRunsMatchTheExpectation() throws {
    // 400 random-search trials of 40 queries on a 3,125-cell table: the mean best is within
    // 4 standard errors of the exact expectation.
    let table = try Fixtures.sharedTable()
    let expectation = try RandomSearchExpectation(benchmark: table)
    let runner = try TrialRunner(benchmark: table, settings: TrialSettings(budget: 40, batchSize: 40))
    let domain = SearchDomain(space: table.space, members: table.cells)
    var bests: [Double] = []
    for trial in 0..<400 {
      bests.append(try runner.run(RandomSearch(domain: domain, seed: UInt64(trial)), method: "rs", trial: trial,
                                  seed: UInt64(trial)).best!.valid)
    }
    let stats = SampleStatistics(bests)!
    XCTAssertEqual(stats.mean, expectation.expectedBestValid(after: 40), accuracy: 4 * stats.std / 20)
  }

  func testRealCIFAR10() throws {
    // The published optimum, and the expectation an independent computation (Python, log-gamma
    // binomials) gives for 192 draws: 91.170835.
    let table = try Fixtures.realCIFAR10()
    let optimum = try XCTUnwrap(table.optimum)
    XCTAssertEqual(optimum.bestSearchValue, 91.6067, accuracy: 1e-4)
    XCTAssertEqual(optimum.reportValueAtBestSearch, 94.3733, accuracy: 1e-4)
    let e = try RandomSearchExpectation(benchmark: table)
    XCTAssertEqual(e.expectedBestValid(after: 192), 91.170835, accuracy: 1e-5)
    XCTAssertEqual(e.expectedBestValid(after: 1), table.cells.map { table.searchValue(of: $0)! }.reduce(0, +) / 15_625,
                   accuracy: 1e-9)
    XCTAssertEqual(e.probabilityOfFindingBestValid(after: 192), 192.0 / 15_625, accuracy: 1e-12, "a unique optimum")
  }
}
