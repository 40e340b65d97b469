import XCTest
import SearchSpaces
import TestSupport
@testable import Benchmarks

/// Users' tables: every bad input is a one-line error naming the file and line.
final class TableLoaderTests: XCTestCase {
  let a = TableFiles.arch(0), b = TableFiles.arch(1), c = TableFiles.arch(2)

  func testGoodTableKeepsOrderValuesAndMissingValues() throws {
    let table = try userTable("index,arch,acc,test,latency", [
      "7,\(a),90.5,91,1.5",
      "3,\(b),80,81,",
      "5,\(c),70.25,71,2e-3",
    ], reportMetric: "test")
    XCTAssertEqual(table.count, 3)
    XCTAssertEqual(table.cells.map(\.code), [0, 1, 2])
    XCTAssertEqual(table.columnNames, ["index", "acc", "test", "latency"])
    XCTAssertEqual(try table.column("acc"), [90.5, 80, 70.25])
    XCTAssertEqual(try table.column("index"), [7, 3, 5])
    XCTAssertEqual(try table.value("latency", of: NASBench201Cell(code: 2)), 0.002)
    XCTAssertNil(try table.value("latency", of: NASBench201Cell(code: 1)), "empty = missing, not 0")
    XCTAssertEqual(table.reportValue(of: NASBench201Cell(code: 1)), 81)
    XCTAssertTrue(table.notes.isEmpty)
    let optimum = try XCTUnwrap(table.optimum)
    XCTAssertEqual(optimum.bestBySearch.map(\.cell.code), [0])
    XCTAssertEqual(optimum.reportValueAtBestSearch, 91)
  }

  func testNoIndexAndNoReportMetric() throws {
    let table = try userTable("arch,acc", ["\(a),1", "\(b),2"])
    XCTAssertEqual(table.columnNames, ["acc"])
    XCTAssertNil(table.reportMetric)
    XCTAssertEqual(table.reportValue(of: NASBench201Cell(code: 1)), 2, "reports fall back to the search metric")
    XCTAssertTrue(table.notes[0].contains("no report metric"))
    XCTAssertEqual(table.optimum?.bestByReport.map(\.cell.code), [1])
  }

  func testTiesAreAllReported() throws {
    let table = try userTable("arch,acc,test", ["\(a),5,1", "\(b),5,3", "\(c),4,3"], reportMetric: "test")
    let optimum = try XCTUnwrap(table.optimum)
    XCTAssertEqual(optimum.bestBySearch.map(\.cell.code), [0, 1])
    XCTAssertEqual(optimum.reportValueAtBestSearch, 2)
    XCTAssertEqual(optimum.bestByReport.map(\.cell.code), [1, 2])
  }

  func testCSVDetails() throws {
    // BOM, CRLF, blank lines, quoted fields, spaces around fields, a quoted name.
    let text = "\u{FEFF}\r\n\"arch\", acc ,\"the \"\"test\"\"\"\r\n\r\n\"\(a)\", 1.5 ,2\r\n  \r\n\(b),\"3\",4\r\n"
    let url = writeTable(text)
    let table = try BenchmarkCatalog.table(url, space: TableFiles.space, searchMetric: "acc", reportMetric: "the \"test\"")
    XCTAssertEqual(try table.column("acc"), [1.5, 3])
    XCTAssertEqual(try table.column("the \"test\""), [2, 4])
    // a trailing comma is one more (empty) field
    XCTAssertEqual(try userTable("arch,acc,x", ["\(a),1,"]).value("x", of: NASBench201Cell(code: 0)), nil)
  }

  func testMissingAndUnreadableFiles() {
    let missing = scratchDirectory().appendingPathComponent("nope.csv")
    XCTAssertInputError(try BenchmarkCatalog.table(missing, space: TableFiles.space, searchMetric: "acc", reportMetric: nil),
                        [missing.path, "no such file"])
    // Issue 30: each says what the path is, not NSCocoaErrorDomain 256, "permission" or "no such file".
    let folder = scratchDirectory()
    XCTAssertInputError(try BenchmarkCatalog.table(folder, space: TableFiles.space, searchMetric: "acc", reportMetric: nil),
                        [folder.path, "it is a directory"])
    let fifo = scratchDirectory().appendingPathComponent("fifo.csv")
    XCTAssertEqual(mkfifo(fifo.path, 0o600), 0)
    for special in [URL(fileURLWithPath: "/dev/null"), fifo] {
      XCTAssertInputError(try BenchmarkCatalog.table(special, space: TableFiles.space, searchMetric: "acc", reportMetric: nil),
                          [special.path, "not a regular file"])
    }
    let loop = scratchDirectory()
    try? FileManager.default.createSymbolicLink(atPath: loop.appendingPathComponent("a.csv").path, withDestinationPath: "b.csv")
    try? FileManager.default.createSymbolicLink(atPath: loop.appendingPathComponent("b.csv").path, withDestinationPath: "a.csv")
    XCTAssertInputError(try BenchmarkCatalog.table(loop.appendingPathComponent("a.csv"), space: TableFiles.space, searchMetric: "acc", reportMetric: nil),
                        ["a.csv", "symbolic links form a loop"])
  }

  /// Issue 30: a table saved with CR-only line ends was one header line ("duplicate column '9.712'").
  func testCROnlyLineEndsAreNamed() {
    let url = writeTable(["arch,acc", "\(a),9.712", "\(TableFiles.arch(1)),9.712"].joined(separator: "\r") + "\r")
    XCTAssertInputError(try BenchmarkCatalog.table(url, space: TableFiles.space, searchMetric: "acc", reportMetric: nil),
                        [url.path + ":1:", "CR alone"])
    // CRLF stays fine.
    let crlf = writeTable(["arch,acc", "\(a),9.712"].joined(separator: "\r\n") + "\r\n")
    XCTAssertNoThrow(try BenchmarkCatalog.table(crlf, space: TableFiles.space, searchMetric: "acc", reportMetric: nil))
  }

  /// Issue 30: a negative cost passed as the best cell of all; "not measured" marks are read as
  /// missing when the table loads, so only real negative values are refused.
  func testNegativeCostsAreRefused() throws {
    let table = try userTable("arch,acc,latency", ["\(a),1,2", "\(TableFiles.arch(1)),1,-3"])
    XCTAssertInputError(try table.requireCostColumns(["latency"]), [table.source, "'latency' has -3.0", "table row 2", "0…1e12"])
    XCTAssertNoThrow(try userTable("arch,acc,latency", ["\(a),1,2", "\(TableFiles.arch(1)),1,"]).requireCostColumns(["latency"]))
  }

  func testBadHeaders() {
    let cases: [(String, [String], [String])] = [
      ("", [], ["the file is empty"]),
      ("arch,acc", [], ["header but no rows"]),
      ("arch,acc,acc", ["\(a),1,2"], [":1:", "duplicate column 'acc' (columns 2 and 3)"]),
      ("acc,test", ["1,2"], [":1:", "missing column 'arch'", "the columns are: acc, test"]),
      ("arch,accuracy", ["\(a),1"], [":1:", "missing column 'acc'"]),
      ("arch,,acc", ["\(a),1,2"], [":1:", "column 2 of the header has no name"]),
    ]
    for (header, rows, fragments) in cases {
      let url = writeTable(([header] + rows).map { $0 + "\n" }.joined())
      XCTAssertInputError(try BenchmarkCatalog.table(url, space: TableFiles.space, searchMetric: "acc", reportMetric: nil),
                          [url.path] + fragments)
    }
    XCTAssertInputError(try userTable("arch,acc", ["\(a),1"], reportMetric: "test"), ["missing column 'test'"])
  }

  func testBadRows() {
    let good = "\(a),1,2,3"
    let cases: [(String, [String])] = [
      ("\(b),1,2", [":3:", "expected 4 fields as in the header, found 3"]),
      ("\(b),1,2,3,4", [":3:", "expected 4 fields", "found 5"]),
      ("\(b),,2,3", [":3:", "column 'acc' is empty"]),
      ("\(b),1,,3", [":3:", "column 'test' is empty"]),
      ("\(b),nan,2,3", [":3:", "column 'acc': 'nan' is not a number", "needs a finite value"]),
      ("\(b),1,inf,3", [":3:", "column 'test': 'inf' is not a number"]),
      ("\(b),-Infinity,2,3", [":3:", "'-Infinity' is not a number"]),
      ("\(b),1,2,NaN", [":3:", "column 'cost': 'NaN' is not a number", "leave the field empty"]),
      ("\(b),91.2%,2,3", [":3:", "'91.2%' is not a number"]),
      ("\(b),1,2,abc", [":3:", "column 'cost': 'abc' is not a number"]),
      ("\(b),1e999,2,3", [":3:", "'1e999' is out of range"]),
      ("\(b),1.7976931348623157e308,2,3", [":3:", "column 'acc': '1.7976931348623157e308' is out of range", "±1e12"]),
      ("\(b),1,-2e12,3", [":3:", "column 'test': '-2e12' is out of range"]),
      ("\(b),1,2,1000000000000.5", [":3:", "column 'cost': '1000000000000.5' is out of range"]),
      ("\(b),0x10,2,3", [":3:", "'0x10' is not a number"]),
      ("\(b),1.2.3,2,3", [":3:", "'1.2.3' is not a number"]),
      ("\(a),5,2,3", [":3:", "duplicate cell \(a) (first on line 2)"]),
      ("|nor_conv_3x3~0|+|none~0|,1,2,3", [":3:", "invalid NAS-Bench-201 cell"]),
      ("|conv~0|+|none~0|none~1|+|none~0|none~1|none~2|,1,2,3", [":3:", "unknown operation 'conv~0'"]),
      (",1,2,3", [":3:", "invalid NAS-Bench-201 cell"]),
      ("\"\(b),1,2,3", [":3:", "no closing quote"]),
      ("\"\(b)\"x,1,2,3", [":3:", "text after the closing quote"]),
      ("\(b)\",1,2,3", [":3:", "a quote inside unquoted field 1"]),
    ]
    for (row, fragments) in cases {
      let url = writeTable("arch,acc,test,cost\n\(good)\n\(row)\n")
      XCTAssertInputError(try BenchmarkCatalog.table(url, space: TableFiles.space, searchMetric: "acc", reportMetric: "test"),
                          [url.path] + fragments)
    }
  }

  func testLongValuesAreShortenedInMessages() {
    let long = String(repeating: "9x", count: 100)
    XCTAssertInputError(try userTable("arch,acc", ["\(a),\(long)"]), [":2:", "'\(long.prefix(60))…' (\(long.count - 60) more characters) is not a number"])
  }

  func testBadIndexColumn() {
    XCTAssertInputError(try userTable("index,arch,acc", ["0,\(a),1", "1.5,\(b),1"]),
                        [":3:", "column 'index': '1.5' is not a non-negative integer"])
    XCTAssertInputError(try userTable("index,arch,acc", ["0,\(a),1", "-1,\(b),1"]), [":3:", "not a non-negative integer"])
    XCTAssertInputError(try userTable("index,arch,acc", ["4,\(a),1", "4,\(b),1"]), [":3:", "duplicate index 4 (first on line 2)"])
    XCTAssertInputError(try userTable("index,arch,acc", ["4,\(a),1", ",\(b),1"]), [":3:", "column 'index' is empty"])
  }

  func testMetricsCannotBeIdentifiers() {
    XCTAssertInputError(try userTable("index,arch,acc", ["0,\(a),1"], searchMetric: "index"), ["'index' identifies cells"])
    XCTAssertInputError(try userTable("index,arch,acc", ["0,\(a),1"], reportMetric: "arch"), ["'arch' identifies cells"])
  }

  func testLineNumbersCountBlankLines() {
    let url = writeTable("arch,acc\n\n\(a),1\n\n\n\(b),x\n")
    XCTAssertInputError(try BenchmarkCatalog.table(url, space: TableFiles.space, searchMetric: "acc", reportMetric: nil),
                        ["\(url.path):6:", "'x' is not a number"])
  }
}
