import XCTest
import SearchSpaces
@testable import Benchmarks

final class BenchmarkSummaryTests: XCTestCase {
  func testSummaryCountsMissingValuesAndNamesTheOptimum() throws {
    let a = TableFiles.arch(0), b = TableFiles.arch(1), c = TableFiles.arch(2)
    let table = try userTable("index,arch,acc,test,latency", [
      "10,\(a),90.5,91,1.5", "11,\(b),80,95.25,", "12,\(c),70.25,71,2",
    ], reportMetric: "test")
    let summary = BenchmarkSummary(table)
    XCTAssertEqual(summary.cellCount, 3)
    XCTAssertEqual(summary.columns.map(\.name), ["acc", "test", "index", "latency"])
    XCTAssertEqual(summary.columns.map(\.role), [.search, .report, .identifier, .cost])
    XCTAssertEqual(summary.columns.map(\.count), [3, 3, 3, 2])
    XCTAssertEqual(summary.columns[3].minimum, 1.5)
    XCTAssertEqual(summary.bestBySearch.map(\.index), [10])
    XCTAssertEqual(summary.bestBySearch.first?.reportValue, 91)
    XCTAssertEqual(summary.bestByReport.map(\.index), [11])
    let text = summary.text
    XCTAssertTrue(text.contains("3 cells"), text)
    XCTAssertTrue(text.contains("best acc: 90.5, its test 91  index 10 \(a)"), text)
    XCTAssertTrue(text.contains("best test anywhere: 95.25  index 11 \(b)"), text)
    XCTAssertTrue(text.contains("latency") && text.contains("2 cells"), text)
  }

  func testWithoutReportMetricTheOptimumIsTheSearchMetric() throws {
    let table = try userTable("arch,acc", ["\(TableFiles.arch(5)),1", "\(TableFiles.arch(6)),2"])
    let text = BenchmarkSummary(table).text
    XCTAssertTrue(text.contains("best acc: 2  \(TableFiles.arch(6))"), text)
    XCTAssertFalse(text.contains("anywhere"), text)
    XCTAssertTrue(text.contains("no report metric"), text)
  }

  func testGrouping() {
    XCTAssertEqual(BenchmarkSummary.grouped(15_625), "15,625")
    XCTAssertEqual(BenchmarkSummary.grouped(423_624), "423,624")
    XCTAssertEqual(BenchmarkSummary.grouped(1_000_000), "1,000,000")
    XCTAssertEqual(BenchmarkSummary.grouped(999), "999")
  }
}
