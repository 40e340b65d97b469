import XCTest
import Foundation
import Randomness
import SearchSpaces
@testable import Benchmarks

/// Random mutations of valid tables and cell strings: every input either loads or fails with an
/// `InputError`; a trap would end the test process (that is the failure `scripts/fuzz-parsers.sh`
/// looks for). AGNET_FUZZ_ITERATIONS (default 300) and AGNET_FUZZ_SEED (default 1) control a run;
/// with AGNET_FUZZ_OUT set, each input is first written to `$AGNET_FUZZ_OUT/current-input` so
/// that the script can keep the one that crashed.
final class ParserFuzzTests: XCTestCase {
  static let environment = ProcessInfo.processInfo.environment
  static let iterations = Int(environment["AGNET_FUZZ_ITERATIONS"] ?? "") ?? 300
  static let seed = UInt64(environment["AGNET_FUZZ_SEED"] ?? "") ?? 1
  /// The file each input is written to before it is tried (two system calls, no reopening).
  static let inputFile: Int32? = environment["AGNET_FUZZ_OUT"].map {
    open($0 + "/current-input", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
  }

  /// Inputs that once made a parser trap: run on every test run, before any mutation.
  static let regressions: [String] = []

  static let seedTable = """
    index,arch,acc,test,"lat ms",energy
    0,\(NASBench201Cell(code: 0).archString),91.5,90,1.5e-3,
    1,"\(NASBench201Cell(code: 1).archString)",80,81.25,2,3
    2,\(NASBench201Cell(code: 15_624).archString), 7 ,-0.5,.5,4.

    """
  static let seedNASBench101Table = """
    hash,vertices,adjacency_bits,ops,acc,test,params
    043721b9c7fe8c5fad811d47d83132ec,2,1,,83.5,83.1,882570
    09fc2d10bdd6225e167a6f81a22a3f06,3,7,1,84,82,
    00005c142e6f48ac74fdcf73e3439874,7,1205349,02001,93.048877,92,8555530

    """
  static let seedArchStrings = [NASBench201Cell(code: 0).archString, NASBench201Cell(code: 9_930).archString,
                                NASBench201Cell(code: 15_624).archString, "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|"]

  /// Bytes that matter to the parsers.
  static let interesting: [UInt8] = Array(",\"\n\r|~+ .e-E0123456789abnx".utf8) + [0, 0x7F, 0xC3, 0xA9, 0xFF, 0xEF, 0xBB, 0xBF]

  func testTablesNeverTrap() throws {
    try fuzzTables(seed: Self.seedTable, space: NASBench201Space(), stream: "fuzz-tables")
  }

  func testNASBench101TablesNeverTrap() throws {
    try fuzzTables(seed: Self.seedNASBench101Table, space: NASBench101Space(), stream: "fuzz-nasbench101-tables")
  }

  func fuzzTables<Space: SearchSpace>(seed table: String, space: Space, stream: String) throws {
    for text in Self.regressions { try check(table: Array(text.utf8), space: space) }
    var rng = Xoshiro256StarStar(seed: Self.seed, stream: stream)
    let seed = Array(table.utf8)
    var loaded = 0
    for _ in 0..<Self.iterations {
      var input = seed
      for _ in 0..<(1 + rng.below(4)) { Self.mutate(&input, using: &rng) }
      if try check(table: input, space: space) { loaded += 1 }
    }
    // The mutations should leave some tables valid and break most: both paths get exercised.
    if Self.iterations >= 100 {
      XCTAssertGreaterThan(loaded, 0)
      XCTAssertLessThan(loaded, Self.iterations)
    }
  }

  func testCellStringsNeverTrap() throws {
    fuzzCellStrings(Self.seedArchStrings, space: NASBench201Space(), stream: "fuzz-cells")
  }

  func testNASBench101CellStringsNeverTrap() throws {
    fuzzCellStrings(["7:1205349:02001", "2:1:", "3:7:1", "6:32767:0120"], space: NASBench101Space(), stream: "fuzz-nasbench101-cells")
  }

  func fuzzCellStrings<Space: SearchSpace>(_ seeds: [String], space: Space, stream: String) {
    var rng = Xoshiro256StarStar(seed: Self.seed, stream: stream)
    for _ in 0..<(Self.iterations * 10) {
      var input = Array(seeds[rng.below(seeds.count)].utf8)
      for _ in 0..<(1 + rng.below(3)) { Self.mutate(&input, using: &rng) }
      let text = String(decoding: input, as: UTF8.self)
      record(input)
      do {
        let cell = try space.parseCell(text)
        XCTAssertEqual(try space.parseCell(space.format(cell)), cell)
      } catch is InputError {
      } catch {
        XCTFail("\(error)")
      }
      do { _ = try space.parseCell(columns: Array(repeating: Substring(text), count: rng.below(5))) } catch is InputError {
      } catch {
        XCTFail("\(error)")
      }
    }
  }

  func testNumbersNeverTrap() {
    var rng = Xoshiro256StarStar(seed: Self.seed, stream: "fuzz-numbers")
    for _ in 0..<(Self.iterations * 10) {
      var input = Array(["91.606667", "-1e-5", "0", ".5e+300", "123456789012345678901234"][rng.below(5)].utf8)
      for _ in 0..<(1 + rng.below(3)) { Self.mutate(&input, using: &rng) }
      record(input)
      let outcome = input.withUnsafeBufferPointer { DecimalParser.parse($0, 0, $0.count) }
      if case .number(let value) = outcome {
        XCTAssertTrue(value.isFinite)
        XCTAssertEqual(Double(String(decoding: input, as: UTF8.self)), value, String(decoding: input, as: UTF8.self))
      }
    }
  }

  /// Loads `bytes` as a user table; true when it loaded. Anything but success or `InputError` fails.
  @discardableResult
  func check<Space: SearchSpace>(table bytes: [UInt8], space: Space) throws -> Bool {
    record(bytes)
    do {
      var reader = try CSVReader(bytes: bytes, path: "fuzz.csv")
      let contents = try TableLoader.read(&reader, space: space, schema: .userTable(searchMetric: "acc", reportMetric: "test"))
      let table = try contents.benchmark(name: "fuzz", searchMetric: "acc", reportMetric: "test", notes: [])
      XCTAssertFalse(try table.column("acc").contains { !$0.isFinite })
      for name in table.columnNames { XCTAssertEqual(try table.column(name).count, table.count) }
      XCTAssertNotNil(table.optimum)
      _ = BenchmarkSummary(table).text
      return true
    } catch let error as InputError {
      XCTAssertFalse(error.description.isEmpty)
      XCTAssertEqual(error.file, "fuzz.csv")
      return false
    }
  }

  func record(_ input: [UInt8]) {
    guard let file = Self.inputFile, file >= 0 else { return }
    _ = input.withUnsafeBytes { pwrite(file, $0.baseAddress, $0.count, 0) }
    _ = ftruncate(file, off_t(input.count))
  }

  static func mutate(_ input: inout [UInt8], using rng: inout Xoshiro256StarStar) {
    func randomByte() -> UInt8 {
      rng.bernoulli(0.8) ? interesting[rng.below(interesting.count)] : UInt8(truncatingIfNeeded: rng.next())
    }
    let position = input.isEmpty ? 0 : rng.below(input.count)
    switch rng.below(6) {
    case 0 where !input.isEmpty:
      input[position] = randomByte()
    case 1:
      input.insert(randomByte(), at: rng.below(input.count + 1))
    case 2 where !input.isEmpty:
      input.removeSubrange(position..<min(input.count, position + 1 + rng.below(8)))
    case 3 where !input.isEmpty:
      let end = min(input.count, position + 1 + rng.below(16))
      input.insert(contentsOf: input[position..<end], at: rng.below(input.count + 1))
    case 4:
      input.removeSubrange(min(position, input.count)...)
    default:
      // swap two lines (or two equal-length slices when there are no lines)
      var lines = input.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
      if lines.count > 1 {
        lines.swapAt(rng.below(lines.count), rng.below(lines.count))
        input = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
      }
    }
  }
}
