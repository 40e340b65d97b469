/// MD5 (RFC 1321), only as the building block of NAS-Bench-101's cell fingerprint, which is an
/// iterated MD5 over hex strings. Not for security.
///
/// The hot entry point hashes bytes already in a caller's buffer and pads them in place, so the
/// fingerprint's inner loop never allocates.
public enum MD5 {
  /// The digest of `bytes`.
  public static func digest<Bytes: Sequence>(_ bytes: Bytes) -> MD5Digest where Bytes.Element == UInt8 {
    let message = Array(bytes)
    let capacity = paddedCapacity(message.count)
    let buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 8)
    defer { buffer.deallocate() }
    message.withUnsafeBytes { source in
      if let base = source.baseAddress { buffer.copyMemory(from: base, byteCount: message.count) }
    }
    return digest(paddingInPlace: buffer, count: message.count)
  }

  /// Bytes a buffer needs so that `digest(paddingInPlace:count:)` can pad a `count`-byte message.
  @inlinable
  public static func paddedCapacity(_ count: Int) -> Int { (count + 8) / 64 * 64 + 64 }

  /// The digest of the `count` bytes at `buffer`, which must hold `paddedCapacity(count)` bytes:
  /// the padding is written after the message.
  @inlinable
  public static func digest(paddingInPlace buffer: UnsafeMutableRawPointer, count: Int) -> MD5Digest {
    let total = paddedCapacity(count)
    buffer.storeBytes(of: 0x80, toByteOffset: count, as: UInt8.self)
    (buffer + count + 1).initializeMemory(as: UInt8.self, repeating: 0, count: total - 8 - count - 1)
    buffer.storeBytes(of: UInt64(count &* 8).littleEndian, toByteOffset: total - 8, as: UInt64.self)
    var state = (UInt32(0x6745_2301), UInt32(0xefcd_ab89), UInt32(0x98ba_dcfe), UInt32(0x1032_5476))
    var offset = 0
    while offset < total {
      compress(&state, UnsafeRawPointer(buffer + offset))
      offset += 64
    }
    return MD5Digest(words: state)
  }

  @inlinable @inline(__always)
  static func f(_ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: UInt32, _ m: UInt32, _ s: UInt32, _ k: UInt32) -> UInt32 {
    b &+ rotl(a &+ (d ^ (b & (c ^ d))) &+ m &+ k, s)
  }

  @inlinable @inline(__always)
  static func g(_ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: UInt32, _ m: UInt32, _ s: UInt32, _ k: UInt32) -> UInt32 {
    b &+ rotl(a &+ (c ^ (d & (b ^ c))) &+ m &+ k, s)
  }

  @inlinable @inline(__always)
  static func h(_ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: UInt32, _ m: UInt32, _ s: UInt32, _ k: UInt32) -> UInt32 {
    b &+ rotl(a &+ (b ^ c ^ d) &+ m &+ k, s)
  }

  @inlinable @inline(__always)
  static func i(_ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: UInt32, _ m: UInt32, _ s: UInt32, _ k: UInt32) -> UInt32 {
    b &+ rotl(a &+ (c ^ (b | ~d)) &+ m &+ k, s)
  }

  @inlinable @inline(__always)
  static func rotl(_ x: UInt32, _ s: UInt32) -> UInt32 { (x << s) | (x >> (32 &- s)) }

  /// One 64-byte block; the 64 steps are written out so the constants fold into the code.
  @inlinable @inline(__always)
  static func compress(_ state: inout (UInt32, UInt32, UInt32, UInt32), _ p: UnsafeRawPointer) {
    func word(_ n: Int) -> UInt32 { UInt32(littleEndian: p.loadUnaligned(fromByteOffset: 4 * n, as: UInt32.self)) }
    let m0 = word(0), m1 = word(1), m2 = word(2), m3 = word(3), m4 = word(4), m5 = word(5), m6 = word(6)
    let m7 = word(7), m8 = word(8), m9 = word(9), m10 = word(10), m11 = word(11), m12 = word(12)
    let m13 = word(13), m14 = word(14), m15 = word(15)
    var (a, b, c, d) = state

    a = f(a, b, c, d, m0, 7, 0xd76aa478)
    d = f(d, a, b, c, m1, 12, 0xe8c7b756)
    c = f(c, d, a, b, m2, 17, 0x242070db)
    b = f(b, c, d, a, m3, 22, 0xc1bdceee)
    a = f(a, b, c, d, m4, 7, 0xf57c0faf)
    d = f(d, a, b, c, m5, 12, 0x4787c62a)
    c = f(c, d, a, b, m6, 17, 0xa8304613)
    b = f(b, c, d, a, m7, 22, 0xfd469501)
    a = f(a, b, c, d, m8, 7, 0x698098d8)
    d = f(d, a, b, c, m9, 12, 0x8b44f7af)
    c = f(c, d, a, b, m10, 17, 0xffff5bb1)
    b = f(b, c, d, a, m11, 22, 0x895cd7be)
    a = f(a, b, c, d, m12, 7, 0x6b901122)
    d = f(d, a, b, c, m13, 12, 0xfd987193)
    c = f(c, d, a, b, m14, 17, 0xa679438e)
    b = f(b, c, d, a, m15, 22, 0x49b40821)

    a = g(a, b, c, d, m1, 5, 0xf61e2562)
    d = g(d, a, b, c, m6, 9, 0xc040b340)
    c = g(c, d, a, b, m11, 14, 0x265e5a51)
    b = g(b, c, d, a, m0, 20, 0xe9b6c7aa)
    a = g(a, b, c, d, m5, 5, 0xd62f105d)
    d = g(d, a, b, c, m10, 9, 0x02441453)
    c = g(c, d, a, b, m15, 14, 0xd8a1e681)
    b = g(b, c, d, a, m4, 20, 0xe7d3fbc8)
    a = g(a, b, c, d, m9, 5, 0x21e1cde6)
    d = g(d, a, b, c, m14, 9, 0xc33707d6)
    c = g(c, d, a, b, m3, 14, 0xf4d50d87)
    b = g(b, c, d, a, m8, 20, 0x455a14ed)
    a = g(a, b, c, d, m13, 5, 0xa9e3e905)
    d = g(d, a, b, c, m2, 9, 0xfcefa3f8)
    c = g(c, d, a, b, m7, 14, 0x676f02d9)
    b = g(b, c, d, a, m12, 20, 0x8d2a4c8a)

    a = h(a, b, c, d, m5, 4, 0xfffa3942)
    d = h(d, a, b, c, m8, 11, 0x8771f681)
    c = h(c, d, a, b, m11, 16, 0x6d9d6122)
    b = h(b, c, d, a, m14, 23, 0xfde5380c)
    a = h(a, b, c, d, m1, 4, 0xa4beea44)
    d = h(d, a, b, c, m4, 11, 0x4bdecfa9)
    c = h(c, d, a, b, m7, 16, 0xf6bb4b60)
    b = h(b, c, d, a, m10, 23, 0xbebfbc70)
    a = h(a, b, c, d, m13, 4, 0x289b7ec6)
    d = h(d, a, b, c, m0, 11, 0xeaa127fa)
    c = h(c, d, a, b, m3, 16, 0xd4ef3085)
    b = h(b, c, d, a, m6, 23, 0x04881d05)
    a = h(a, b, c, d, m9, 4, 0xd9d4d039)
    d = h(d, a, b, c, m12, 11, 0xe6db99e5)
    c = h(c, d, a, b, m15, 16, 0x1fa27cf8)
    b = h(b, c, d, a, m2, 23, 0xc4ac5665)

    a = i(a, b, c, d, m0, 6, 0xf4292244)
    d = i(d, a, b, c, m7, 10, 0x432aff97)
    c = i(c, d, a, b, m14, 15, 0xab9423a7)
    b = i(b, c, d, a, m5, 21, 0xfc93a039)
    a = i(a, b, c, d, m12, 6, 0x655b59c3)
    d = i(d, a, b, c, m3, 10, 0x8f0ccc92)
    c = i(c, d, a, b, m10, 15, 0xffeff47d)
    b = i(b, c, d, a, m1, 21, 0x85845dd1)
    a = i(a, b, c, d, m8, 6, 0x6fa87e4f)
    d = i(d, a, b, c, m15, 10, 0xfe2ce6e0)
    c = i(c, d, a, b, m6, 15, 0xa3014314)
    b = i(b, c, d, a, m13, 21, 0x4e0811a1)
    a = i(a, b, c, d, m4, 6, 0xf7537e82)
    d = i(d, a, b, c, m11, 10, 0xbd3af235)
    c = i(c, d, a, b, m2, 15, 0x2ad7d2bb)
    b = i(b, c, d, a, m9, 21, 0xeb86d391)

    state = (state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d)
  }
}

/// A 128-bit MD5 digest. Stored as two big-endian halves so that comparing digests orders them
/// exactly as their lowercase hex strings order (which NAS-Bench-101's fingerprint sorts by).
public struct MD5Digest: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// Digest bytes 0…7 and 8…15, most significant byte first.
  public let high: UInt64
  public let low: UInt64

  public init(high: UInt64, low: UInt64) {
    self.high = high
    self.low = low
  }

  /// From MD5's final state words (each stored little-endian in the digest).
  @inlinable
  init(words: (UInt32, UInt32, UInt32, UInt32)) {
    high = UInt64(words.0.byteSwapped) << 32 | UInt64(words.1.byteSwapped)
    low = UInt64(words.2.byteSwapped) << 32 | UInt64(words.3.byteSwapped)
  }

  /// Parses 32 hex digits (either case); nil for anything else.
  public init?<S: StringProtocol>(hex: S) {
    let utf8 = Array(hex.utf8)
    guard utf8.count == 32 else { return nil }
    var halves: [UInt64] = [0, 0]
    for (index, char) in utf8.enumerated() {
      guard let nibble = MD5Digest.nibble(char) else { return nil }
      halves[index / 16] = halves[index / 16] << 4 | UInt64(nibble)
    }
    self.init(high: halves[0], low: halves[1])
  }

  static func nibble(_ char: UInt8) -> UInt8? {
    switch char {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return char - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return char - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return char - UInt8(ascii: "A") + 10
    default: return nil
    }
  }

  /// The 16 digest bytes in order.
  public var bytes: [UInt8] { (0..<16).map { UInt8(truncatingIfNeeded: ($0 < 8 ? high : low) >> (56 - 8 * ($0 % 8))) } }

  /// 32 lowercase hex digits, as `hashlib.md5().hexdigest()` writes them.
  public var hex: String {
    var text = ""
    text.reserveCapacity(32)
    for byte in bytes {
      text.unicodeScalars.append(MD5Digest.hexDigits[Int(byte >> 4)])
      text.unicodeScalars.append(MD5Digest.hexDigits[Int(byte & 15)])
    }
    return text
  }

  static let hexDigits: [Unicode.Scalar] = Array("0123456789abcdef".unicodeScalars)

  public var description: String { hex }

  public static func < (x: MD5Digest, y: MD5Digest) -> Bool { (x.high, x.low) < (y.high, y.low) }
}
