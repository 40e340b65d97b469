import XCTest
import Randomness
@testable import Benchmarks

final class DecimalParserTests: XCTestCase {
  func testAcceptedForms() {
    let cases: [(String, Double)] = [
      ("0", 0), ("-0", -0.0), ("1", 1), ("+1", 1), ("-2.5", -2.5), (".5", 0.5), ("5.", 5), ("00012", 12),
      ("1e5", 1e5), ("1E-5", 1e-5), ("2.5e+3", 2500), ("91.606667", 91.606667), ("0.000001", 1e-6),
      ("123456789012345678901234567890", 123456789012345678901234567890.0), ("4.9e-324", Double.leastNonzeroMagnitude),
      ("1.7976931348623157e308", 1.7976931348623157e308), ("0e99999", 0), ("1e-99999", 0),
    ]
    for (text, value) in cases {
      XCTAssertEqual(DecimalParser.parse(text), .number(value), text)
    }
    XCTAssertEqual(DecimalParser.parse("-0"), .number(-0.0))
    if case .number(let zero) = DecimalParser.parse("-0") { XCTAssertEqual(zero.sign, .minus) }
  }

  func testRejectedForms() {
    for text in ["", "-", "+", ".", "e5", "1e", "1e+", "1.2.3", "1,5", "1_000", "0x1p3", "nan", "NaN", "inf", "-inf",
                 "Infinity", "1 2", " 1", "1 ", "1d", "١", "--1", "+-1", "1e5.5"] {
      XCTAssertEqual(DecimalParser.parse(text), .invalid, text)
    }
    XCTAssertEqual(DecimalParser.parse("1e309"), .outOfRange)
    XCTAssertEqual(DecimalParser.parse("-1e999999999999"), .outOfRange)
  }

  /// Random decimal texts read exactly as the C library (correctly rounded) reads them, through
  /// both the fast path and the slow path.
  func testAgreesWithCorrectlyRoundedReading() {
    var rng = Xoshiro256StarStar(seed: 20_221_023)
    for _ in 0..<20_000 {
      let digits = 1 + rng.below(24)
      var text = rng.bernoulli(0.3) ? "-" : ""
      let point = rng.below(digits + 1)
      for k in 0..<digits {
        if k == point { text += "." }
        text += String(rng.below(10))
      }
      if rng.bernoulli(0.4) { text += "e\(rng.below(80) - 40)" }
      guard let expected = Double(text) else { continue }
      XCTAssertEqual(DecimalParser.parse(text), .number(expected), text)
    }
  }
}
