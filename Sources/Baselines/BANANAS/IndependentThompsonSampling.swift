import Randomness

/// BANANAS's acquisition function, independent Thompson sampling: each candidate gets one draw
/// from a normal distribution with the mean and standard deviation of the ensemble's predictions
/// for it, independently of the others; the candidates with the best draws win.
public enum IndependentThompsonSampling {
  /// The mean and the population standard deviation (as numpy's `std`) over the members, per
  /// candidate, from `predictions[member][candidate]`.
  public static func moments(of predictions: [[Float]]) -> (means: [Double], deviations: [Double]) {
    let members = Double(predictions.count)
    let count = predictions[0].count
    var means = [Double](repeating: 0, count: count)
    var deviations = [Double](repeating: 0, count: count)
    for candidate in 0..<count {
      var sum = 0.0
      for member in predictions { sum += Double(member[candidate]) }
      let mean = sum / members
      var squares = 0.0
      for member in predictions {
        let d = Double(member[candidate]) - mean
        squares += d * d
      }
      means[candidate] = mean
      deviations[candidate] = (squares / members).squareRoot()
    }
    return (means, deviations)
  }

  /// The indices of the `count` highest draws, highest first (equal draws: lower index first).
  /// One standard normal is drawn per candidate, in candidate order.
  public static func select(_ count: Int, means: [Double], deviations: [Double], using rng: inout Xoshiro256StarStar) -> [Int] {
    precondition(means.count == deviations.count, "one deviation per mean")
    return best(count, of: zip(means, deviations).map { mean, deviation in mean + deviation * rng.normal() })
  }

  /// The indices of the `count` highest scores, highest first (equal scores: lower index first).
  public static func best(_ count: Int, of scores: [Double]) -> [Int] {
    let order = scores.indices.sorted { scores[$0] > scores[$1] || (scores[$0] == scores[$1] && $0 < $1) }
    return Array(order.prefix(count))
  }
}
