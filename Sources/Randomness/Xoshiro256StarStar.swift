/// xoshiro256** (Blackman & Vigna 2018), the one random generator of the project.
///
/// Every random decision draws from one of these, derived from (seed, trial, purpose) with
/// `Xoshiro256StarStar(seed:stream:)`, so a feature that draws more numbers never shifts the
/// streams of unrelated parts, and a resumed run replays exactly. All derived draws (floats,
/// normals, bounded integers) are defined here bit for bit, never delegated to the standard
/// library, whose algorithms may change between Swift versions.
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable, Codable, Equatable {
  @usableFromInline var s: (UInt64, UInt64, UInt64, UInt64)

  public init(seed: UInt64) {
    var mixer = SplitMix64(seed: seed)
    s = (mixer.next(), mixer.next(), mixer.next(), mixer.next())
  }

  /// A generator for one purpose (e.g. "initial-cells", "retraining") of one trial of one seed.
  public init(seed: UInt64, stream purpose: String, index: UInt64 = 0) {
    var mixer = SplitMix64(seed: seed ^ Xoshiro256StarStar.fnv1a(purpose))
    _ = mixer.next()
    var second = SplitMix64(seed: mixer.next() ^ (index &* 0xD1B5_4A32_D192_ED03))
    self.init(seed: second.next())
  }

  /// The state as four words, for checkpoints.
  public var words: [UInt64] { [s.0, s.1, s.2, s.3] }

  public init(words: [UInt64]) {
    precondition(words.count == 4, "xoshiro256** state has four words")
    s = (words[0], words[1], words[2], words[3])
  }

  public static func == (a: Self, b: Self) -> Bool { a.words == b.words }

  public init(from decoder: Decoder) throws {
    let words = try [UInt64](from: decoder)
    guard words.count == 4 else {
      throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "xoshiro state needs 4 words"))
    }
    self.init(words: words)
  }

  public func encode(to encoder: Encoder) throws { try words.encode(to: encoder) }

  @inlinable
  public mutating func next() -> UInt64 {
    let result = rotl(s.1 &* 5, 7) &* 9
    let t = s.1 << 17
    s.2 ^= s.0
    s.3 ^= s.1
    s.1 ^= s.2
    s.0 ^= s.3
    s.2 ^= t
    s.3 = rotl(s.3, 45)
    return result
  }

  @inlinable
  func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 &- k)) }

  static func fnv1a(_ text: String) -> UInt64 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in text.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01B3
    }
    return hash
  }
}
