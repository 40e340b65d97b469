import XCTest
import SearchSpaces
import TestSupport
@testable import Benchmarks

/// The real NAS-Bench-201 and HW-NAS-Bench tables, against Sources/Benchmarks/Data/README.md.
final class NASBench201CatalogTests: XCTestCase {
  static let shared = DataDirectory(TestData.benchmarks)
  // Loaded once: each load parses the whole table, which takes a while in a debug build.
  static let cifar10 = try! BenchmarkCatalog.nasbench201(dataset: .cifar10, dataDirectory: shared)
  static let cifar100 = try! BenchmarkCatalog.nasbench201(dataset: .cifar100, dataDirectory: shared)
  static let imagenet16 = try! BenchmarkCatalog.nasbench201(dataset: .imagenet16, dataDirectory: shared)

  func cell(_ arch: String) throws -> NASBench201Cell { try NASBench201Cell(archString: arch) }

  func index(of cell: NASBench201Cell, in benchmark: TabularBenchmark<NASBench201Space>) throws -> Int? {
    try benchmark.value("index", of: cell).map(Int.init)
  }

  func testEveryDatasetHasAllCellsAndItsMetrics() throws {
    for (benchmark, dataset) in [(Self.cifar10, NASBench201Dataset.cifar10), (Self.cifar100, .cifar100), (Self.imagenet16, .imagenet16)] {
      XCTAssertEqual(benchmark.count, 15_625)
      XCTAssertEqual(Set(benchmark.cells).count, 15_625)
      XCTAssertEqual(benchmark.name, "nasbench201/\(dataset.rawValue)")
      XCTAssertEqual(benchmark.searchMetric, "\(dataset.rawValue)_valid_acc")
      XCTAssertEqual(benchmark.reportMetric, "\(dataset.rawValue)_test_acc")
      XCTAssertEqual(try benchmark.column("index").sorted(), (0..<15_625).map(Double.init))
      // Only this dataset's columns: no other dataset's accuracy can leak into a search.
      for other in NASBench201Dataset.allCases where other != dataset {
        XCTAssertFalse(benchmark.columnNames.contains { $0.hasPrefix(other.rawValue + "_") }, "\(benchmark.columnNames)")
      }
      for column in benchmark.columnNames where !HWNASBench.partialColumns.contains(column) {
        XCTAssertFalse(try benchmark.column(column).contains { $0.isNaN }, column)
      }
    }
    XCTAssertEqual(Self.cifar10.columnNames, ["index", "cifar10_valid_acc", "cifar10_test_acc", "cifar10_params_m", "cifar10_flops_m",
                                              "cifar10_gpu_latency_ms", "cifar10_train_time_s"]
                                              + HWNASBench.completeColumns + HWNASBench.partialColumns)
    XCTAssertEqual(Self.cifar100.columnNames, ["index", "cifar100_valid_acc", "cifar100_test_acc", "cifar100_params_m",
                                               "cifar100_gpu_latency_ms", "cifar100_train_time_s"])
  }

  func testOptimaAreThePublishedOnes() throws {
    let cases: [(TabularBenchmark<NASBench201Space>, Double, Int, Double, Double, Int)] = [
      (Self.cifar10, 91.6067, 6111, 94.3733, 94.3733, 6111),
      (Self.cifar100, 73.4933, 9930, 73.5133, 73.5133, 9930),
      (Self.imagenet16, 46.7333, 10676, 46.2000, 47.3111, 857),
    ]
    for (benchmark, bestValid, bestValidIndex, itsTest, bestTest, bestTestIndex) in cases {
      let optimum = try XCTUnwrap(benchmark.optimum)
      XCTAssertEqual(optimum.bestBySearch.count, 1, benchmark.name)
      XCTAssertEqual(optimum.bestSearchValue, bestValid, accuracy: 5e-5, benchmark.name)
      XCTAssertEqual(try index(of: optimum.bestBySearch[0].cell, in: benchmark), bestValidIndex, benchmark.name)
      XCTAssertEqual(optimum.reportValueAtBestSearch, itsTest, accuracy: 5e-5, benchmark.name)
      XCTAssertEqual(optimum.bestReportValue, bestTest, accuracy: 5e-5, benchmark.name)
      XCTAssertTrue(try optimum.bestByReport.map { try index(of: $0.cell, in: benchmark) }.contains(bestTestIndex), benchmark.name)
    }
    // CIFAR-10's best test accuracy is shared by two cells (94.373333 each).
    XCTAssertEqual(try Self.cifar10.optimum!.bestByReport.map { try index(of: $0.cell, in: Self.cifar10) }, [6111, 13714])
  }

  func testKnownCells() throws {
    // index, arch, cifar10 valid/test, cifar100 valid/test, imagenet16 valid/test, cifar10 params/flops/latency/time
    let known: [(Int, String, [Double])] = [
      (0, "|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|",
       [81.982667, 85.863333, 52.7, 52.913333, 28.211111, 26.633333, 0.129306, 15.64737, 13.935976, 1444.219]),
      (1, "|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|",
       [90.769333, 93.66, 69.826667, 70.293333, 44.488889, 44.033333, 0.802426, 113.95137, 16.852586, 2169.641]),
      (2, "|avg_pool_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|avg_pool_3x3~0|avg_pool_3x3~1|avg_pool_3x3~2|",
       [81.910667, 85.74, 54.3, 54.866667, 27.633333, 27.255556, 0.559386, 78.56193, 14.427971, 2267.178]),
      (3, "|avg_pool_3x3~0|+|skip_connect~0|none~1|+|none~0|none~1|skip_connect~2|",
       [84.377333, 86.616667, 57.413333, 58.306667, 29.433333, 28.044444, 0.073306, 7.78305, 9.290766, 833.049]),
      (857, "|nor_conv_1x1~0|+|nor_conv_1x1~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|",
       [91.068, 93.986667, 72.513333, 72.88, 46.377778, 47.311111, 0.858426, 121.81569, 21.669793, 2741.81]),
      (4321, "|skip_connect~0|+|none~0|skip_connect~1|+|none~0|nor_conv_1x1~1|none~2|",
       [86.216, 88.813333, 62.22, 62.5, 33.011111, 32.088889, 0.101306, 11.71521, 12.558214, 1012.432]),
      (6111, "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_1x1~2|",
       [91.606667, 94.373333, 72.746667, 73.22, 45.555555, 46.711111, 1.073466, 153.27297, 20.223534, 2879.749]),
      (7777, "|nor_conv_3x3~0|+|skip_connect~0|skip_connect~1|+|avg_pool_3x3~0|nor_conv_3x3~1|skip_connect~2|",
       [86.108, 90.083333, 65.366667, 65.726667, 38.344444, 38.677778, 0.559386, 78.56193, 14.500253, 1689.736]),
      (9930, "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|",
       [91.553333, 94.363333, 73.493333, 73.513333, 46.366667, 46.344444, 1.288506, 184.73025, 20.593267, 2934.503]),
      (10676, "|nor_conv_3x3~0|+|nor_conv_1x1~0|nor_conv_1x1~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|",
       [91.328, 94.125, 72.52, 72.46, 46.733333, 46.2, 0.858426, 121.81569, 20.071136, 2713.575]),
      (13714, "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_1x1~1|nor_conv_3x3~2|",
       [91.496, 94.373333, 73.306667, 73.093333, 45.588889, 46.333333, 1.073466, 153.27297, 20.342802, 2806.014]),
      (15624, "|nor_conv_1x1~0|+|none~0|nor_conv_1x1~1|+|none~0|nor_conv_1x1~1|nor_conv_1x1~2|",
       [84.190667, 86.823333, 55.786667, 55.22, 21.388889, 21.411111, 0.185306, 23.51169, 19.54622, 2089.399]),
    ]
    for (index, arch, values) in known {
      let cell = try cell(arch)
      XCTAssertEqual(Self.cifar10.row(of: cell), index, "rows are in file order")
      XCTAssertEqual(try Self.cifar10.value("index", of: cell), Double(index))
      let expected: [(TabularBenchmark<NASBench201Space>, String, Double)] = [
        (Self.cifar10, "cifar10_valid_acc", values[0]), (Self.cifar10, "cifar10_test_acc", values[1]),
        (Self.cifar100, "cifar100_valid_acc", values[2]), (Self.cifar100, "cifar100_test_acc", values[3]),
        (Self.imagenet16, "imagenet16_valid_acc", values[4]), (Self.imagenet16, "imagenet16_test_acc", values[5]),
        (Self.cifar10, "cifar10_params_m", values[6]), (Self.cifar10, "cifar10_flops_m", values[7]),
        (Self.cifar10, "cifar10_gpu_latency_ms", values[8]), (Self.cifar10, "cifar10_train_time_s", values[9]),
      ]
      for (benchmark, column, value) in expected {
        XCTAssertEqual(try benchmark.value(column, of: cell), value, "\(index) \(column)")
      }
      XCTAssertEqual(Self.cifar10.searchValue(of: cell), values[0])
      XCTAssertEqual(Self.cifar10.reportValue(of: cell), values[1])
    }
  }

  func testHardwareCostsAreJoinedByCellAndMissingStaysMissing() throws {
    let b = Self.cifar10
    // index 1: every device measured
    let one = try cell("|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|")
    XCTAssertEqual(try b.value("raspi4_latency_ms", of: one), 54.777398)
    XCTAssertEqual(try b.value("fpga_latency_ms", of: one), 5.31536)
    XCTAssertEqual(try b.value("edgegpu_latency_ms", of: one), 6.547689)
    XCTAssertEqual(try b.value("edgetpu_latency_ms", of: one), 1.438988)
    XCTAssertEqual(try b.value("fpga_energy_mj", of: one), 37.20752)
    // index 0: the partial columns are empty in the file -> nil, never 0
    let zero = try cell("|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|")
    XCTAssertEqual(try b.value("fpga_latency_ms", of: zero), 2.57296)
    for column in HWNASBench.partialColumns { XCTAssertNil(try b.value(column, of: zero), column) }
    // index 6: Edge TPU latency written as -1 (not measured) -> nil; the other devices are there
    let six = try cell("|nor_conv_3x3~0|+|none~0|none~1|+|avg_pool_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|")
    XCTAssertNil(try b.value("edgetpu_latency_ms", of: six))
    XCTAssertNoThrow(try b.requireCostColumns(HWNASBench.partialColumns), "-1 is missing, never a (negative) cost")
    XCTAssertEqual(try b.value("edgegpu_latency_ms", of: six), 5.080538)
    // counts: 12,554 cells measured on the partial devices, 8,786 on the Edge TPU
    for column in HWNASBench.completeColumns { XCTAssertEqual(try b.column(column).filter { !$0.isNaN }.count, 15_625) }
    for column in HWNASBench.partialColumns where column != "edgetpu_latency_ms" {
      XCTAssertEqual(try b.column(column).filter { !$0.isNaN }.count, 12_554, column)
    }
    XCTAssertEqual(try b.column("edgetpu_latency_ms").filter { !$0.isNaN }.count, 8_786)
    XCTAssertFalse(try b.column("edgetpu_latency_ms").contains { $0 < 0 })

    // Hardware costs as cost columns: nil for cells the device has no value for.
    XCTAssertNoThrow(try b.requireCostColumns(["fpga_latency_ms", "edgegpu_latency_ms"]))
    XCTAssertEqual(try b.value("fpga_latency_ms", of: one), 5.31536)
    XCTAssertNil(try b.value("edgegpu_latency_ms", of: zero))
    XCTAssertThrowsError(try Self.cifar100.requireCostColumns(["fpga_latency_ms"]))
  }

  func testTheSearchMetricIsTheValidationAccuracy() throws {
    let best = try cell("|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_1x1~2|")
    XCTAssertEqual(Self.cifar10.searchMetric, "cifar10_valid_acc")
    XCTAssertEqual(Self.cifar10.searchValue(of: best), 91.606667)
  }

  func testNotesSayWhereTheCostsCameFrom() {
    XCTAssertTrue(Self.cifar10.notes.contains { $0.contains("HW-NAS-Bench costs joined from") })
    XCTAssertTrue(Self.cifar100.notes.contains {
      $0.contains("HW-NAS-Bench costs not loaded: nasbench201/hwnasbench_cifar100.csv") && $0.contains("agnet data import hwnasbench")
    }, "\(Self.cifar100.notes)")
  }
}
