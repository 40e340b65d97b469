import Randomness

/// Where latent vectors come from: N(0, I) in training, Uniform(−3, 3) when the search draws
/// candidates (a quirk of the published code, kept: method document §7).
public enum LatentDistribution: Hashable, Sendable {
  case normal
  case uniform(halfWidth: Float)

  public static let uniform3 = LatentDistribution.uniform(halfWidth: 3)

  /// `count` vectors of `dimension` values, row-major.
  public func draw(count: Int, dimension: Int, using rng: inout Xoshiro256StarStar) -> [Float] {
    switch self {
    case .normal: return (0..<(count * dimension)).map { _ in rng.normalFloat() }
    case .uniform(let w): return (0..<(count * dimension)).map { _ in rng.uniform(-w, w) }
    }
  }

  /// `normal` or `uniform3` (the command-line names).
  public init?(name: String) {
    switch name {
    case "normal": self = .normal
    case "uniform3": self = .uniform3
    default: return nil
    }
  }
}
