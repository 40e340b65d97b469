/// MD5 (RFC 1321), only as the building block of NAS-Bench-101's cell fingerprint, which is an
/// iterated MD5 over hex strings. Not for security.
///
/// The hot entry points hash bytes already in a caller's buffer and pad them in place, so the
/// fingerprint's inner loop never allocates; `digests8` hashes up to eight messages at once, one
/// per SIMD lane (MD5 is a serial chain of dependent steps, so one message leaves most of the
/// CPU idle).
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

  /// Bytes a buffer needs so that the in-place digests can pad a `count`-byte message.
  static func paddedCapacity(_ count: Int) -> Int { (count + 8) / 64 * 64 + 64 }

  /// Writes MD5's padding after the `count` message bytes at `buffer`; returns the block count.
  @inline(__always)
  static func pad(_ buffer: UnsafeMutableRawPointer, count: Int) -> Int {
    let total = paddedCapacity(count)
    buffer.storeBytes(of: 0x80, toByteOffset: count, as: UInt8.self)
    (buffer + count + 1).initializeMemory(as: UInt8.self, repeating: 0, count: total - 8 - count - 1)
    buffer.storeBytes(of: UInt64(count &* 8).littleEndian, toByteOffset: total - 8, as: UInt64.self)
    return total / 64
  }

  static let initialState: (UInt32, UInt32, UInt32, UInt32) = (0x6745_2301, 0xefcd_ab89, 0x98ba_dcfe, 0x1032_5476)

  /// The digest of the `count` bytes at `buffer`, which must hold `paddedCapacity(count)` bytes:
  /// the padding is written after the message.
  static func digest(paddingInPlace buffer: UnsafeMutableRawPointer, count: Int) -> MD5Digest {
    let blocks = pad(buffer, count: count)
    var state = initialState
    withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 16) { words in
      for block in 0..<blocks {
        for k in 0..<16 {
          words[k] = UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: 64 * block + 4 * k, as: UInt32.self))
        }
        compress(&state, UnsafePointer(words.baseAddress!))
      }
    }
    return MD5Digest(words: state)
  }

  /// The digests of up to eight messages: message `lane` is the first `counts[lane]` bytes at
  /// `buffer + lane · stride`; each region must hold `paddedCapacity` of its count and `stride`
  /// must be at least the largest of those. Returns the four state words of every lane (the
  /// digest of lane l is `MD5Digest(words: (a[l], b[l], c[l], d[l]))`); lanes past
  /// `counts.count` hold garbage.
  static func digests8(paddingInPlace buffer: UnsafeMutableRawPointer, stride: Int, counts: UnsafeBufferPointer<Int>)
    -> (SIMD8<UInt32>, SIMD8<UInt32>, SIMD8<UInt32>, SIMD8<UInt32>) {
    precondition(counts.count <= 8, "at most 8 lanes")
    var blocks = SIMD8<Int32>(repeating: 0)
    for lane in 0..<counts.count { blocks[lane] = Int32(pad(buffer + lane * stride, count: counts[lane])) }
    var state = (SIMD8(repeating: initialState.0), SIMD8(repeating: initialState.1), SIMD8(repeating: initialState.2), SIMD8(repeating: initialState.3))
    let lanes = UnsafeRawPointer(buffer)
    withUnsafeTemporaryAllocation(of: SIMD8<UInt32>.self, capacity: 16) { words in
      for block in 0..<Int(blocks.max()) {
        for k in 0..<16 {
          let at = 64 * block + 4 * k
          words[k] = SIMD8(lanes.loadUnaligned(fromByteOffset: at, as: UInt32.self),
                           lanes.loadUnaligned(fromByteOffset: at + stride, as: UInt32.self),
                           lanes.loadUnaligned(fromByteOffset: at + 2 * stride, as: UInt32.self),
                           lanes.loadUnaligned(fromByteOffset: at + 3 * stride, as: UInt32.self),
                           lanes.loadUnaligned(fromByteOffset: at + 4 * stride, as: UInt32.self),
                           lanes.loadUnaligned(fromByteOffset: at + 5 * stride, as: UInt32.self),
                           lanes.loadUnaligned(fromByteOffset: at + 6 * stride, as: UInt32.self),
                           lanes.loadUnaligned(fromByteOffset: at + 7 * stride, as: UInt32.self)).littleEndianWords
        }
        var next = state
        compress(&next, UnsafePointer(words.baseAddress!))
        // Lanes whose message has fewer blocks keep their finished state.
        let active = blocks .> Int32(block)
        state.0.replace(with: next.0, where: active)
        state.1.replace(with: next.1, where: active)
        state.2.replace(with: next.2, where: active)
        state.3.replace(with: next.3, where: active)
      }
    }
    return state
  }

  @inline(__always)
  static func f<W: MD5Word>(_ a: W, _ b: W, _ c: W, _ d: W, _ m: W, _ s: UInt32, _ k: W) -> W {
    b &+ W.rotl(a &+ (d ^ (b & (c ^ d))) &+ m &+ k, s)
  }

  @inline(__always)
  static func g<W: MD5Word>(_ a: W, _ b: W, _ c: W, _ d: W, _ m: W, _ s: UInt32, _ k: W) -> W {
    b &+ W.rotl(a &+ (c ^ (d & (b ^ c))) &+ m &+ k, s)
  }

  @inline(__always)
  static func h<W: MD5Word>(_ a: W, _ b: W, _ c: W, _ d: W, _ m: W, _ s: UInt32, _ k: W) -> W {
    b &+ W.rotl(a &+ (b ^ c ^ d) &+ m &+ k, s)
  }

  @inline(__always)
  static func i<W: MD5Word>(_ a: W, _ b: W, _ c: W, _ d: W, _ m: W, _ s: UInt32, _ k: W) -> W {
    b &+ W.rotl(a &+ (c ^ (b | ~d)) &+ m &+ k, s)
  }

  /// One 64-byte block given as its 16 words; the 64 steps are written out so the constants fold
  /// into the code.
  @inline(__always)
  static func compress<W: MD5Word>(_ state: inout (W, W, W, W), _ m: UnsafePointer<W>) {
    let m0 = m[0], m1 = m[1], m2 = m[2], m3 = m[3], m4 = m[4], m5 = m[5], m6 = m[6], m7 = m[7]
    let m8 = m[8], m9 = m[9], m10 = m[10], m11 = m[11], m12 = m[12], m13 = m[13], m14 = m[14], m15 = m[15]
    var (a, b, c, d) = state

    a = f(a, b, c, d, m0, 7, W.splat(0xd76aa478))
    d = f(d, a, b, c, m1, 12, W.splat(0xe8c7b756))
    c = f(c, d, a, b, m2, 17, W.splat(0x242070db))
    b = f(b, c, d, a, m3, 22, W.splat(0xc1bdceee))
    a = f(a, b, c, d, m4, 7, W.splat(0xf57c0faf))
    d = f(d, a, b, c, m5, 12, W.splat(0x4787c62a))
    c = f(c, d, a, b, m6, 17, W.splat(0xa8304613))
    b = f(b, c, d, a, m7, 22, W.splat(0xfd469501))
    a = f(a, b, c, d, m8, 7, W.splat(0x698098d8))
    d = f(d, a, b, c, m9, 12, W.splat(0x8b44f7af))
    c = f(c, d, a, b, m10, 17, W.splat(0xffff5bb1))
    b = f(b, c, d, a, m11, 22, W.splat(0x895cd7be))
    a = f(a, b, c, d, m12, 7, W.splat(0x6b901122))
    d = f(d, a, b, c, m13, 12, W.splat(0xfd987193))
    c = f(c, d, a, b, m14, 17, W.splat(0xa679438e))
    b = f(b, c, d, a, m15, 22, W.splat(0x49b40821))

    a = g(a, b, c, d, m1, 5, W.splat(0xf61e2562))
    d = g(d, a, b, c, m6, 9, W.splat(0xc040b340))
    c = g(c, d, a, b, m11, 14, W.splat(0x265e5a51))
    b = g(b, c, d, a, m0, 20, W.splat(0xe9b6c7aa))
    a = g(a, b, c, d, m5, 5, W.splat(0xd62f105d))
    d = g(d, a, b, c, m10, 9, W.splat(0x02441453))
    c = g(c, d, a, b, m15, 14, W.splat(0xd8a1e681))
    b = g(b, c, d, a, m4, 20, W.splat(0xe7d3fbc8))
    a = g(a, b, c, d, m9, 5, W.splat(0x21e1cde6))
    d = g(d, a, b, c, m14, 9, W.splat(0xc33707d6))
    c = g(c, d, a, b, m3, 14, W.splat(0xf4d50d87))
    b = g(b, c, d, a, m8, 20, W.splat(0x455a14ed))
    a = g(a, b, c, d, m13, 5, W.splat(0xa9e3e905))
    d = g(d, a, b, c, m2, 9, W.splat(0xfcefa3f8))
    c = g(c, d, a, b, m7, 14, W.splat(0x676f02d9))
    b = g(b, c, d, a, m12, 20, W.splat(0x8d2a4c8a))

    a = h(a, b, c, d, m5, 4, W.splat(0xfffa3942))
    d = h(d, a, b, c, m8, 11, W.splat(0x8771f681))
    c = h(c, d, a, b, m11, 16, W.splat(0x6d9d6122))
    b = h(b, c, d, a, m14, 23, W.splat(0xfde5380c))
    a = h(a, b, c, d, m1, 4, W.splat(0xa4beea44))
    d = h(d, a, b, c, m4, 11, W.splat(0x4bdecfa9))
    c = h(c, d, a, b, m7, 16, W.splat(0xf6bb4b60))
    b = h(b, c, d, a, m10, 23, W.splat(0xbebfbc70))
    a = h(a, b, c, d, m13, 4, W.splat(0x289b7ec6))
    d = h(d, a, b, c, m0, 11, W.splat(0xeaa127fa))
    c = h(c, d, a, b, m3, 16, W.splat(0xd4ef3085))
    b = h(b, c, d, a, m6, 23, W.splat(0x04881d05))
    a = h(a, b, c, d, m9, 4, W.splat(0xd9d4d039))
    d = h(d, a, b, c, m12, 11, W.splat(0xe6db99e5))
    c = h(c, d, a, b, m15, 16, W.splat(0x1fa27cf8))
    b = h(b, c, d, a, m2, 23, W.splat(0xc4ac5665))

    a = i(a, b, c, d, m0, 6, W.splat(0xf4292244))
    d = i(d, a, b, c, m7, 10, W.splat(0x432aff97))
    c = i(c, d, a, b, m14, 15, W.splat(0xab9423a7))
    b = i(b, c, d, a, m5, 21, W.splat(0xfc93a039))
    a = i(a, b, c, d, m12, 6, W.splat(0x655b59c3))
    d = i(d, a, b, c, m3, 10, W.splat(0x8f0ccc92))
    c = i(c, d, a, b, m10, 15, W.splat(0xffeff47d))
    b = i(b, c, d, a, m1, 21, W.splat(0x85845dd1))
    a = i(a, b, c, d, m8, 6, W.splat(0x6fa87e4f))
    d = i(d, a, b, c, m15, 10, W.splat(0xfe2ce6e0))
    c = i(c, d, a, b, m6, 15, W.splat(0xa3014314))
    b = i(b, c, d, a, m13, 21, W.splat(0x4e0811a1))
    a = i(a, b, c, d, m4, 6, W.splat(0xf7537e82))
    d = i(d, a, b, c, m11, 10, W.splat(0xbd3af235))
    c = i(c, d, a, b, m2, 15, W.splat(0x2ad7d2bb))
    b = i(b, c, d, a, m9, 21, W.splat(0xeb86d391))

    state = (state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d)
  }
}

/// What MD5's steps need of a word: one 32-bit word, or one per SIMD lane.
protocol MD5Word {
  static func &+ (a: Self, b: Self) -> Self
  static func & (a: Self, b: Self) -> Self
  static func | (a: Self, b: Self) -> Self
  static func ^ (a: Self, b: Self) -> Self
  static prefix func ~ (a: Self) -> Self
  static func rotl(_ x: Self, _ s: UInt32) -> Self
  static func splat(_ value: UInt32) -> Self
}

extension UInt32: MD5Word {
  @inline(__always)
  static func rotl(_ x: UInt32, _ s: UInt32) -> UInt32 { (x &<< s) | (x &>> (32 &- s)) }
  @inline(__always)
  static func splat(_ value: UInt32) -> UInt32 { value }
}

extension SIMD8: MD5Word where Scalar == UInt32 {
  // `&+`, not `|`: LLVM turns shl|shr into a rotate, which x86 without AVX-512 scalarises lane
  // by lane; the halves do not overlap, so the sum is the same value and stays in vector shifts.
  @inline(__always)
  static func rotl(_ x: SIMD8<UInt32>, _ s: UInt32) -> SIMD8<UInt32> { (x &<< s) &+ (x &>> (32 &- s)) }
  @inline(__always)
  static func splat(_ value: UInt32) -> SIMD8<UInt32> { SIMD8(repeating: value) }

  /// Each lane's word read as little-endian (a no-op on little-endian machines).
  @inline(__always)
  var littleEndianWords: SIMD8<UInt32> {
    var words = self
    for lane in 0..<8 { words[lane] = UInt32(littleEndian: self[lane]) }
    return words
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
