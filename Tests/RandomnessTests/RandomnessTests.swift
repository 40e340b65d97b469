import XCTest
@testable import Randomness

final class RandomnessTests: XCTestCase {
  func testSplitMix64MatchesReference() {
    // Reference values of Vigna's splitmix64.c for seed 1234567.
    var g = SplitMix64(seed: 1_234_567)
    XCTAssertEqual([g.next(), g.next(), g.next()], [6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423])
  }

  func testXoshiroGoldenValues() {
    // xoshiro256** seeded with splitmix64(42), computed independently with Python integers.
    var g = Xoshiro256StarStar(seed: 42)
    XCTAssertEqual([g.next(), g.next(), g.next()], [1_546_998_764_402_558_742, 6_990_951_692_964_543_102, 12_544_586_762_248_559_009])
  }

  func testStreamsDifferByPurposeAndIndexAndRepeat() {
    var a = Xoshiro256StarStar(seed: 7, stream: "initial-cells", index: 0)
    var b = Xoshiro256StarStar(seed: 7, stream: "initial-cells", index: 1)
    var c = Xoshiro256StarStar(seed: 7, stream: "retraining", index: 0)
    var a2 = Xoshiro256StarStar(seed: 7, stream: "initial-cells", index: 0)
    let x = a.next()
    XCTAssertNotEqual(x, b.next())
    XCTAssertNotEqual(x, c.next())
    XCTAssertEqual(x, a2.next())
  }

  func testBelowIsInRangeAndRoughlyUniform() {
    var g = Xoshiro256StarStar(seed: 1)
    var counts = [Int](repeating: 0, count: 7)
    for _ in 0..<70_000 { counts[g.below(7)] += 1 }
    for c in counts { XCTAssertEqual(Double(c), 10_000, accuracy: 400) }
  }

  func testNormalMoments() {
    var g = Xoshiro256StarStar(seed: 3)
    let xs = (0..<100_000).map { _ in g.normal() }
    let mean = xs.reduce(0, +) / Double(xs.count)
    let variance = xs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(xs.count)
    XCTAssertEqual(mean, 0, accuracy: 0.02)
    XCTAssertEqual(variance, 1, accuracy: 0.02)
  }

  func testUniformFloatRange() {
    var g = Xoshiro256StarStar(seed: 5)
    for _ in 0..<10_000 {
      let v = g.uniform(-3, 3)
      XCTAssertTrue(v >= -3 && v < 3)
    }
  }

  func testCategoricalAndWeightedSampleFollowWeights() {
    var g = Xoshiro256StarStar(seed: 11)
    let weights = [1.0, 0.0, 3.0]
    var counts = [0, 0, 0]
    for _ in 0..<40_000 { counts[g.categorical(weights)] += 1 }
    XCTAssertEqual(counts[1], 0)
    XCTAssertEqual(Double(counts[2]) / Double(counts[0]), 3, accuracy: 0.15)
    let drawn = g.weightedSample(weights, count: 40_000)
    XCTAssertFalse(drawn.contains(1))
    let threes = drawn.filter { $0 == 2 }.count
    XCTAssertEqual(Double(threes) / 40_000, 0.75, accuracy: 0.01)
  }

  func testShuffleIsAPermutationAndDistinctIndicesAreDistinct() {
    var g = Xoshiro256StarStar(seed: 13)
    let shuffled = g.shuffled(Array(0..<100))
    XCTAssertEqual(shuffled.sorted(), Array(0..<100))
    XCTAssertNotEqual(shuffled, Array(0..<100))
    let picks = g.distinctIndices(50, of: 60)
    XCTAssertEqual(Set(picks).count, 50)
    XCTAssertTrue(picks.allSatisfy { (0..<60).contains($0) })
  }

  func testCodableRoundTripContinuesTheStream() throws {
    var g = Xoshiro256StarStar(seed: 99)
    _ = g.next()
    let data = try JSONEncoder().encode(g)
    var restored = try JSONDecoder().decode(Xoshiro256StarStar.self, from: data)
    XCTAssertEqual(g.next(), restored.next())
  }
}
