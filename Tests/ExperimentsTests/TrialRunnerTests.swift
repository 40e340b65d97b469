import Baselines
import Benchmarks
import Optimization
@testable import Runs
import SearchSpaces
import XCTest

final class TrialRunnerTests: XCTestCase {
  func testCountsQueriesAndReportsEverySixteen() throws {
    let table = try Fixtures.table()
    let runner = try TrialRunner(benchmark: table, settings: TrialSettings(budget: 100, batchSize: 16))
    let domain = SearchDomain(space: table.space, members: table.cells)
    let result = try runner.run(RandomSearch(domain: domain, seed: 7), method: "rs", trial: 0, seed: 7)
    XCTAssertEqual(result.queries.count, 100)
    XCTAssertEqual(Set(result.queries.map(\.cell)).count, 100)
    XCTAssertEqual(result.rounds.map(\.cells), [16, 16, 16, 16, 16, 16, 4], "the last ask lands on the budget")
    XCTAssertEqual(result.queries.map(\.round), (0..<100).map { $0 / 16 })
    XCTAssertEqual(result.trajectory.map(\.queries), [16, 32, 48, 64, 80, 96, 100])
    for record in result.queries { XCTAssertEqual(record.value, table.searchValue(of: record.cell)) }
    for point in result.trajectory {
      let prefix = result.queries.prefix(point.queries)
      let best = prefix.max { $0.value < $1.value }!
      XCTAssertEqual(point.bestValid, best.value)
      XCTAssertEqual(point.testOfBestValid, table.reportValue(of: best.cell), "test of the best-validation cell")
    }
    XCTAssertEqual(result.best?.valid, result.trajectory.last?.bestValid)
    XCTAssertNil(result.queries[0].costs, "no costs requested, none recorded")
  }

  func testTestOfBestValidIsOfTheBestValidationCellNotTheBestTest() throws {
    // Two cells: a has the better validation, b the better test.
    let a = NASBench201Cell(code: 1), b = NASBench201Cell(code: 2)
    let table = try TabularBenchmark(space: Fixtures.space, name: "two", source: "two.csv", cells: [a, b],
                                     columnNames: ["v", "t"], columns: ["v": [90, 80], "t": [91, 99]],
                                     searchMetric: "v", reportMetric: "t")
    let runner = try TrialRunner(benchmark: table, settings: TrialSettings(budget: 2, batchSize: 2, reportEvery: 1))
    let result = try runner.run(RandomSearch(domain: SearchDomain(space: table.space, members: table.cells), seed: 1),
                                method: "rs", trial: 0, seed: 1)
    XCTAssertEqual(result.trajectory.last, TrajectoryPoint(queries: 2, bestValid: 90, testOfBestValid: 91))
    XCTAssertEqual(result.queriesToBestValid, result.queries.firstIndex { $0.cell == a }! + 1)
  }

  func testNoReportMetricGivesExplicitNulls() throws {
    let table = try Fixtures.table(reportMetric: false)
    let runner = try TrialRunner(benchmark: table, settings: TrialSettings(budget: 32, batchSize: 16))
    let result = try runner.run(RandomSearch(domain: SearchDomain(space: table.space, members: table.cells), seed: 1),
                                method: "rs", trial: 0, seed: 1)
    XCTAssertNil(result.trajectory[0].testOfBestValid)
    let json = String(decoding: try JSONFiles.encode(result), as: UTF8.self)
    XCTAssertTrue(json.contains("\"test_of_best_valid\" : null"), json)
    XCTAssertEqual(try JSONDecoder().decode(TrialResult<NASBench201Cell>.self, from: Data(json.utf8)), result)
  }

  func testDomainExhaustionEndsTheTrialAndCarriesTheBestForward() throws {
    // A budget beyond the table is refused up front, so the optimizer searches only the table's 20
    // best cells: it runs out before the budget.
    let table = try Fixtures.table(members: (0..<80).map { NASBench201Cell(code: $0 * 31) })
    let runner = try TrialRunner(benchmark: table, settings: TrialSettings(budget: 64, batchSize: 16))
    let best = table.cells.sorted { table.searchValue(of: $0)! > table.searchValue(of: $1)! }.prefix(20)
    let result = try runner.run(RandomSearch(domain: SearchDomain(space: table.space, members: Array(best)), seed: 1),
                                method: "rs", trial: 0, seed: 1)
    XCTAssertEqual(result.queries.count, 20)
    XCTAssertEqual(result.trajectory.map(\.queries), [16, 32, 48, 64])
    XCTAssertEqual(result.trajectory[1], TrajectoryPoint(queries: 32, bestValid: result.trajectory[3].bestValid,
                                                         testOfBestValid: result.trajectory[3].testOfBestValid))
    XCTAssertEqual(result.queriesToBestValid, result.best?.query, "the best of the whole table was found")
  }

  func testCostsAreRecordedAndToldAndMissingOnesLeftOut() throws {
    let table = try Fixtures.table()
    let runner = try TrialRunner(benchmark: table, settings: TrialSettings(budget: 50, batchSize: 10, costs: ["latency"]))
    let spy = Spy(inner: RandomSearch(domain: SearchDomain(space: table.space, members: table.cells), seed: 2))
    let result = try runner.run(spy, method: "spy", trial: 0, seed: 2)
    for (record, evaluation) in zip(result.queries, spy.told) {
      XCTAssertEqual(record.costs, evaluation.costs)
      if record.cell.code % 7 == 0 {
        XCTAssertEqual(record.costs, [:], "a missing cost is left out, never 0")
      } else {
        XCTAssertEqual(record.costs, ["latency": Double(record.cell.code % 13)])
      }
    }
    XCTAssertThrowsError(try TrialRunner(benchmark: table, settings: TrialSettings(batchSize: 1, costs: ["watts"])))
  }

  func testContractViolationsAreErrors() throws {
    let table = try Fixtures.table(members: (0..<50).map { NASBench201Cell(code: $0) })
    let runner = try TrialRunner(benchmark: table, settings: TrialSettings(budget: 10, batchSize: 2))
    let inTable = NASBench201Cell(code: 3), outside = NASBench201Cell(code: 10_000)
    for (script, message) in [([[inTable], [inTable]], "again"), ([[outside]], "cannot score"),
                              ([[inTable, NASBench201Cell(code: 4), NASBench201Cell(code: 5)]], "for an ask of 2")] {
      XCTAssertThrowsError(try runner.run(Scripted(script), method: "scripted", trial: 0, seed: 0)) { error in
        XCTAssertTrue(String(describing: error).contains(message), "\(error)")
      }
    }
  }

  func testBadSettingsAreErrors() throws {
    let table = try Fixtures.table(members: [NASBench201Cell(code: 1)])
    for settings in [TrialSettings(budget: 0, batchSize: 1), TrialSettings(batchSize: 0),
                     TrialSettings(batchSize: 1, reportEvery: 0)] {
      XCTAssertThrowsError(try TrialRunner(benchmark: table, settings: settings)) { XCTAssertTrue($0 is InputError) }
    }
  }
}

/// Wraps an optimizer and keeps what it was told.
final class Spy<Inner: Optimizer>: Optimizer {
  typealias Space = Inner.Space
  let inner: Inner
  var told: [Evaluation<Inner.Space.Cell>] = []
  init(inner: Inner) { self.inner = inner }
  func ask(limit: Int) throws -> [Space.Cell] { try inner.ask(limit: limit) }
  func tell(_ evaluations: [Evaluation<Space.Cell>]) throws {
    told += evaluations
    try inner.tell(evaluations)
  }
  func saveState() throws -> Data { try inner.saveState() }
  func restoreState(_ data: Data) throws { try inner.restoreState(data) }
}

/// Proposes fixed batches (to break the contract on purpose).
final class Scripted: Optimizer {
  typealias Space = NASBench201Space
  var script: [[NASBench201Cell]]
  init(_ script: [[NASBench201Cell]]) { self.script = script }
  func ask(limit: Int) throws -> [NASBench201Cell] { script.isEmpty ? [] : script.removeFirst() }
  func tell(_ evaluations: [Evaluation<NASBench201Cell>]) throws {}
  func saveState() throws -> Data { Data() }
  func restoreState(_ data: Data) throws {}
}
