/// Standard base64 (RFC 4648 alphabet with `+` and `/`, `=` padding), as Python's
/// `base64.b64encode` writes it. Decoding is strict: a character outside the alphabet, a length
/// that is not a multiple of 4 or misplaced padding is an error (Python's lenient default would
/// skip such characters and silently decode something else).
enum Base64 {
  /// The problem with an input, for a message.
  struct Problem: Error {
    var message: String
  }

  static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

  /// 6-bit value of each byte; 0xFF: not in the alphabet.
  static let values: [UInt8] = {
    var values = [UInt8](repeating: 0xFF, count: 256)
    for (value, char) in alphabet.enumerated() { values[Int(char)] = UInt8(value) }
    return values
  }()

  /// Decodes `text` into `output` (replacing its contents).
  static func decode(_ text: UnsafeRawBufferPointer, into output: inout [UInt8]) throws {
    let count = text.count
    guard count % 4 == 0 else {
      throw Problem(message: "bad base64: \(count) characters, not a multiple of 4")
    }
    var padding = 0
    if count > 0 && text[count - 1] == UInt8(ascii: "=") { padding = text[count - 2] == UInt8(ascii: "=") ? 2 : 1 }
    output.removeAll(keepingCapacity: true)
    output.append(contentsOf: repeatElement(0, count: count / 4 * 3))
    try values.withUnsafeBufferPointer { table in
      try output.withUnsafeMutableBufferPointer { out in
        var i = 0, o = 0
        while i < count {
          var group: UInt32 = 0
          for k in 0..<4 {
            let char = text[i + k]
            let value = table[Int(char)]
            if value == 0xFF {
              guard char == UInt8(ascii: "="), i + 4 == count, k >= 4 - padding else {
                throw Problem(message: "bad base64: character \(Self.describe(char)) at position \(i + k)")
              }
              group <<= 6
            } else {
              guard !(i + 4 == count && k >= 4 - padding) else {
                throw Problem(message: "bad base64: character \(Self.describe(char)) after the padding at position \(i + k)")
              }
              group = group << 6 | UInt32(value)
            }
          }
          out[o] = UInt8(truncatingIfNeeded: group >> 16)
          out[o + 1] = UInt8(truncatingIfNeeded: group >> 8)
          out[o + 2] = UInt8(truncatingIfNeeded: group)
          i += 4
          o += 3
        }
      }
    }
    output.removeLast(padding)
  }

  static func encode(_ bytes: [UInt8]) -> [UInt8] {
    var text: [UInt8] = []
    text.reserveCapacity((bytes.count + 2) / 3 * 4)
    var i = 0
    while i < bytes.count {
      let available = min(3, bytes.count - i)
      var group = UInt32(bytes[i]) << 16
      if available > 1 { group |= UInt32(bytes[i + 1]) << 8 }
      if available > 2 { group |= UInt32(bytes[i + 2]) }
      for k in 0..<4 {
        text.append(k <= available ? alphabet[Int(group >> UInt32(18 - 6 * k) & 63)] : UInt8(ascii: "="))
      }
      i += 3
    }
    return text
  }

  static func describe(_ char: UInt8) -> String {
    char >= 0x20 && char < 0x7F ? "'\(Character(Unicode.Scalar(char)))'" : "0x\(String(char, radix: 16))"
  }
}
