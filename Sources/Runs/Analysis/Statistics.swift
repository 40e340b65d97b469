/// Summary statistics of a sample, as the reports state them.
public struct SampleStatistics: Equatable, Sendable {
  public var count: Int
  public var mean: Double
  /// The sample standard deviation (divisor n − 1; 0 for a single value).
  public var std: Double
  public var median: Double
  /// First and third quartiles, linear interpolation between order statistics (NumPy's default).
  public var q1: Double
  public var q3: Double

  /// nil for an empty sample.
  public init?(_ values: [Double]) {
    guard !values.isEmpty else { return nil }
    let sorted = values.sorted()
    count = values.count
    mean = values.reduce(0, +) / Double(values.count)
    let m = mean
    std = values.count > 1
      ? (values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count - 1)).squareRoot() : 0
    median = SampleStatistics.quantile(sorted, 0.5)
    q1 = SampleStatistics.quantile(sorted, 0.25)
    q3 = SampleStatistics.quantile(sorted, 0.75)
  }

  /// The `p`-quantile of sorted values: position (n − 1)·p, interpolated linearly.
  public static func quantile(_ sorted: [Double], _ p: Double) -> Double {
    precondition(!sorted.isEmpty && (0...1).contains(p), "quantile needs values and p in [0, 1]")
    let position = Double(sorted.count - 1) * p
    let lower = Int(position.rounded(.down))
    let upper = min(lower + 1, sorted.count - 1)
    let fraction = position - Double(lower)
    return fraction == 0 ? sorted[lower] : sorted[lower] + fraction * (sorted[upper] - sorted[lower])
  }

  /// The median of counts where nil means "never" (larger than any count): nil when the middle of
  /// the sample is "never".
  public static func median(ofCounts counts: [Int?]) -> Double? {
    guard !counts.isEmpty else { return nil }
    let sorted = counts.sorted { a, b in
      switch (a, b) {
      case let (x?, y?): return x < y
      case (_?, nil): return true
      default: return false
      }
    }
    let n = sorted.count
    if n % 2 == 1 { return sorted[n / 2].map(Double.init) }
    guard let a = sorted[n / 2 - 1], let b = sorted[n / 2] else { return nil }
    return Double(a + b) / 2
  }
}
