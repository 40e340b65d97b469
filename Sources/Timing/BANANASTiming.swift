import Baselines
import Optimization
import SearchSpaces

/// Speed of BANANAS for `agnet bench bananas`: whole trials against a table's search metric, with
/// random search on the same budget beside it as a sanity check of what the time buys.
public enum BANANASTiming {
  public struct Trial: Sendable {
    public var seed: UInt64
    /// Wall-clock and process CPU time of the BANANAS trial (CPU time is the fairer number on a
    /// machine shared with other work).
    public var seconds: Double
    public var cpuSeconds: Double
    /// Best search value found by BANANAS and by random search with the same budget and seed.
    public var best: Double
    public var randomSearchBest: Double
  }

  /// One BANANAS trial of `queries` distinct cells in asks of `batchSize`, per seed. `value` is
  /// the search metric of a cell of the domain (nil: not scorable, an error).
  public static func run<Space: SearchSpace>(domain: SearchDomain<Space>, configuration: BANANASConfiguration,
                                             seeds: [UInt64], queries: Int, batchSize: Int,
                                             value: (Space.Cell) -> Double?) throws -> [Trial] {
    try seeds.map { seed in
      let (best, seconds, cpuSeconds) = try ProcessClock.timed {
        try bestValue(try BANANAS(domain: domain, configuration: configuration, seed: seed),
                      queries: queries, batchSize: batchSize, value: value, format: domain.space.format)
      }
      let random = try bestValue(RandomSearch(domain: domain, seed: seed), queries: queries, batchSize: batchSize,
                                 value: value, format: domain.space.format)
      return Trial(seed: seed, seconds: seconds, cpuSeconds: cpuSeconds, best: best, randomSearchBest: random)
    }
  }

  private static func bestValue<O: Optimizer>(_ optimizer: O, queries: Int, batchSize: Int,
                                              value: (O.Space.Cell) -> Double?,
                                              format: (O.Space.Cell) -> String) throws -> Double {
    var best = -Double.infinity
    var asked = 0
    while asked < queries {
      let cells = try optimizer.ask(limit: min(batchSize, queries - asked))
      if cells.isEmpty { break }
      let evaluations = try cells.map { cell -> Evaluation<O.Space.Cell> in
        guard let v = value(cell) else { throw InputError("no value for cell \(format(cell))") }
        best = max(best, v)
        return Evaluation(cell: cell, value: v)
      }
      try optimizer.tell(evaluations)
      asked += cells.count
    }
    return best
  }
}
