import Foundation
import SearchSpaces
import TestSupport
import XCTest
@testable import Benchmarks

/// `--table FILE --space S` through the space registry: the table's space is the one named, and a
/// space without tables is refused as misuse before the file is read.
final class BenchmarkRequestTests: XCTestCase {
  func testATableIsLoadedOverTheSpaceNamed() throws {
    let loaded = try BenchmarkRequest.catalog(.nasbench201, dataset: "cifar10").load(dataDirectory: DataDirectory(TestData.benchmarks))
    XCTAssertEqual(loaded.space, .builtIn(.nasbench201))
    XCTAssertEqual(loaded.count, NASBench201Cell.cellCount)
  }

  func testDARTSHasNoTables() {
    let request = BenchmarkRequest.table(URL(fileURLWithPath: "/no/such/table.csv"), space: .builtIn(.darts), searchMetric: "acc", reportMetric: nil)
    XCTAssertThrowsError(try request.load(dataDirectory: DataDirectory(TestData.benchmarks))) { error in
      XCTAssertEqual((error as? UsageError)?.message,
                     "--table needs a space with tables (nasbench201, nasbench101); DARTS architectures are evaluated by your own code: agnet init --space darts")
    }
  }
}
