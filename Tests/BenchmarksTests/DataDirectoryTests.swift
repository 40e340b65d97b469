import XCTest
import SearchSpaces
import TestSupport
@testable import Benchmarks

final class DataDirectoryTests: XCTestCase {
  func testResolutionOrder() {
    let env = ["AGNET_DATA": "/env/data", "XDG_DATA_HOME": "/xdg", "HOME": "/home/u"]
    let shipped = URL(fileURLWithPath: "/shipped")
    XCTAssertEqual(DataDirectory.resolve(commandLine: "/flag", environment: env, shipped: shipped),
                   DataDirectory(URL(fileURLWithPath: "/flag"), fallback: shipped))
    XCTAssertEqual(DataDirectory.resolve(commandLine: nil, environment: env, shipped: shipped),
                   DataDirectory(URL(fileURLWithPath: "/env/data"), origin: .environment, fallback: shipped))
    XCTAssertEqual(DataDirectory.resolve(commandLine: nil, environment: ["XDG_DATA_HOME": "/xdg", "HOME": "/home/u"], shipped: shipped),
                   DataDirectory(URL(fileURLWithPath: "/xdg/agnet"), origin: .userDefault, fallback: shipped))
    XCTAssertEqual(DataDirectory.resolve(commandLine: nil, environment: [:]).fallback, ShippedTables.directory,
                   "the shipped tables are the last resort by default")
    XCTAssertEqual(DataDirectory.resolve(commandLine: nil, environment: ["XDG_DATA_HOME": "relative", "HOME": "/home/u"]).url.path,
                   "/home/u/.local/share/agnet", "a relative XDG_DATA_HOME is ignored")
    XCTAssertEqual(DataDirectory.resolve(commandLine: "", environment: ["AGNET_DATA": "", "HOME": "/home/u"]).url.path,
                   "/home/u/.local/share/agnet")
  }

  func testMissingTablesSayWhatToDo() {
    let nowhere = DataDirectory(URL(fileURLWithPath: "/nonexistent/agnet-data"), origin: .environment)
    XCTAssertInputError(try BenchmarkCatalog.nasbench201(dataset: .cifar10, dataDirectory: nowhere),
                        ["nasbench201/nasbench201.csv", "/nonexistent/agnet-data", "$AGNET_DATA", "does not exist",
                         "agnet data install nasbench201", "--data-dir"])
    // Issue 30: a regular file named as the folder said it "does not exist".
    let file = writeTable("not a folder")
    XCTAssertInputError(try BenchmarkCatalog.nasbench201(dataset: .cifar10, dataDirectory: DataDirectory(file, origin: .environment)),
                        [file.path, "$AGNET_DATA", "is a file, not a folder"])
    let empty = DataDirectory(scratchDirectory())
    XCTAssertInputError(try BenchmarkCatalog.nasbench201(dataset: .cifar100, dataDirectory: empty),
                        ["not found in the data directory", "--data-dir", "agnet data install nasbench201"])
  }
}

/// The catalogue's rules on tables other than the shared ones (written by the tests).
final class NASBench201CatalogRulesTests: XCTestCase {
  func testTableWithoutTestAccuracyReportsValidation() throws {
    let dir = scratchDirectory()
    TableFiles.nasbench201(in: dir, omit: ["cifar10_test_acc"])
    let b = try BenchmarkCatalog.nasbench201(dataset: .cifar10, dataDirectory: DataDirectory(dir))
    XCTAssertNil(b.reportMetric)
    XCTAssertEqual(b.reportValue(of: NASBench201Cell(code: 7)), 50.007)
    XCTAssertTrue(b.notes.contains { $0.contains("no cifar10_test_acc") && $0.contains("validation accuracy") })
    XCTAssertTrue(b.notes.contains { $0.contains("HW-NAS-Bench costs not loaded") })
    XCTAssertEqual(b.optimum?.bestBySearch.map(\.cell.code), [15_624])
  }

  func testRequiredColumnsAndAllCells() {
    let dir = scratchDirectory()
    TableFiles.nasbench201(in: dir, omit: ["cifar10_flops_m"])
    XCTAssertInputError(try BenchmarkCatalog.nasbench201(dataset: .cifar10, dataDirectory: DataDirectory(dir)),
                        ["nasbench201.csv:1:", "missing column 'cifar10_flops_m'"])
    XCTAssertInputError(try BenchmarkCatalog.nasbench201(dataset: .cifar100, dataDirectory: DataDirectory(dir)),
                        ["missing column 'cifar100_valid_acc'"])
    let short = scratchDirectory()
    TableFiles.nasbench201(in: short) { text in
      var lines = text.split(separator: "\n")
      lines.removeLast(25)
      return lines.joined(separator: "\n")
    }
    XCTAssertInputError(try BenchmarkCatalog.nasbench201(dataset: .cifar10, dataDirectory: DataDirectory(short)),
                        ["has 15600 cells; a NAS-Bench-201 table has all 15625"])
  }

  func testHardwareTableMustMatch() throws {
    let dir = scratchDirectory()
    TableFiles.nasbench201(in: dir)
    let hardware = dir.appendingPathComponent(HWNASBench.file)
    func writeHardware(_ row: (Int) -> String) {
      let header = (["index", "arch"] + HWNASBench.completeColumns + HWNASBench.partialColumns).joined(separator: ",")
      let lines = [header] + (0..<NASBench201Cell.cellCount).reversed().map(row)
      try! Data((lines.joined(separator: "\n") + "\n").utf8).write(to: hardware)
    }
    // Rows in another order than the main table: joined by cell.
    writeHardware { "\($0),\(TableFiles.arch($0)),\($0),1,1,1,,,-1,,,2" }
    let b = try BenchmarkCatalog.nasbench201(dataset: .cifar10, dataDirectory: DataDirectory(dir))
    XCTAssertEqual(try b.value("raspi4_latency_ms", of: NASBench201Cell(code: 42)), 42)
    XCTAssertNil(try b.value("edgetpu_latency_ms", of: NASBench201Cell(code: 42)))
    XCTAssertEqual(try b.value("fpga_energy_mj", of: NASBench201Cell(code: 42)), 2)

    writeHardware { "\($0 == 9 ? 10 : $0 == 10 ? 9 : $0),\(TableFiles.arch($0)),\($0),1,1,1,,,,,," }
    XCTAssertInputError(try BenchmarkCatalog.nasbench201(dataset: .cifar10, dataDirectory: DataDirectory(dir)),
                        ["hwnasbench_cifar10.csv:15617:", "index 10 of cell \(TableFiles.arch(9)) differs from 9"])
    writeHardware { "\($0),\(TableFiles.arch($0)),\($0),1,,1,,,,,," }
    XCTAssertInputError(try BenchmarkCatalog.nasbench201(dataset: .cifar10, dataDirectory: DataDirectory(dir)),
                        ["hwnasbench_cifar10.csv:2:", "column 'eyeriss_latency_ms' is empty"])
  }
}
