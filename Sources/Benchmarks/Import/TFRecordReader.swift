import SearchSpaces

/// Walks the records of a TFRecord file in memory: each is a little-endian UInt64 length, the
/// masked CRC-32C of those 8 bytes, the payload, and the masked CRC-32C of the payload.
///
/// `next` checks the framing and the length's CRC; the payload's CRC is checked by
/// `intactPayload`, separately, so that callers can check payloads on several threads.
/// Record numbers in messages count from 1; offsets are bytes from the start of the file.
struct TFRecordReader {
  /// One record's place in the file.
  struct Record {
    /// 1-based.
    var number: Int
    /// Where its header starts.
    var offset: Int
    var payloadStart: Int
    var payloadLength: Int
  }

  static let headerSize = 12
  static let footerSize = 4

  let bytes: UnsafeRawBufferPointer
  let path: String
  private(set) var offset = 0
  private(set) var recordCount = 0

  init(bytes: UnsafeRawBufferPointer, path: String) {
    self.bytes = bytes
    self.path = path
  }

  /// The next record, or nil at the end of the file.
  mutating func next() throws -> Record? {
    guard offset < bytes.count else { return nil }
    let number = recordCount + 1
    let remaining = bytes.count - offset
    guard remaining >= Self.headerSize else {
      throw InputError("truncated: record \(number) at byte offset \(offset) has \(remaining) of the \(Self.headerSize) header bytes", file: path)
    }
    let length = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    let lengthCRC = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt32.self))
    guard CRC32C.masked(CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + 8]))) == lengthCRC else {
      throw InputError("record \(number) at byte offset \(offset): the CRC of its length does not match (a corrupt file, or not a TFRecord file)", file: path)
    }
    let afterHeader = remaining - Self.headerSize
    guard length <= UInt64(afterHeader), afterHeader - Int(length) >= Self.footerSize else {
      throw InputError("truncated: record \(number) at byte offset \(offset) needs \(length) data bytes and a 4-byte CRC, the file has \(afterHeader) more bytes",
                       file: path)
    }
    let record = Record(number: number, offset: offset, payloadStart: offset + Self.headerSize, payloadLength: Int(length))
    offset = record.payloadStart + record.payloadLength + Self.footerSize
    recordCount = number
    return record
  }

  /// The payload, or nil when its CRC does not match.
  func intactPayload(_ record: Record) -> UnsafeRawBufferPointer? {
    let payload = UnsafeRawBufferPointer(rebasing: bytes[record.payloadStart..<record.payloadStart + record.payloadLength])
    let stored = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: record.payloadStart + record.payloadLength, as: UInt32.self))
    return CRC32C.masked(CRC32C.checksum(payload)) == stored ? payload : nil
  }

  static func payloadCRCProblem(_ record: Record) -> String {
    "the CRC of its \(record.payloadLength) data bytes does not match (a corrupt file)"
  }
}
