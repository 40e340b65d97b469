import Foundation

// Derived draws. Each is defined from raw 64-bit words so that a seed yields the same values on
// every platform and Swift version.
extension Xoshiro256StarStar {
  /// Uniform in [0, 1) with 53 random bits.
  @inlinable
  public mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

  /// Uniform in [0, 1) with 24 random bits.
  @inlinable
  public mutating func uniformFloat() -> Float { Float(next() >> 40) * 0x1.0p-24 }

  /// Uniform in [low, high).
  @inlinable
  public mutating func uniform(_ low: Float, _ high: Float) -> Float { low + (high - low) * uniformFloat() }

  /// Uniform integer in 0..<bound (Lemire's multiply-shift with rejection: unbiased).
  @inlinable
  public mutating func below(_ bound: Int) -> Int {
    precondition(bound > 0, "bound must be positive")
    let b = UInt64(bound)
    var product = next().multipliedFullWidth(by: b)
    if product.low < b {
      let threshold = (0 &- b) % b
      while product.low < threshold { product = next().multipliedFullWidth(by: b) }
    }
    return Int(product.high)
  }

  /// Standard normal by the Box–Muller transform (one value per call, the sine branch is dropped
  /// so that the generator carries no hidden cache in its state).
  @inlinable
  public mutating func normal() -> Double {
    let u1 = 1.0 - uniform() // (0, 1]
    let u2 = uniform()
    return (-2.0 * log(u1)).squareRoot() * cos(2.0 * Double.pi * u2)
  }

  @inlinable
  public mutating func normalFloat(mean: Float = 0, std: Float = 1) -> Float { mean + std * Float(normal()) }

  @inlinable
  public mutating func bernoulli(_ p: Double) -> Bool { uniform() < p }

  /// An index drawn with probability proportional to `weights` (non-negative, not all zero).
  public mutating func categorical<C: Collection>(_ weights: C) -> Int where C.Element: BinaryFloatingPoint {
    var total = 0.0
    for w in weights { total += Double(w) }
    precondition(total > 0, "categorical needs a positive total weight")
    var target = uniform() * total
    var index = 0
    for w in weights {
      target -= Double(w)
      if target < 0 { return index }
      index += 1
    }
    // Rounding left a sliver: return the last index with positive weight.
    var last = 0
    for (i, w) in weights.enumerated() where w > 0 { last = i }
    return last
  }

  /// Fisher–Yates, drawing from the end as Knuth writes it.
  public mutating func shuffle<T>(_ array: inout [T]) {
    guard array.count > 1 else { return }
    for i in stride(from: array.count - 1, to: 0, by: -1) {
      let j = below(i + 1)
      if i != j { array.swapAt(i, j) }
    }
  }

  public mutating func shuffled<T>(_ array: [T]) -> [T] {
    var copy = array
    shuffle(&copy)
    return copy
  }

  /// `count` indices drawn with replacement, each with probability proportional to `weights`
  /// (binary search in the cumulative sums: O(log n) a draw).
  public mutating func weightedSample(_ weights: [Double], count: Int) -> [Int] {
    precondition(!weights.isEmpty, "weighted sampling needs weights")
    var cumulative = [Double](repeating: 0, count: weights.count)
    var running = 0.0
    for (i, w) in weights.enumerated() {
      precondition(w >= 0 && w.isFinite, "weights must be finite and non-negative")
      running += w
      cumulative[i] = running
    }
    precondition(running > 0, "weighted sampling needs a positive total weight")
    return (0..<count).map { _ in
      let target = uniform() * running
      var low = 0, high = cumulative.count - 1
      while low < high {
        let mid = (low + high) / 2
        if cumulative[mid] > target { high = mid } else { low = mid + 1 }
      }
      return low
    }
  }

  /// `count` distinct indices of 0..<n, uniformly (partial Fisher–Yates over a sparse map).
  public mutating func distinctIndices(_ count: Int, of n: Int) -> [Int] {
    precondition(count <= n, "cannot draw \(count) distinct of \(n)")
    var swapped: [Int: Int] = [:]
    var result: [Int] = []
    result.reserveCapacity(count)
    for i in 0..<count {
      let j = i + below(n - i)
      let atJ = swapped[j] ?? j
      let atI = swapped[i] ?? i
      result.append(atJ)
      swapped[j] = atI
    }
    return result
  }
}
