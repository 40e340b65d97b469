import Benchmarks
import Foundation
import SearchSpaces
import TestSupport

/// Tables and helpers for the experiment tests.
enum Fixtures {
  static let space = NASBench201Space()

  /// A synthetic NAS-Bench-201 table: validation rises with the number of 3×3 convolutions and has a
  /// cell-dependent wiggle; test = validation + 2 + another wiggle. `members` restricts the cells.
  static func table(members: [NASBench201Cell]? = nil, reportMetric: Bool = true) throws -> TabularBenchmark<NASBench201Space> {
    let cells = members ?? space.allCells
    let valid = cells.map { cell -> Double in
      let convs = cell.ops.filter { $0 == .conv3x3 }.count
      return 80 + 1.5 * Double(convs) + wiggle(cell.code, 1)
    }
    let test = zip(cells, valid).map { cell, v in v + 2 + wiggle(cell.code, 2) }
    var columns = ["valid": valid]
    var names = ["valid"]
    if reportMetric {
      columns["test"] = test
      names.append("test")
    }
    columns["latency"] = cells.map { $0.code % 7 == 0 ? .nan : Double($0.code % 13) }
    names.append("latency")
    return try TabularBenchmark(space: space, name: "synthetic/nb201", source: "synthetic.csv", cells: cells,
                                columnNames: names, columns: columns, searchMetric: "valid",
                                reportMetric: reportMetric ? "test" : nil)
  }

  /// A 3,125-cell table (edge 1←0 fixed to `none`) built once for the tests that only read it:
  /// small enough for many runs in a debug build.
  static func sharedTable() throws -> TabularBenchmark<NASBench201Space> { try cached.get() }
  private static let cached = Result { try table(members: (0..<3_125).map(NASBench201Cell.init(code:))) }

  /// A deterministic value in [0, 1) from a code.
  static func wiggle(_ code: Int, _ salt: UInt64) -> Double {
    var x = UInt64(code) &* 0x9E37_79B9_7F4A_7C15 &+ salt &* 0xD1B5_4A32_D192_ED03
    x ^= x >> 31
    x = x &* 0xBF58_476D_1CE4_E5B9
    x ^= x >> 29
    return Double(x % 1_000_000) / 1_000_000
  }

  /// NAS-Bench-201 CIFAR-10 from the shared tables, through the catalogue.
  static func realCIFAR10() throws -> TabularBenchmark<NASBench201Space> {
    try BenchmarkCatalog.nasbench201(dataset: .cifar10, dataDirectory: DataDirectory(TestData.benchmarks))
  }

  /// Every regular file of a directory (recursively, hidden files included) with its bytes.
  static func files(in directory: URL) throws -> [String: Data] {
    var result: [String: Data] = [:]
    let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey])!
    for case let url as URL in enumerator where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
      let relative = String(url.standardizedFileURL.path.dropFirst(directory.standardizedFileURL.path.count + 1))
      result[relative] = try Data(contentsOf: url)
    }
    return result
  }

  /// The files of a run with wall-clock data removed: timing.json dropped, every JSON key
  /// `wall_seconds*` removed, and Markdown lines/cells about wall-clock time blanked. What is left
  /// must be identical however a run was done.
  static func deterministicFiles(in directory: URL) throws -> [String: String] {
    var result: [String: String] = [:]
    for (name, data) in try files(in: directory) where !name.hasSuffix("timing.json") {
      var text = String(decoding: data, as: UTF8.self)
      if name.hasSuffix(".json") {
        text = text.split(separator: "\n", omittingEmptySubsequences: false)
          .filter { !$0.contains("\"wall_seconds") }.joined(separator: "\n")
      } else if name.hasSuffix(".md") {
        text = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
          line.hasPrefix("Wall-clock") ? "Wall-clock" : String(line)
        }.joined(separator: "\n")
        text = text.replacingOccurrences(of: "\\| [0-9.]+ s \\|", with: "| time |", options: .regularExpression)
      }
      result[name] = text
    }
    return result
  }
}
