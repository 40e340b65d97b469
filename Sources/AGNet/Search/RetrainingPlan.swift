import Randomness

/// Which queried cells one round of weighted retraining trains on, and with which loss weight.
///
/// The published loop runs `ticks` epochs; each epoch draws |D| samples with replacement,
/// proportionally to the sample weights, and cuts them into batches of `batchSize` (the last
/// batch of an epoch is shorter when |D| is not a multiple). That is `ticks·|D|` samples a round.
public struct RetrainingPlan: Equatable, Sendable {
  /// One optimiser step: indices into the queried cells, and each sample's loss multiplier.
  public struct Batch: Equatable, Sendable {
    public var cells: [Int]
    public var lossWeights: [Float]
  }

  public var batches: [Batch]

  public var sampleCount: Int { batches.reduce(0) { $0 + $1.cells.count } }

  /// Draws the plan for one round.
  ///
  /// - Parameters:
  ///   - values: the search metric of every queried cell, in query order.
  ///   - weighting: how sampling probabilities and loss multipliers are formed.
  public static func draw(values: [Double], weighting: SampleWeighting, ticks: Int, batchSize: Int,
                          using rng: inout Xoshiro256StarStar) -> RetrainingPlan {
    draw(sampleWeights: weighting.sampleWeights(values: values), weighting: weighting, ticks: ticks,
         batchSize: batchSize, using: &rng)
  }

  /// Draws the plan for one round from given sampling weights (hardware-aware search's ranks).
  public static func draw(sampleWeights weights: [Double], weighting: SampleWeighting, ticks: Int, batchSize: Int,
                          using rng: inout Xoshiro256StarStar) -> RetrainingPlan {
    precondition(!weights.isEmpty && ticks > 0 && batchSize > 0, "retraining needs data, ticks and a batch size")
    let multipliers = weighting.lossMultipliers(sampleWeights: weights)
    var batches: [Batch] = []
    batches.reserveCapacity(ticks * (weights.count / batchSize + 1))
    for _ in 0..<ticks {
      let draws = rng.weightedSample(weights, count: weights.count)
      var start = 0
      while start < draws.count {
        let cells = Array(draws[start..<min(start + batchSize, draws.count)])
        batches.append(Batch(cells: cells, lossWeights: cells.map { Float(multipliers[$0]) }))
        start += batchSize
      }
    }
    return RetrainingPlan(batches: batches)
  }
}

/// How weighted retraining weighs the queried cells (method document §4, §6 and §7).
public struct SampleWeighting: Codable, Equatable, Sendable {
  public enum Scheme: String, Codable, CaseIterable, Sendable {
    /// `1 / (factor·|D| + rank)`: the published AG-Net.
    case rank
    /// Every queried cell equally likely: the "w/o LSO" ablation as the paper describes it.
    case uniform
    /// The published "w/o LSO" code: only the first `initialCells` cells are ever drawn (a bug,
    /// method document §7), kept only to reproduce that ablation's numbers.
    case uniformFirstCells = "uniform_first_cells"
  }

  public var scheme: Scheme
  /// The `factor` of the rank formula (published: 10e-3 = 0.01).
  public var factor: Double
  /// The published code multiplies each sample's loss by its weight again after drawing it
  /// proportionally to that weight (method document §7); false applies the weight only once.
  public var weightLossToo: Bool
  /// For `.uniformFirstCells`: how many leading cells are drawn from.
  public var initialCells: Int

  public init(scheme: Scheme = .rank, factor: Double = 0.01, weightLossToo: Bool = true, initialCells: Int = 16) {
    self.scheme = scheme
    self.factor = factor
    self.weightLossToo = weightLossToo
    self.initialCells = initialCells
  }

  /// Sampling weights, one per queried cell (zero = never drawn).
  public func sampleWeights(values: [Double]) -> [Double] {
    switch scheme {
    case .rank: return RankWeighting.weights(of: values, factor: factor)
    case .uniform: return [Double](repeating: 1, count: values.count)
    case .uniformFirstCells: return values.indices.map { $0 < initialCells ? 1 : 0 }
    }
  }

  func lossMultipliers(sampleWeights: [Double]) -> [Double] {
    weightLossToo ? sampleWeights : [Double](repeating: 1, count: sampleWeights.count)
  }
}
