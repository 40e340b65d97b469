#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Decimal numbers from bytes, correctly rounded, without making a `String`.
///
/// Accepts `[+-]digits[.digits][(e|E)[+-]digits]` (digits may be absent on one side of the
/// point). Rejects everything else, in particular `nan`, `inf`, hex and digit separators: a table
/// value is either a finite number or an empty field.
public enum DecimalParser {
  public enum Outcome: Equatable {
    case number(Double)
    /// Not the syntax above.
    case invalid
    /// Valid syntax, but beyond the range of a Double (e.g. `1e999`).
    case outOfRange
  }

  // 10^0 … 10^22 are exact doubles: the range of Clinger's fast path.
  @usableFromInline static let exactPowers: [Double] = (0...22).map { (0..<$0).reduce(1.0) { v, _ in v * 10 } }

  /// Parses `bytes[start ..< end]`.
  public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Outcome {
    let zero = UInt8(ascii: "0")
    var i = start
    var negative = false
    if i < end && (bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-")) {
      negative = bytes[i] == UInt8(ascii: "-")
      i += 1
    }
    var mantissa: UInt64 = 0
    var significantDigits = 0
    var exponent = 0 // decimal exponent applied to `mantissa`
    var sawDigit = false
    var truncated = false
    while i < end, bytes[i] &- zero < 10 {
      sawDigit = true
      accumulate(bytes[i] &- zero, &mantissa, &significantDigits, &exponent, &truncated, fractional: false)
      i += 1
    }
    if i < end && bytes[i] == UInt8(ascii: ".") {
      i += 1
      while i < end, bytes[i] &- zero < 10 {
        sawDigit = true
        accumulate(bytes[i] &- zero, &mantissa, &significantDigits, &exponent, &truncated, fractional: true)
        i += 1
      }
    }
    guard sawDigit else { return .invalid }
    if i < end && (bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E")) {
      i += 1
      var exponentNegative = false
      if i < end && (bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-")) {
        exponentNegative = bytes[i] == UInt8(ascii: "-")
        i += 1
      }
      var written = 0
      var sawExponentDigit = false
      while i < end, bytes[i] &- zero < 10 {
        sawExponentDigit = true
        if written < 100_000 { written = written * 10 + Int(bytes[i] &- zero) }
        i += 1
      }
      guard sawExponentDigit else { return .invalid }
      exponent += exponentNegative ? -written : written
    }
    guard i == end else { return .invalid }

    if mantissa == 0 { return .number(negative ? -0.0 : 0.0) }
    // Exact integer times or divided by an exact power of ten: one correctly rounded operation.
    if !truncated && mantissa < (1 << 53) && exponent >= -22 && exponent <= 22 {
      var value = Double(mantissa)
      value = exponent < 0 ? value / exactPowers[-exponent] : value * exactPowers[exponent]
      return .number(negative ? -value : value)
    }
    return slowPath(bytes, start, end)
  }

  /// Parses a whole string (tests, flags).
  public static func parse(_ text: String) -> Outcome {
    var copy = text
    return copy.withUTF8 { parse($0, 0, $0.count) }
  }

  @inline(__always)
  static func accumulate(_ digit: UInt8, _ mantissa: inout UInt64, _ significant: inout Int, _ exponent: inout Int,
                         _ truncated: inout Bool, fractional: Bool) {
    if significant == 0 && digit == 0 {
      if fractional { exponent -= 1 }
      return
    }
    if significant < 19 {
      mantissa = mantissa * 10 + UInt64(digit)
      significant += 1
      if fractional { exponent -= 1 }
    } else {
      // Beyond 19 digits the fast path is off anyway; strtod reads the text itself.
      if digit != 0 { truncated = true }
      if !fractional { exponent += 1 }
    }
  }

  // The syntax is already known valid, so strtod reads exactly these bytes and no locale or
  // special-value forms can sneak in.
  static func slowPath(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Outcome {
    var text = [CChar](repeating: 0, count: end - start + 1)
    for k in start..<end { text[k - start] = CChar(bitPattern: bytes[k]) }
    let value = text.withUnsafeBufferPointer { strtod($0.baseAddress!, nil) }
    return value.isFinite ? .number(value) : .outOfRange
  }
}
