import AGNet
import Optimization
import SearchSpaces

/// Speed of one AG-Net trial, for `agnet bench search`.
public enum SearchTiming {
  public struct Result: Sendable {
    public var wallSeconds: Double
    /// Process CPU time, all threads: steadier than wall time on a shared machine.
    public var cpuSeconds: Double
    public var retrainingSeconds: Double
    public var generatingSeconds: Double
    /// The best search value found.
    public var best: Double
  }

  /// Runs one trial of `budget` queries in asks of `batch`, told by `evaluate`, and times it
  /// (the generator is copied per trial, as in a run).
  public static func trial<Space: SearchSpace>(domain: SearchDomain<Space>, generator: () throws -> Generator,
                                               configuration: AGNetSearchConfiguration, seed: UInt64,
                                               budget: Int = 320, batch: Int = 16,
                                               evaluate: (Space.Cell) -> Double) throws -> Result {
    let ((optimizer, best), wall, cpu) = try ProcessClock.timed { () throws -> (AGNetOptimizer<Space>, Double) in
      let optimizer = try AGNetOptimizer(domain: domain, generator: try generator(), configuration: configuration, seed: seed)
      var queried = 0, best = -Double.infinity
      while queried < budget {
        let cells = try optimizer.ask(limit: min(batch, budget - queried))
        if cells.isEmpty { break }
        let evaluations = cells.map { Evaluation(cell: $0, value: evaluate($0)) }
        try optimizer.tell(evaluations)
        queried += cells.count
        best = max(best, evaluations.map(\.value).max()!)
      }
      return (optimizer, best)
    }
    return Result(wallSeconds: wall, cpuSeconds: cpu,
                  retrainingSeconds: optimizer.secondsRetraining, generatingSeconds: optimizer.secondsGenerating, best: best)
  }
}
