@testable import Comparisons
import Foundation
@testable import Methods
@testable import Runs
import SearchSpaces
import TestSupport
import XCTest

final class ReportTests: XCTestCase {
  static func runComparison(_ directory: URL, jobs: Int = 1) throws -> ComparisonResults {
    try ComparisonRun(benchmark: try Fixtures.sharedTable(), benchmarkName: "synthetic", dataset: "nb201",
                      methods: [MethodChoice(RandomSearchMethod()), MethodChoice(RegularizedEvolutionMethod(),
                                                                                 parameters: ["population_size": "8"]),
                                MethodChoice(LocalSearchMethod())],
                      budget: 64, seed: 3, trials: 4, directory: directory).execute(jobs: jobs)
  }

  /// One comparison shared by the tests that only read it.
  static let shared = Result { () throws -> (URL, ComparisonResults) in
    let directory = TestData.temporaryDirectory()
    return (directory, try runComparison(directory))
  }

  func testComparisonWritesResultsReportAndFigure() throws {
    let (directory, results) = try ReportTests.shared.get()
    XCTAssertEqual(results.methodOrder, ["rs", "re", "ls"])
    for name in ["results.json", "report.md", "report.svg", "rs/summary.json", "re/config.json", "ls/trial-3.json"] {
      XCTAssertTrue(FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).path), name)
    }
    let loaded = try ComparisonResults.load(from: directory)
    XCTAssertEqual(loaded, results)
    let summary = try JSONFiles.read(RunSummary.self, from: directory.appendingPathComponent("re/summary.json"))
    XCTAssertEqual(results.methods["re"], summary, "results.json holds each method's summary.json")
    let report = try String(contentsOf: directory.appendingPathComponent("report.md"), encoding: .utf8)
    XCTAssertTrue(report.contains("| method | q = 16 | q = 32 | q = 64 |"), report)
    for name in ["rs", "re", "ls"] { XCTAssertTrue(report.contains("| \(name) | "), report) }
    let expected = try XCTUnwrap(results.randomSearchExpectation)
    XCTAssertEqual(expected.map(\.queries), [16, 32, 48, 64])
    let exact = try RandomSearchExpectation(benchmark: try Fixtures.sharedTable())
    XCTAssertEqual(expected[1].bestValid, exact.expectedBestValid(after: 32))
    XCTAssertEqual(expected[3].testOfBestValid, exact.expectedTestOfBestValid(after: 64))
    XCTAssertTrue(report.contains("| random search, exact expectation | \(Format.value(expected[0].testOfBestValid!)) |"), report)
    let p = results.methods["ls"]!.point(atQueries: 32)!
    XCTAssertTrue(report.contains(Format.meanStd(p.testOfBestValidMean, p.testOfBestValidStd)), report)
  }

  func testComparisonWithParallelJobsGivesTheSameFiles() throws {
    let one = try ReportTests.shared.get().0, two = TestData.temporaryDirectory()
    _ = try ReportTests.runComparison(two, jobs: 2)
    XCTAssertEqual(try Fixtures.deterministicFiles(in: one), try Fixtures.deterministicFiles(in: two))
  }

  func testFigureHasBandsMediansOptimumAxesAndLegend() throws {
    let results = try ReportTests.shared.get().1
    let svg = try ComparisonFigure(results: results).svg
    XCTAssertTrue(svg.hasPrefix("<?xml"))
    XCTAssertTrue(svg.hasSuffix("</svg>\n"))
    XCTAssertEqual(svg.components(separatedBy: "<polygon").count - 1, 3, "one band per method")
    XCTAssertEqual(svg.components(separatedBy: "<polyline").count - 1, 3, "one median line per method")
    for name in ["rs", "re", "ls"] {
      XCTAssertTrue(svg.contains("class=\"median \(name)\""))
      XCTAssertTrue(svg.contains(">\(name)</text>"), "legend entry for \(name)")
    }
    XCTAssertEqual(svg.components(separatedBy: "stroke-dasharray").count - 1, 2, "the optimum line and its legend entry")
    XCTAssertTrue(svg.contains(">queries</text>"))
    XCTAssertTrue(svg.contains(">best valid so far</text>"))
    XCTAssertTrue(svg.contains(">optimum \(Format.value(results.optimum.bestValid))</text>"))
    // Every median point lies inside the plot area.
    let polyline = svg.components(separatedBy: "<polyline points=\"")[1].components(separatedBy: "\"")[0]
    for pair in polyline.split(separator: " ") {
      let xy = pair.split(separator: ",").map { Double($0)! }
      XCTAssertTrue((78...670).contains(xy[0]) && (58...458).contains(xy[1]), "\(xy)")
    }
    let testFigure = try ComparisonFigure(results: results, metric: .testOfBestValid).svg
    XCTAssertTrue(testFigure.contains(">test of the best-valid cell</text>"))
    XCTAssertTrue(testFigure.contains(">optimum \(Format.value(results.optimum.testOfBestValid!))</text>"))
  }

  func testTextIsEscaped() {
    var doc = SVGDocument(width: 10, height: 10)
    doc.text("a<b & \"c\"", x: 1, y: 2)
    XCTAssertTrue(doc.text.contains(">a&lt;b &amp; &quot;c&quot;</text>"))
  }

  func testTicksAreRoundAndCoverTheRange() {
    let ticks = FigureAxis.ticks(low: 88.3, high: 91.61, count: 6)
    XCTAssertLessThanOrEqual(ticks.first!, 88.3)
    XCTAssertGreaterThanOrEqual(ticks.last!, 91.61)
    XCTAssertEqual(ticks, [88, 89, 90, 91, 92])
    XCTAssertEqual(FigureAxis.label(88, ticks: ticks), "88")
    XCTAssertEqual(FigureAxis.ticks(low: 90.1, high: 91.61, count: 6), [90, 90.5, 91, 91.5, 92])
    XCTAssertEqual(FigureAxis.label(90.5, ticks: [90, 90.5, 91]), "90.5")
    XCTAssertEqual(FigureAxis.label(2.5, ticks: [0, 2.5, 5]), "2.5")
    XCTAssertEqual(FigureAxis.queryTicks(budget: 320), [0, 64, 128, 192, 256, 320])
    XCTAssertEqual(FigureAxis.queryTicks(budget: 64), [0, 16, 32, 48, 64])
    XCTAssertEqual(FigureAxis.queryTicks(budget: 100), [0, 32, 64, 96])
    let flat = FigureAxis.ticks(low: 5, high: 5, count: 6)
    XCTAssertTrue(flat.count >= 2 && flat.first! < 5 && flat.last! > 5, "\(flat)")
  }

  func testLoadingFromADirectoryWithoutResultsIsAClearError() {
    XCTAssertThrowsError(try ComparisonResults.load(from: TestData.temporaryDirectory())) {
      XCTAssertTrue(String(describing: $0).contains("summary.json"), "\($0)")
    }
  }
}
