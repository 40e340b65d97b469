import Optimization
import Randomness
import SearchSpaces

/// One round of AG-Net candidate generation (method document §4): latent batches of growing size
/// (100, 200, …, 900) are decoded into cells; valid cells of the domain that were not queried or
/// proposed before become candidates, each with the predictor's value for the latent that made
/// it; once more than `wanted` are found, `wanted` of them are kept at random.
public struct CandidateRound<Cell: Hashable> {
  public struct Candidate {
    public var cell: Cell
    public var predicted: Float
  }

  /// What a decoded latent turned into: a cell (nil when the sampled graph is not a valid cell)
  /// and the predictor's estimate for it.
  public struct Decoded {
    public var cell: Cell?
    public var predicted: Float

    public init(cell: Cell?, predicted: Float) {
      self.cell = cell
      self.predicted = predicted
    }
  }

  public var candidates: [Candidate] = []
  /// Latents decoded this round.
  public var generated = 0
  /// Decoded graphs that were valid cells of the space.
  public var valid = 0
  /// Valid cells outside the domain (a sampled table such as NAS-Bench-101's 30k): skipped, never
  /// queried, never counted as queries.
  public var skippedNotInDomain = 0
  /// Valid cells already queried or already a candidate this round.
  public var repeated = 0

  public init() {}

  /// Runs one round.
  ///
  /// - Parameters:
  ///   - batchSizes: latent batch sizes, tried in order until more than `wanted` candidates exist.
  ///   - excluded: cells that must not be proposed (the queried ones).
  ///   - decode: decodes a batch of `count` latents (row-major, `latentSize` each) into cells and
  ///     predictions, drawing the discrete choices from `rng`.
  public static func run(batchSizes: [Int], wanted: Int, latentSize: Int, latents distribution: LatentDistribution,
                         excluded: Set<Cell>, isInDomain: (Cell) -> Bool,
                         decode: (_ latents: [Float], _ count: Int, _ rng: inout Xoshiro256StarStar) throws -> [Decoded],
                         using rng: inout Xoshiro256StarStar) rethrows -> CandidateRound {
    var round = CandidateRound()
    var seen = excluded
    for count in batchSizes {
      let latents = distribution.draw(count: count, dimension: latentSize, using: &rng)
      let decoded = try decode(latents, count, &rng)
      round.generated += count
      for item in decoded {
        guard let cell = item.cell else { continue }
        round.valid += 1
        guard isInDomain(cell) else { round.skippedNotInDomain += 1; continue }
        guard seen.insert(cell).inserted else { round.repeated += 1; continue }
        round.candidates.append(Candidate(cell: cell, predicted: item.predicted))
      }
      if round.candidates.count > wanted {
        round.candidates = rng.distinctIndices(wanted, of: round.candidates.count).map { round.candidates[$0] }
        break
      }
    }
    return round
  }

  /// The `count` candidates with the highest prediction, best first (ties: earlier candidate; a
  /// NaN prediction ranks last).
  public func best(_ count: Int) -> [Candidate] {
    let score = candidates.map { $0.predicted.isNaN ? -Float.infinity : $0.predicted }
    let order = candidates.indices.sorted { a, b in score[a] != score[b] ? score[a] > score[b] : a < b }
    return order.prefix(count).map { candidates[$0] }
  }

  /// The ratio of valid cells among decoded latents.
  public var validity: Double { generated == 0 ? 0 : Double(valid) / Double(generated) }
}
