/// CRC-32C (Castagnoli), the checksum TFRecord files carry, in software (slicing by 8: eight
/// table lookups per 8 input bytes), plus TFRecord's masking of it.
public enum CRC32C {
  /// Reflected polynomial 0x1EDC6F41.
  static let polynomial: UInt32 = 0x82F6_3B78

  /// `tables[k][b]`: the CRC of byte `b` followed by `k` zero bytes.
  static let tables: [UInt32] = {
    var tables = [UInt32](repeating: 0, count: 8 * 256)
    for byte in 0..<256 {
      var crc = UInt32(byte)
      for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ polynomial : crc >> 1 }
      tables[byte] = crc
    }
    for k in 1..<8 {
      for byte in 0..<256 {
        let previous = tables[(k - 1) * 256 + byte]
        tables[k * 256 + byte] = (previous >> 8) ^ tables[Int(previous & 0xFF)]
      }
    }
    return tables
  }()

  /// The CRC-32C of `bytes`.
  public static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
    tables.withUnsafeBufferPointer { table in
      var crc: UInt32 = 0xFFFF_FFFF
      var i = 0
      let count = bytes.count
      while i + 8 <= count {
        let low = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt32.self)) ^ crc
        let high = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: i + 4, as: UInt32.self))
        crc = table[7 * 256 + Int(low & 0xFF)] ^ table[6 * 256 + Int(low >> 8 & 0xFF)]
          ^ table[5 * 256 + Int(low >> 16 & 0xFF)] ^ table[4 * 256 + Int(low >> 24)]
          ^ table[3 * 256 + Int(high & 0xFF)] ^ table[2 * 256 + Int(high >> 8 & 0xFF)]
          ^ table[256 + Int(high >> 16 & 0xFF)] ^ table[Int(high >> 24)]
        i += 8
      }
      while i < count {
        crc = (crc >> 8) ^ table[Int((crc ^ UInt32(bytes[i])) & 0xFF)]
        i += 1
      }
      return ~crc
    }
  }

  public static func checksum(_ bytes: [UInt8]) -> UInt32 { bytes.withUnsafeBytes { checksum($0) } }

  /// TFRecord stores `((crc >> 15) | (crc << 17)) + 0xa282ead8` so that a CRC of data that itself
  /// holds CRCs stays well distributed.
  public static func masked(_ crc: UInt32) -> UInt32 { ((crc >> 15) | (crc << 17)) &+ 0xA282_EAD8 }
}
