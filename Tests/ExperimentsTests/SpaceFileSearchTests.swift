import Benchmarks
import Foundation
import Methods
import Runs
import SearchSpaces
import TestSupport
import XCTest

/// Searches on the NAS-Bench-201 table through `spaces/nasbench201.toml` against the built-in
/// space: the same table written twice, keyed by arch strings and by the file's cell text.
final class SpaceFileSearchTests: XCTestCase {
  static func fileSpace() throws -> FileSpace {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return try FileSpace(path: root.appendingPathComponent("spaces/nasbench201.toml").path)
  }

  /// The CIFAR-10 table as two user tables with the columns acc and test.
  static func tables(in folder: URL) throws -> (TabularBenchmark<NASBench201Space>, TabularBenchmark<FileSpace>) {
    let catalog = try BenchmarkCatalog.nasbench201(dataset: .cifar10, dataDirectory: DataDirectory(TestData.benchmarks), hardwareCosts: false)
    let space = try fileSpace()
    var builtIn = "arch,acc,test\n"
    var file = "cell,acc,test\n"
    for (index, cell) in catalog.cells.enumerated() {
      let values = "\(catalog.searchValue(of: cell)!),\(catalog.reportValue(of: cell)!)\n"
      builtIn += cell.archString + "," + values
      let fileCell = space.allCells[cell.code]
      XCTAssertEqual(fileCell.parts[0].ops.map(Int.init), cell.ops.map(\.rawValue), "row \(index)")
      file += "\"" + space.format(fileCell).replacingOccurrences(of: "\"", with: "\"\"") + "\"," + values
    }
    let builtInURL = folder.appendingPathComponent("builtin.csv")
    let fileURL = folder.appendingPathComponent("file.csv")
    try builtIn.write(to: builtInURL, atomically: true, encoding: .utf8)
    try file.write(to: fileURL, atomically: true, encoding: .utf8)
    return (try BenchmarkCatalog.table(builtInURL, space: NASBench201Space(), searchMetric: "acc", reportMetric: "test"),
            try BenchmarkCatalog.table(fileURL, space: space, searchMetric: "acc", reportMetric: "test"))
  }

  func run<Space: SearchSpace>(_ table: TabularBenchmark<Space>, method: any SearchMethod, in folder: URL) throws -> [TrialResult<Space.Cell>] {
    let run = try SearchRun(benchmark: table, benchmarkName: "table", dataset: "cifar10", method: method, parameters: [:],
                            settings: TrialSettings(budget: 60, batchSize: method.defaultBatchSize), seed: 5, trials: 3, directory: folder)
    try run.execute()
    return try (0..<3).map { try JSONFiles.read(TrialResult<Space.Cell>.self, from: folder.appendingPathComponent("trial-\($0).json")) }
  }

  /// rs, re and ls query the same cells with the same values and trajectories: the file lists
  /// the cells in the built-in order and draws and mutates them with the same random numbers.
  /// BANANAS runs with its path encoding instead of the op one-hot, so only its quality compares.
  func testRandomEvolutionAndLocalSearchGiveTheBuiltInTrials() throws {
    let folder = TestData.temporaryDirectory("space-file-search")
    defer { try? FileManager.default.removeItem(at: folder) }
    let (builtIn, file) = try Self.tables(in: folder)
    for method in [RandomSearchMethod(), RegularizedEvolutionMethod(), LocalSearchMethod()] as [any SearchMethod] {
      let reference = try run(builtIn, method: method, in: folder.appendingPathComponent("builtin-\(method.name)"))
      let trials = try run(file, method: method, in: folder.appendingPathComponent("file-\(method.name)"))
      for (a, b) in zip(reference, trials) {
        XCTAssertEqual(a.queries.map(\.cell), b.queries.map { NASBench201Cell(ops: $0.cell.parts[0].ops.map { NASBench201Op(rawValue: Int($0))! }) }, method.name)
        XCTAssertEqual(a.queries.map(\.value), b.queries.map(\.value), method.name)
        XCTAssertEqual(a.trajectory, b.trajectory, method.name)
      }
    }
    let bananas = try run(file, method: BANANASMethod(), in: folder.appendingPathComponent("file-bananas"))
    let random = try run(file, method: RandomSearchMethod(), in: folder.appendingPathComponent("file-rs-again"))
    // BANANAS through the file finds better cells than random search in 60 queries on every trial
    // seed here (CIFAR-10 validation accuracy, best of 60).
    let best = { (trials: [TrialResult<FileCell>]) in trials.map { $0.queries.map(\.value).max()! }.reduce(0, +) / 3 }
    XCTAssertGreaterThan(best(bananas), best(random))
  }
}
