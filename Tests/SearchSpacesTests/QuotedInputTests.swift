import XCTest
@testable import SearchSpaces

/// Issue 30: error lines echoed whole inputs (a 5 MB NB201 arch field made a 5 MB line). Every
/// message quotes user text through `InputError.quoted`.
final class QuotedInputTests: XCTestCase {
  func testQuotedKeepsShortTextAndTellsHowLongTheRestWas() {
    XCTAssertEqual(InputError.quoted("abc"), "'abc'")
    XCTAssertEqual(InputError.quoted(String(repeating: "x", count: 60)), "'\(String(repeating: "x", count: 60))'")
    XCTAssertEqual(InputError.quoted(String(repeating: "x", count: 1_000)), "'\(String(repeating: "x", count: 60))…' (940 more characters)")
    XCTAssertEqual(InputError.quoted("a\nb\r\nc"), "'a b c'", "a message stays one line")
  }

  func testListedNamesAreCutAndCounted() {
    XCTAssertEqual(InputError.listed(["a", "b"]), "a, b")
    let long = String(repeating: "n", count: 10_000)
    XCTAssertEqual(InputError.listed([long]), "'\(String(repeating: "n", count: 60))…' (9940 more characters)")
    let many = (0..<1_000).map { "c\($0)" }
    XCTAssertEqual(InputError.listed(many), (0..<20).map { "c\($0)" }.joined(separator: ", ") + " … (980 more)")
  }

  func testCellParsersDoNotEchoHugeInputs() throws {
    let huge = String(repeating: "q", count: 1_000_000)
    let nb101 = try NASBench101Cell(text: "7:1101347:10200")
    let cases: [(String, () throws -> Any)] = [
      ("NB201 arch", { try NASBench201Cell(archString: huge) }),
      ("NB201 operation", { try NASBench201Cell(archString: "|\(huge)~0|+|none~0|none~1|+|none~0|none~1|none~2|") }),
      ("NB201 node", { try NASBench201Cell(archString: "\(huge)+|none~0|none~1|+|none~0|none~1|none~2|") }),
      ("NB101 text", { try NASBench101Cell(text: huge) }),
      ("NB101 vertices", { try NASBench101Cell(text: "\(huge):1:") }),
      ("NB101 adjacency", { try NASBench101Cell(text: "7:\(huge):10200") }),
      ("NB101 ops", { try NASBench101Cell(text: "7:1101347:\(huge)") }),
      ("NB101 hash", { try NASBench101Cell(hash: huge, structure: nb101) }),
      ("DARTS operation", { try DARTSGenotype(text: "Genotype(normal=[('\(huge)', 0)])") }),
      ("DARTS field", { try DARTSGenotype(text: "Genotype(\(huge)=[])") }),
      ("DARTS token", { try DARTSGenotype(text: "Genotype(normal=\(huge))") }),
      ("space name", { try BuiltInSpace(named: huge) }),
    ]
    for (what, body) in cases {
      XCTAssertThrowsError(try body(), what) { error in
        let text = "\(error)"
        XCTAssertLessThan(text.count, 500, "\(what): \(text.prefix(300))")
        XCTAssertTrue(text.contains("more characters"), "\(what): \(text.prefix(300))")
      }
    }
  }
}
