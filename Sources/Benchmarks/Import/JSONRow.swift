#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A cursor over one JSON text for the few shapes a NAS-Bench-101 record has: punctuation,
/// strings and a non-negative integer, with JSON's whitespace between them. Strings without
/// escapes (all of them in files Python's `json.dumps` writes) are read in place; escaped ones are
/// unescaped into a copy.
struct JSONRow {
  struct Problem: Error {
    var message: String
  }

  /// A string's bytes: in place, or unescaped.
  enum Text {
    case slice(UnsafeRawBufferPointer)
    case unescaped([UInt8])

    func withBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
      switch self {
      case .slice(let bytes): return try body(bytes)
      case .unescaped(let bytes): return try bytes.withUnsafeBytes(body)
      }
    }
  }

  let bytes: UnsafeRawBufferPointer
  private(set) var position = 0

  init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

  mutating func skipWhitespace() {
    while position < bytes.count {
      switch bytes[position] {
      case 0x20, 0x09, 0x0A, 0x0D: position += 1
      default: return
      }
    }
  }

  mutating func expect(_ char: UInt8, _ what: String) throws {
    skipWhitespace()
    guard position < bytes.count, bytes[position] == char else { throw problem("expected \(what)") }
    position += 1
  }

  mutating func expectEnd() throws {
    skipWhitespace()
    guard position == bytes.count else { throw problem("text after the closing ']'") }
  }

  mutating func integer(_ what: String) throws -> Int {
    skipWhitespace()
    let start = position
    var value = 0
    while position < bytes.count, bytes[position] &- UInt8(ascii: "0") < 10, value < 1_000_000_000 {
      value = value * 10 + Int(bytes[position] &- UInt8(ascii: "0"))
      position += 1
    }
    guard position > start, position == bytes.count || !(bytes[position] &- UInt8(ascii: "0") < 10 || bytes[position] == UInt8(ascii: ".")
                                                         || bytes[position] | 0x20 == UInt8(ascii: "e")) else {
      position = start
      throw problem("expected \(what) as a non-negative integer")
    }
    return value
  }

  mutating func string(_ what: String) throws -> Text {
    skipWhitespace()
    guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw problem("expected \(what) as a string") }
    position += 1
    let start = position
    // The closing quote by memchr, then one pass for escapes and control characters inside.
    let base = bytes.baseAddress!
    guard let quote = memchr(base + start, Int32(UInt8(ascii: "\"")), bytes.count - start) else {
      throw problem("\(what) has no closing quote")
    }
    let end = base.distance(to: UnsafeRawPointer(quote))
    for k in start..<end where bytes[k] == UInt8(ascii: "\\") || bytes[k] < 0x20 {
      position = k
      if bytes[k] < 0x20 { throw problem("a control character inside \(what)") }
      return .unescaped(try unescape(from: start, what))
    }
    position = end + 1
    return .slice(UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
  }

  /// The rest of a string that has escapes, from its first character at `start`.
  private mutating func unescape(from start: Int, _ what: String) throws -> [UInt8] {
    var result = Array(bytes[start..<position])
    while position < bytes.count {
      let char = bytes[position]
      position += 1
      switch char {
      case UInt8(ascii: "\""):
        return result
      case UInt8(ascii: "\\"):
        guard position < bytes.count else { break }
        let escaped = bytes[position]
        position += 1
        switch escaped {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): result.append(escaped)
        case UInt8(ascii: "b"): result.append(0x08)
        case UInt8(ascii: "f"): result.append(0x0C)
        case UInt8(ascii: "n"): result.append(0x0A)
        case UInt8(ascii: "r"): result.append(0x0D)
        case UInt8(ascii: "t"): result.append(0x09)
        case UInt8(ascii: "u"):
          guard bytes.count - position >= 4, let code = UInt32(String(decoding: bytes[position..<position + 4], as: UTF8.self), radix: 16),
                let scalar = Unicode.Scalar(code) else {
            throw problem("a bad \\u escape inside \(what)")
          }
          result.append(contentsOf: Array(String(Character(scalar)).utf8))
          position += 4
        default:
          throw problem("a bad escape inside \(what)")
        }
      case 0..<0x20:
        throw problem("a control character inside \(what)")
      default:
        result.append(char)
      }
    }
    throw problem("\(what) has no closing quote")
  }

  private func problem(_ message: String) -> Problem {
    Problem(message: position < bytes.count ? "\(message) at character \(position + 1) of \(bytes.count)" : "\(message) at the end of the row")
  }
}
