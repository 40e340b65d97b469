import XCTest
@testable import SearchSpaces

final class NASBench201CanonicalParsingTests: XCTestCase {
  /// The byte-level fast path and the general parser agree on every cell, and the fast path
  /// declines (never misreads) near-canonical strings.
  func testFastPathAgreesWithGeneralParser() throws {
    for code in 0..<NASBench201Cell.cellCount {
      let cell = NASBench201Cell(code: code)
      XCTAssertEqual(NASBench201Cell.canonicalCode(cell.archString), code)
    }
    let best = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|"
    for variant in [" " + best, best + " ", best + "|", String(best.dropLast()), best.replacingOccurrences(of: "~1", with: "~0"),
                    best.replacingOccurrences(of: "+", with: "|"), best.replacingOccurrences(of: "nor_conv_3x3", with: "nor_conv_3x"),
                    "", "|", "|none~0", "|none~0|+|none~0|none~1|+|none~0|none~1|none~2||"] {
      XCTAssertNil(NASBench201Cell.canonicalCode(variant), variant)
    }
    XCTAssertEqual(try NASBench201Cell(archString: " " + best + "\t").archString, best, "the general parser trims")
  }
}
