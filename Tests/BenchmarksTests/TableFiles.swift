import XCTest
import SearchSpaces
import TestSupport
@testable import Benchmarks

/// Small table files written by tests, and the check that a load fails the way a user should see.
enum TableFiles {
  static let space = NASBench201Space()

  /// Arch strings of distinct cells, in code order.
  static func arch(_ code: Int) -> String { NASBench201Cell(code: code).archString }

  /// A full 15,625-cell NAS-Bench-201 table in the catalogue's layout; `value(code)` fills the
  /// accuracy columns, `omit` drops columns, `edit` changes the text before writing.
  static func nasbench201(in directory: URL, omit: Set<String> = [], edit: (String) -> String = { $0 }) {
    let columns = ["index", "arch", "cifar10_valid_acc", "cifar10_test_acc", "cifar10_params_m", "cifar10_flops_m",
                   "cifar10_gpu_latency_ms", "cifar10_train_time_s"].filter { !omit.contains($0) }
    var lines = [columns.joined(separator: ",")]
    for code in 0..<NASBench201Cell.cellCount {
      let values: [String: String] = [
        "index": String(code), "arch": arch(code), "cifar10_valid_acc": String(50 + Double(code) / 1000),
        "cifar10_test_acc": String(40 + Double(code) / 1000), "cifar10_params_m": "1", "cifar10_flops_m": "2",
        "cifar10_gpu_latency_ms": "3", "cifar10_train_time_s": "4",
      ]
      lines.append(columns.map { values[$0]! }.joined(separator: ","))
    }
    let folder = directory.appendingPathComponent("nasbench201")
    try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try! Data(edit(lines.joined(separator: "\n") + "\n").utf8).write(to: folder.appendingPathComponent("nasbench201.csv"))
  }
}

extension XCTestCase {
  /// A fresh folder, removed when the test ends.
  func scratchDirectory(_ label: String = "agnet-benchmarks-test") -> URL {
    let url = TestData.temporaryDirectory(label)
    addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url
  }

  /// Writes `text` to a fresh file and returns its URL.
  func writeTable(_ text: String, name: String = "table.csv") -> URL {
    let url = scratchDirectory().appendingPathComponent(name)
    try! Data(text.utf8).write(to: url)
    return url
  }

  /// A user table over NAS-Bench-201 with the given rows under `header`.
  func userTable(_ header: String, _ rows: [String], searchMetric: String = "acc",
                 reportMetric: String? = nil) throws -> TabularBenchmark<NASBench201Space> {
    let url = writeTable(([header] + rows).joined(separator: "\n") + "\n")
    return try BenchmarkCatalog.table(url, space: TableFiles.space, searchMetric: searchMetric, reportMetric: reportMetric)
  }
}

/// Asserts that `body` throws an `InputError` whose one-line description contains every fragment
/// (file names and line numbers included) and never a newline.
func XCTAssertInputError<T>(_ body: @autoclosure () throws -> T, _ fragments: [String],
                            file: StaticString = #filePath, line: UInt = #line) {
  do {
    _ = try body()
    XCTFail("expected an InputError containing \(fragments)", file: file, line: line)
  } catch let error as InputError {
    let text = error.description
    XCTAssertFalse(text.contains("\n"), "one line: \(text)", file: file, line: line)
    for fragment in fragments {
      XCTAssertTrue(text.contains(fragment), "'\(text)' lacks '\(fragment)'", file: file, line: line)
    }
  } catch {
    XCTFail("expected an InputError, got \(error)", file: file, line: line)
  }
}
