import XCTest
import Randomness
import SearchSpaces
import TestSupport
@testable import Benchmarks

/// The NAS-Bench-101 sample against Sources/Benchmarks/Data/README.md, and NAS-Bench-101 user tables.
final class NASBench101CatalogTests: XCTestCase {
  static let sample = try! BenchmarkCatalog.nasbench101(dataDirectory: DataDirectory(TestData.benchmarks))

  func cell(_ hash: String) throws -> NASBench101Cell {
    try XCTUnwrap(Self.sample.cells.first { $0.fingerprint.hex == hash }, hash)
  }

  func testSampleSizeMetricsAndOptimum() throws {
    let b = Self.sample
    XCTAssertEqual(b.count, 30_001)
    XCTAssertEqual(Set(b.cells).count, 30_001)
    XCTAssertEqual(b.name, "nasbench101/cifar10")
    XCTAssertEqual(b.searchMetric, "valid_acc_108")
    XCTAssertNil(b.reportMetric, "the sample has no test accuracy")
    XCTAssertTrue(b.notes.contains { $0.contains("no test accuracy") && $0.contains("validation accuracy") })
    XCTAssertEqual(b.columnNames, ["params", "valid_acc_4", "valid_acc_12", "valid_acc_36", "valid_acc_108", "train_time_108_s"])
    let optimum = try XCTUnwrap(b.optimum)
    XCTAssertEqual(optimum.bestBySearch.count, 1)
    XCTAssertEqual(optimum.bestSearchValue, 94.91, accuracy: 0.005)
    XCTAssertEqual(optimum.bestBySearch[0].cell.fingerprint.hex, "096f593e0f12d65f6220bf8565b764a9")
    XCTAssertEqual(optimum.reportValueAtBestSearch, optimum.bestSearchValue, "reports use validation accuracy")
    XCTAssertEqual(optimum.bestReportValue, optimum.bestSearchValue)
  }

  func testKnownCells() throws {
    // hash, vertices, adjacency_bits, ops, params, valid_acc_4, valid_acc_108, train_time_108_s
    let known: [(String, Int, Int, String, Double, Double, Double, Double)] = [
      ("00005c142e6f48ac74fdcf73e3439874", 7, 1_205_349, "02001", 8_555_530, 36.047676, 93.048877, 1768.976),
      ("0000718c96730a92ea6d5242f8ce77e2", 7, 1_335_845, "11010", 5_878_154, 11.318109, 89.593351, 1203.288),
      ("0c187841d17db3b0b02791f4d7d0d93d", 7, 1_098_349, "20112", 14_873_994, 13.541667, 92.497998, 3127.374),
      ("1c06000633c4d23bb3ee3597fed8992e", 7, 1_068_579, "22200", 21_220_234, 40.755209, 93.219149, 3822.749),
      ("043721b9c7fe8c5fad811d47d83132ec", 2, 1, "", 882_570, 54.046476, 83.583736, 284.243),
      ("09fc2d10bdd6225e167a6f81a22a3f06", 3, 7, "1", 2_793_866, 44.471154, 84.054488, 732.7),
      ("096f593e0f12d65f6220bf8565b764a9", 7, 1_107_493, "02010", 31_552_906, 52.39383, 94.911861, 4100.57),
    ]
    for (hash, vertices, bits, ops, params, acc4, acc108, time) in known {
      let cell = try cell(hash)
      XCTAssertEqual(cell.vertexCount, vertices)
      XCTAssertEqual(cell.adjacencyBits, bits)
      XCTAssertEqual(cell.opsDigits, ops)
      XCTAssertEqual(try Self.sample.value("params", of: cell), params)
      XCTAssertEqual(try Self.sample.value("valid_acc_4", of: cell), acc4)
      XCTAssertEqual(Self.sample.searchValue(of: cell), acc108)
      XCTAssertEqual(Self.sample.reportValue(of: cell), acc108)
      XCTAssertEqual(try Self.sample.value("train_time_108_s", of: cell), time)
    }
    XCTAssertEqual(Self.sample.row(of: try cell("00005c142e6f48ac74fdcf73e3439874")), 0)
    XCTAssertEqual(Self.sample.row(of: try cell("1c06000633c4d23bb3ee3597fed8992e")), 30_000)
  }

  func testRandomCellsComeFromTheSample() {
    var rng = Xoshiro256StarStar(seed: 3)
    for _ in 0..<200 { XCTAssertTrue(Self.sample.contains(Self.sample.space.randomCell(using: &rng))) }
    XCTAssertEqual(Self.sample.space.allCells.count, 30_001)
  }

  func testSampleWithTestAccuracyReportsIt() throws {
    let dir = scratchDirectory()
    let folder = dir.appendingPathComponent("nasbench101")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let rows = ["hash,vertices,adjacency_bits,ops,valid_acc_108,test_acc_108",
                "043721b9c7fe8c5fad811d47d83132ec,2,1,,83.5,83.1", "09fc2d10bdd6225e167a6f81a22a3f06,3,7,1,84,82"]
    try Data((rows.joined(separator: "\n") + "\n").utf8).write(to: folder.appendingPathComponent("nasbench101_sample30k.csv"))
    let b = try BenchmarkCatalog.nasbench101(dataDirectory: DataDirectory(dir))
    XCTAssertEqual(b.reportMetric, "test_acc_108")
    XCTAssertEqual(b.optimum?.reportValueAtBestSearch, 82)
    XCTAssertEqual(b.optimum?.bestReportValue, 83.1)
    XCTAssertFalse(b.notes.contains { $0.contains("no test accuracy") })
  }

  func testMissingSampleSaysWhatToDo() {
    XCTAssertInputError(try BenchmarkCatalog.nasbench101(dataDirectory: DataDirectory(scratchDirectory())),
                        ["nasbench101/nasbench101_sample30k.csv", "not found", "official NAS-Bench-101 file", "--data-dir"])
  }

  func testUserTableErrorsNameTheLine() throws {
    let header = "hash,vertices,adjacency_bits,ops,acc"
    let good = "043721b9c7fe8c5fad811d47d83132ec,2,1,,83.5"
    let space = NASBench101Space()
    func load(_ row: String) throws -> TabularBenchmark<NASBench101Space> {
      try BenchmarkCatalog.table(writeTable("\(header)\n\(good)\n\(row)\n"), space: space, searchMetric: "acc", reportMetric: nil)
    }
    XCTAssertEqual(try load("09fc2d10bdd6225e167a6f81a22a3f06,3,7,1,84").count, 2)
    XCTAssertInputError(try load("09fc2d10bdd6225e167a6f81a22a3f06,3,7,2,84"), [":3:", "does not match the cell"])
    XCTAssertInputError(try load("09fc2d10bdd6225e167a6f81a22a3f06,x,7,1,84"), [":3:", "vertices 'x' is not an integer"])
    XCTAssertInputError(try load("09fc2d10bdd6225e167a6f81a22a3f0,3,7,1,84"), [":3:", "is not 32 hex digits"])
    XCTAssertInputError(try load("09fc2d10bdd6225e167a6f81a22a3f06,3,7,9,84"), [":3:", "ops '9'"])
    XCTAssertInputError(try load("043721b9c7fe8c5fad811d47d83132ec,2,1,,80"), [":3:", "duplicate cell", "(first on line 2)"])
    XCTAssertInputError(try load("09fc2d10bdd6225e167a6f81a22a3f06,3,7,1,"), [":3:", "column 'acc' is empty"])
  }
}
