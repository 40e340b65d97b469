import XCTest
import SearchSpaces
import TestSupport
@testable import Benchmarks

/// `agnet data import nasbench101` on official-format files made from the 35 cells we have with
/// every run, and on broken files.
final class NASBench101ImportTests: XCTestCase {
  func write(_ bytes: [UInt8], name: String = "nasbench.tfrecord") -> URL {
    let url = scratchDirectory("agnet-tfrecord").appendingPathComponent(name)
    try! Data(bytes).write(to: url)
    return url
  }

  func testCRC32CKnownValues() {
    // RFC 3720 B.4 test vectors and the classic check value.
    XCTAssertEqual(CRC32C.checksum(Array("123456789".utf8)), 0xE306_9283)
    XCTAssertEqual(CRC32C.checksum([UInt8](repeating: 0, count: 32)), 0x8A91_36AA)
    XCTAssertEqual(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)), 0x62A8_AB43)
    XCTAssertEqual(CRC32C.checksum(Array(0...31)), 0x46DD_794E)
    XCTAssertEqual(CRC32C.checksum([UInt8]()), 0)
  }

  func testBase64RoundTripAndStrictness() throws {
    for length in 0..<20 {
      let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 * 37 + 11) }
      var decoded: [UInt8] = []
      try Base64.encode(bytes).withUnsafeBytes { try Base64.decode($0, into: &decoded) }
      XCTAssertEqual(decoded, bytes)
    }
    XCTAssertEqual(String(decoding: Base64.encode(Array("any carnal pleas".utf8)), as: UTF8.self), "YW55IGNhcm5hbCBwbGVhcw==")
    for bad in ["YW5", "YW5!", "Y=55", "YW==YW55", "YW5=="] {
      var decoded: [UInt8] = []
      XCTAssertThrowsError(try Array(bad.utf8).withUnsafeBytes { try Base64.decode($0, into: &decoded) }, bad)
    }
  }

  func testOnly108FileImportsToTheMeansOfItsRuns() throws {
    let table = try NASBench101Importer.table(fromRecordsIn: NASBench101Fixture.file(NASBench101Fixture.only108), threads: 2)
    XCTAssertEqual(table.records, 31 * 3 + 4 * 3)
    XCTAssertEqual(table.cells.count, 35)
    XCTAssertEqual(table.budgets.map(\.epochs), [108])
    XCTAssertEqual(table.cells.map(\.fingerprint), table.cells.map(\.fingerprint).sorted(), "rows in hash order")
    let budget = table.budgets[0]
    for (row, cell) in table.cells.enumerated() {
      let fixture = try XCTUnwrap(NASBench101Fixture.cells.first { $0.hash == cell.fingerprint.hex })
      let runs = fixture.runs(108)
      XCTAssertEqual(budget.runs[row], 3)
      XCTAssertEqual(budget.validation[row], NASBench101Fixture.mean(runs.map(\.final_validation_accuracy), scale: 100))
      XCTAssertEqual(budget.test[row], NASBench101Fixture.mean(runs.map(\.final_test_accuracy), scale: 100))
      XCTAssertEqual(budget.time[row], NASBench101Fixture.mean(runs.map(\.final_training_time), scale: 1))
      XCTAssertEqual(budget.validation[row], fixture.mean_val_108 * 100, accuracy: 1e-9, "the shared file's own mean")
      XCTAssertEqual(budget.test[row], fixture.mean_test_108 * 100, accuracy: 1e-9)
      XCTAssertEqual(table.parameters[row], Int(fixture.trainable_parameters))
      XCTAssertEqual(cell.adjacencyBits, fixture.adj_bits)
      XCTAssertEqual(cell.opsDigits, fixture.ops)
    }
    let summary = table.summary
    XCTAssertEqual(summary.bestTest.hash, "02e5a0247bbdcf2860b7e96f74961594", "the best mean test accuracy of the whole space")
    XCTAssertEqual(summary.bestTest.value, 94.3176, accuracy: 5e-5)
  }

  /// Files written by Python's protobuf and crc32c packages (scripts/nasbench101-python-writer.py),
  /// and the means Python computed from the runs.
  func testFilesWrittenByPythonImportToPythonsMeans() throws {
    let means = try String(contentsOf: TestData.fixtures.appendingPathComponent("nasbench101/three_repeats_python_means.csv"), encoding: .utf8)
      .split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
    XCTAssertEqual(means.count, 35)
    for name in ["three_repeats_python.tfrecord", "three_repeats_python_extra.tfrecord"] {
      let table = try NASBench101Importer.readTable(TestData.fixtures.appendingPathComponent("nasbench101/\(name)"), threads: 2)
      XCTAssertEqual(table.cells.map(\.fingerprint.hex), means.map { $0[0] }, name)
      for (row, expected) in means.enumerated() {
        XCTAssertEqual(table.budgets[0].validation[row], Double(expected[1]), "\(name) \(expected[0])")
        XCTAssertEqual(table.budgets[0].test[row], Double(expected[2]), "\(name) \(expected[0])")
        XCTAssertEqual(table.budgets[0].time[row], Double(expected[3]), "\(name) \(expected[0])")
      }
    }
    // Our generator writes the same fields the same way, byte for byte.
    let python = try Data(contentsOf: TestData.fixtures.appendingPathComponent("nasbench101/three_repeats_python.tfrecord"))
    XCTAssertEqual([UInt8](python), NASBench101Fixture.file(NASBench101Fixture.only108))
  }

  func testFullFileHasEveryBudget() throws {
    let table = try NASBench101Importer.table(fromRecordsIn: NASBench101Fixture.file(NASBench101Fixture.full), threads: 1)
    XCTAssertEqual(table.cells.count, 4)
    XCTAssertEqual(table.budgets.map(\.epochs), [4, 12, 36, 108])
    XCTAssertEqual(table.header, ["hash", "vertices", "adjacency_bits", "ops", "params",
                                  "valid_acc_4", "test_acc_4", "train_time_4_s", "valid_acc_12", "test_acc_12", "train_time_12_s",
                                  "valid_acc_36", "test_acc_36", "train_time_36_s", "valid_acc_108", "test_acc_108", "train_time_108_s"])
    for budget in table.budgets {
      for (row, cell) in table.cells.enumerated() {
        let runs = NASBench101Fixture.cells.first { $0.hash == cell.fingerprint.hex }!.runs(budget.epochs)
        XCTAssertEqual(budget.validation[row], NASBench101Fixture.mean(runs.map(\.final_validation_accuracy), scale: 100))
        XCTAssertEqual(budget.test[row], NASBench101Fixture.mean(runs.map(\.final_test_accuracy), scale: 100))
      }
    }
  }

  func testThreadCountDoesNotChangeTheTable() throws {
    let bytes = NASBench101Fixture.file(NASBench101Fixture.only108)
    XCTAssertEqual(try NASBench101Importer.table(fromRecordsIn: bytes, threads: 1).csv(threads: 1),
                   try NASBench101Importer.table(fromRecordsIn: bytes, threads: 3).csv(threads: 3))
  }

  func testImportedTableBecomesTheNASBench101Benchmark() throws {
    let data = DataDirectory(scratchDirectory("agnet-data"))
    let file = write(NASBench101Fixture.file(NASBench101Fixture.only108))
    let (output, summary) = try NASBench101Importer(threads: 2).importFile(file, into: data, replace: false)
    XCTAssertEqual(output, data.file(BenchmarkCatalog.nasbench101FullFile))
    XCTAssertEqual(summary.cells, 35)
    XCTAssertEqual(summary.runsPerCell, [108: 3...3])

    let benchmark = try BenchmarkCatalog.nasbench101(dataDirectory: data)
    XCTAssertEqual(benchmark.source, output.path)
    XCTAssertEqual(benchmark.count, 35)
    XCTAssertEqual(benchmark.searchMetric, "valid_acc_108")
    XCTAssertEqual(benchmark.reportMetric, "test_acc_108", "the imported table has test accuracy")
    XCTAssertTrue(benchmark.notes.contains { $0.contains("table in use: nasbench101/nasbench101.csv") })
    XCTAssertTrue(benchmark.notes.contains { $0.contains("only the table's 35 cells") }, "35 cells do not cover the space")
    let best = try XCTUnwrap(benchmark.optimum)
    XCTAssertEqual(best.bestByReport[0].cell.fingerprint.hex, "02e5a0247bbdcf2860b7e96f74961594")
    XCTAssertTrue(BenchmarkSummary(benchmark).text.contains("read from \(output.path)"))

    // The same table loaded as a user's table: every number reads back exactly.
    let table = try NASBench101Importer.table(fromRecordsIn: NASBench101Fixture.file(NASBench101Fixture.only108), threads: 1)
    for (row, cell) in table.cells.enumerated() {
      XCTAssertEqual(try benchmark.value("test_acc_108", of: cell), table.budgets[0].test[row])
      XCTAssertEqual(try benchmark.value("valid_acc_108", of: cell), table.budgets[0].validation[row])
      XCTAssertEqual(try benchmark.value("train_time_108_s", of: cell), table.budgets[0].time[row])
    }

    XCTAssertThrowsError(try NASBench101Importer().importFile(file, into: data, replace: false)) { error in
      XCTAssertTrue("\(error)".contains("already exists; pass --force"), "\(error)")
    }
    XCTAssertNoThrow(try NASBench101Importer().importFile(file, into: data, replace: true))
  }

  // MARK: broken files

  /// Imports `bytes` over an existing table and checks the error: one line, naming what
  /// `expected` says, and the old table untouched.
  func assertRejected(_ bytes: [UInt8], _ expected: [String], file: StaticString = #filePath, line: UInt = #line) {
    let data = DataDirectory(scratchDirectory("agnet-data"))
    let output = data.file(BenchmarkCatalog.nasbench101FullFile)
    try! FileManager.default.createDirectory(at: output.deletingLastPathComponent(), withIntermediateDirectories: true)
    let old = Data("the old table\n".utf8)
    try! old.write(to: output)
    let input = write(bytes)
    XCTAssertThrowsError(try NASBench101Importer(threads: 2).importFile(input, into: data, replace: true), file: file, line: line) { error in
      guard let error = error as? InputError else { return XCTFail("not an InputError: \(error)", file: file, line: line) }
      XCTAssertEqual(error.file, input.path, file: file, line: line)
      XCTAssertFalse(error.description.contains("\n"), error.description, file: file, line: line)
      for text in expected { XCTAssertTrue(error.message.contains(text), "'\(text)' not in: \(error.message)", file: file, line: line) }
    }
    XCTAssertEqual(try? Data(contentsOf: output), old, "the old table was replaced", file: file, line: line)
    let leftovers = try! FileManager.default.contentsOfDirectory(atPath: output.deletingLastPathComponent().path)
    XCTAssertEqual(leftovers, ["nasbench101.csv"], file: file, line: line)
  }

  var good: [NASBench101RecordWriter.Run] { NASBench101Fixture.only108 }

  /// The byte offset of record `number` (1-based) in `bytes`.
  func offset(ofRecord number: Int, in bytes: [UInt8]) -> Int {
    var offset = 0
    for _ in 1..<number {
      let length = bytes[offset..<offset + 8].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
      offset += 12 + length + 4
    }
    return offset
  }

  func file(replacingRecord number: Int, with payload: [UInt8]) -> [UInt8] {
    var writer = NASBench101RecordWriter()
    for (k, run) in good.enumerated() {
      if k + 1 == number { writer.append(record: payload) } else { writer.append(run) }
    }
    return writer.bytes
  }

  func payload(_ edit: (inout String) -> Void) -> [UInt8] {
    var text = String(decoding: NASBench101RecordWriter.payload(of: good[4]), as: UTF8.self)
    edit(&text)
    return Array(text.utf8)
  }

  func testBadPayloadCRCNamesTheRecordAndOffset() {
    var bytes = NASBench101Fixture.file(good)
    let start = offset(ofRecord: 7, in: bytes)
    bytes[start + 12 + 40] ^= 0x01
    assertRejected(bytes, ["record 7 at byte offset \(start)", "CRC of its", "data bytes does not match"])
  }

  func testBadLengthCRCNamesTheRecordAndOffset() {
    var bytes = NASBench101Fixture.file(good)
    let start = offset(ofRecord: 20, in: bytes)
    bytes[start + 9] ^= 0x80
    assertRejected(bytes, ["record 20 at byte offset \(start)", "CRC of its length"])
  }

  func testTruncatedFile() {
    let bytes = NASBench101Fixture.file(good)
    let last = offset(ofRecord: good.count, in: bytes)
    assertRejected(Array(bytes.dropLast(7)), ["truncated: record \(good.count) at byte offset \(last)"])
    assertRejected(Array(bytes.prefix(last + 5)), ["truncated: record \(good.count) at byte offset \(last)", "5 of the 12 header bytes"])
  }

  func testEmptyFile() {
    assertRejected([], ["no records"])
  }

  func testBadJSONRow() {
    let bytes = file(replacingRecord: 5, with: payload { $0 = String($0.dropLast()) })
    assertRejected(bytes, ["record 5 at byte offset \(offset(ofRecord: 5, in: bytes))", "not the JSON row", "']'"])
    assertRejected(file(replacingRecord: 5, with: Array("{\"hash\": 1}".utf8)), ["record 5", "JSON array"])
    assertRejected(file(replacingRecord: 2, with: payload { $0 = $0.replacingOccurrences(of: ", 108,", with: ", \"108\",") }),
                   ["record 2", "epoch budget"])
  }

  func testBadBase64() {
    let bytes = file(replacingRecord: 3, with: payload { text in
      let metrics = text.range(of: "\"", options: .backwards, range: text.startIndex..<text.index(text.endIndex, offsetBy: -2))!
      text.replaceSubrange(metrics.upperBound..<text.index(metrics.upperBound, offsetBy: 4), with: "A!AA")
    })
    assertRejected(bytes, ["record 3 at byte offset \(offset(ofRecord: 3, in: bytes))", "bad base64", "'!'"])
  }

  func testProtobufWithUnknownWireType() {
    var run = good[9]
    run.evaluations = []
    var metrics = NASBench101RecordWriter.modelMetrics(of: run)
    metrics += [0x1F, 0x00]  // field 3, wire type 7
    let text = String(decoding: Base64.encode(metrics), as: UTF8.self)
    let bytes = file(replacingRecord: 10, with: payload { row in
      let start = row.range(of: "\"", options: .backwards, range: row.startIndex..<row.index(row.endIndex, offsetBy: -2))!.upperBound
      row.replaceSubrange(start..<row.index(row.endIndex, offsetBy: -2), with: text)
    })
    assertRejected(bytes, ["record 10 at byte offset", "wire type 7", "does not exist"])
  }

  func testAdjacencyThatIsNotSquare() {
    assertRejected(file(replacingRecord: 8, with: payload { row in
      let matrix = row.split(separator: "\"")[3]
      row = row.replacingOccurrences(of: String(matrix), with: String(matrix) + "0")
    }), ["record 8 at byte offset", "not a square number"])
  }

  func testMatrixOpsAndHashProblems() {
    assertRejected(file(replacingRecord: 8, with: payload { row in
      let matrix = String(row.split(separator: "\"")[3])
      row = row.replacingOccurrences(of: matrix, with: "1" + matrix.dropFirst())
    }), ["record 8", "not upper-triangular: entry (0, 0)"])
    assertRejected(file(replacingRecord: 8, with: payload { $0 = $0.replacingOccurrences(of: "conv3x3-bn-relu", with: "conv5x5") }),
                   ["record 8", "unknown operation 'conv5x5'"])
    // A hash that is not the fingerprint of the stored matrix: the first record of a new cell.
    var wrong = good
    wrong[0].hash = wrong[3].hash.replacingOccurrences(of: "0", with: "1")
    wrong[1].hash = wrong[0].hash
    wrong[2].hash = wrong[0].hash
    let bytes = NASBench101Fixture.file(wrong)
    assertRejected(bytes, ["record 1 at byte offset 0", "does not match the stored matrix and ops"])
    // The same hash with another structure.
    var mixed = good
    mixed[1].adjacencyBits = good[3].adjacencyBits
    mixed[1].vertexCount = good[3].vertexCount
    mixed[1].ops = good[3].ops
    assertRejected(NASBench101Fixture.file(mixed), ["record 2", "stored with another matrix or ops in record 1"])
  }

  func testMissingBudgetAndMissingValues() {
    // Cells of the full file, but one of them without its 36-epoch runs.
    let runs = NASBench101Fixture.full.filter { !($0.hash == NASBench101Fixture.full[0].hash && $0.epochs == 36) }
    assertRejected(NASBench101Fixture.file(runs), ["has no run at 36 epochs"])
    var noTest = good
    noTest[6].evaluations[2].testAccuracy = nil
    assertRejected(NASBench101Fixture.file(noTest), ["record 7", "no test_accuracy"])
    var two = good
    two[6].evaluations.removeLast()
    assertRejected(NASBench101Fixture.file(two), ["record 7", "2 evaluation_data entries"])
    var percent = good
    percent[6].evaluations[2].validationAccuracy = 93.5
    assertRejected(NASBench101Fixture.file(percent), ["record 7", "not a fraction"])
  }

  /// Issue 30: a file whose only budget is 0 epochs imported (exit 0) into a table every
  /// nasbench101 command refused (`missing column 'valid_acc_108'`), and with --force replaced a
  /// working one; a FIFO blocked, a directory said "cannot map the file into memory".
  func testUnusableFilesAreRefusedBeforeWriting() throws {
    var zero = good
    for k in zero.indices { zero[k].epochs = 0 }
    assertRejected(NASBench101Fixture.file(zero), ["no runs at 108 epochs", "its budgets: 0"])

    let data = DataDirectory(scratchDirectory("agnet-data"))
    let folder = scratchDirectory("agnet-not-files")
    let fifo = folder.appendingPathComponent("fifo")
    XCTAssertEqual(mkfifo(fifo.path, 0o600), 0)
    // Held open for writing, so that a build which opens the FIFO does not block this test.
    let writer = open(fifo.path, O_RDWR | O_NONBLOCK)
    XCTAssertGreaterThanOrEqual(writer, 0)
    defer { close(writer) }
    for (input, kind) in [(folder, "a directory"), (fifo, "a FIFO")] {
      XCTAssertThrowsError(try NASBench101Importer(threads: 1).importFile(input, into: data, replace: true)) { error in
        XCTAssertEqual("\(error)", "\(input.path): not a regular file (\(kind)); give the NAS-Bench-101 .tfrecord file")
      }
    }
    XCTAssertFalse(FileManager.default.fileExists(atPath: data.file(BenchmarkCatalog.nasbench101FullFile).path))
  }
}
