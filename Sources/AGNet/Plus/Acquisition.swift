import Baselines
import Randomness

/// How `agnet-plus` turns the ensemble's mean and spread per candidate into a choice.
public enum Acquisition: String, CaseIterable, Codable, Sendable {
  /// Independent Thompson sampling (one normal draw per candidate), as BANANAS: explores by chance.
  case thompson
  /// Upper confidence bound, mean + weight · spread: explores where the members disagree.
  case ucb
  /// The mean alone: pure exploitation, the AG-Net choice (top predicted candidates).
  case mean

  /// The indices of the `count` chosen candidates, best first (ties: lower index first).
  func select(_ count: Int, means: [Double], deviations: [Double], explorationWeight: Double,
              using rng: inout Xoshiro256StarStar) -> [Int] {
    switch self {
    case .thompson:
      return IndependentThompsonSampling.select(count, means: means, deviations: deviations, using: &rng)
    case .ucb:
      return IndependentThompsonSampling.best(count, of: zip(means, deviations).map { $0 + explorationWeight * $1 })
    case .mean:
      return IndependentThompsonSampling.best(count, of: means)
    }
  }
}
