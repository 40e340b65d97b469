/// A reader of the protobuf wire format, just enough for NAS-Bench-101's `ModelMetrics`.
///
/// Why our own rather than apple/swift-protobuf: the message has two nested types and eight
/// scalar fields, the importer needs them in a hot loop (1.27 million messages) without
/// allocating, and a dependency would add code generation (`protoc`) to the build of a package
/// that is meant to be usable as a plain versioned dependency. The format rules used are those of
/// the protobuf encoding specification: varints, 64-bit (wire type 1), length-delimited (2) and
/// 32-bit (5) fields; groups (3, 4) are deprecated and not used by this message, and 6 and 7 do
/// not exist, so all four are errors.
struct ProtobufReader {
  struct Problem: Error {
    var message: String
  }

  enum WireType: UInt8 {
    case varint = 0
    case fixed64 = 1
    case lengthDelimited = 2
    case fixed32 = 5
  }

  let bytes: UnsafeRawBufferPointer
  private(set) var position = 0

  init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

  var isAtEnd: Bool { position >= bytes.count }

  /// The next field's number and wire type, or nil at the end.
  mutating func nextField() throws -> (number: UInt64, wireType: WireType)? {
    guard !isAtEnd else { return nil }
    let start = position
    let key = try varint()
    let rawType = UInt8(key & 7)
    guard let wireType = WireType(rawValue: rawType) else {
      throw Problem(message: "protobuf field \(key >> 3) at byte \(start) has wire type \(rawType), which \(rawType == 3 || rawType == 4 ? "(a group) is not used by ModelMetrics" : "does not exist")")
    }
    guard key >> 3 != 0 else { throw Problem(message: "protobuf field number 0 at byte \(start)") }
    return (key >> 3, wireType)
  }

  mutating func varint() throws -> UInt64 {
    var result: UInt64 = 0
    var shift: UInt64 = 0
    while true {
      guard position < bytes.count else { throw Problem(message: "protobuf varint runs past the end of the message") }
      let byte = bytes[position]
      position += 1
      guard shift < 64 else { throw Problem(message: "protobuf varint longer than 10 bytes at byte \(position - 1)") }
      result |= UInt64(byte & 0x7F) << shift
      if byte & 0x80 == 0 { return result }
      shift += 7
    }
  }

  mutating func double() throws -> Double {
    guard bytes.count - position >= 8 else { throw Problem(message: "protobuf double runs past the end of the message") }
    let bits = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self))
    position += 8
    return Double(bitPattern: bits)
  }

  mutating func lengthDelimited() throws -> UnsafeRawBufferPointer {
    let length = try varint()
    guard length <= UInt64(bytes.count - position) else {
      throw Problem(message: "protobuf field of \(length) bytes runs past the end of the message")
    }
    let start = position
    position += Int(length)
    return UnsafeRawBufferPointer(rebasing: bytes[start..<position])
  }

  /// Skips a field's value (one this reader does not need).
  mutating func skip(_ wireType: WireType) throws {
    switch wireType {
    case .varint: _ = try varint()
    case .fixed64: _ = try double()
    case .lengthDelimited: _ = try lengthDelimited()
    case .fixed32:
      guard bytes.count - position >= 4 else { throw Problem(message: "protobuf 32-bit field runs past the end of the message") }
      position += 4
    }
  }

  /// Fails unless a known field has the wire type its declaration implies.
  static func expect(_ wireType: WireType, _ expected: WireType, field: String) throws {
    guard wireType == expected else {
      throw Problem(message: "protobuf field \(field) has wire type \(wireType.rawValue), its type needs \(expected.rawValue)")
    }
  }
}

/// Writing the same format (the test fixtures and `agnet bench import` build files with it).
struct ProtobufWriter {
  private(set) var bytes: [UInt8] = []

  mutating func varint(_ value: UInt64) {
    var value = value
    while value >= 0x80 {
      bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
      value >>= 7
    }
    bytes.append(UInt8(value))
  }

  mutating func key(_ field: UInt64, _ wireType: ProtobufReader.WireType) { varint(field << 3 | UInt64(wireType.rawValue)) }

  mutating func double(_ field: UInt64, _ value: Double) {
    key(field, .fixed64)
    withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
  }

  /// An `int32` field (negative values take ten bytes, as protobuf sign-extends them).
  mutating func int32(_ field: UInt64, _ value: Int32) {
    key(field, .varint)
    varint(UInt64(bitPattern: Int64(value)))
  }

  mutating func message(_ field: UInt64, _ content: [UInt8]) {
    key(field, .lengthDelimited)
    varint(UInt64(content.count))
    bytes.append(contentsOf: content)
  }
}
