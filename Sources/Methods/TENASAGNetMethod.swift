import AGNet
import Foundation
import Optimization
import SearchSpaces

/// `agnet-tenas`: AG-Net's ImageNet search (`search/Search_TENAS.py`) on the DARTS space, judged
/// by the two training-free TE-NAS proxies told as costs (`linear_regions`, `ntk_condition`, as
/// `examples/darts_tenas.py` prints them). The two phases of `DARTSTwoPhaseSearch`, each a
/// `TENASCellSearch`: reconstruction-only retraining weighted by summed proxy ranks, every
/// candidate of a round evaluated, the best `top_k` by summed rank kept for training.
public struct TENASAGNetMethod: SearchMethod {
  public init() {}
  public var name: String { "agnet-tenas" }
  public var summary: String {
    "AG-Net with TE-NAS proxies on darts (needs --cost ntk_condition --cost linear_regions): summed-rank weights, 50 evaluations a round"
  }
  /// A round's candidates in one ask.
  public var defaultBatchSize: Int { 50 }
  /// The published final choice: the smallest summed rank of the two proxies over every told
  /// architecture (a failed evaluation, without proxies, ranks last).
  public var reportRule: ReportRule {
    .methodChoice { _, costs in
      TENASRanking.best(1, regions: costs.map { $0?[TENASRanking.regionsName] ?? .nan },
                        ntk: costs.map { $0?[TENASRanking.ntkName] ?? .nan }).first
    }
  }

  public typealias Settings = TENASAGNetSettings

  public func prepare<Space: SearchSpace>(_ setup: MethodSetup<Space>) throws -> PreparedMethod<Space> {
    guard let darts = setup as? MethodSetup<DARTSSpace> else {
      throw InputError("agnet-tenas searches the darts space only (not \(setup.domain.space.name))")
    }
    let needed = [TENASRanking.ntkName, TENASRanking.regionsName]
    guard needed.allSatisfy(setup.costNames.contains) else {
      throw InputError("agnet-tenas needs both TE-NAS proxies told as costs: --cost ntk_condition --cost linear_regions")
    }
    let settings = try settings(setup)
    let configuration = try settings.configuration(space: darts.domain.space.name)
    let (normal, reduce) = try settings.phases()
    let (checkpoint, file) = try AGNetMethod.generatorCheckpoint(source: settings.search.generator, space: darts.domain.space,
                                                                 runDirectory: darts.runDirectory, method: name)
    let domain = darts.domain
    let cells = SearchDomain(space: domain.space.cellSpace)
    // The phases end by their training sets, not by a number of queries.
    let phases = DARTSTwoPhaseSearch.Phases(normalQueries: .max, reduceQueries: .max)
    let make = { @Sendable (seed: UInt64) throws -> any Optimizer<DARTSSpace> in
      try DARTSTwoPhaseSearch(domain: domain, configuration: configuration, phases: phases, seed: seed, makePhase: { phase, generator, seed in
        try TENASCellSearch(domain: cells, generator: generator, configuration: configuration,
                            settings: phase == .normal ? normal : reduce, seed: seed)
      }) { try AGNetMethod.generator(checkpoint, file: file) }
    }
    _ = try make(0)
    guard let prepared = PreparedMethod(makeOptimizer: make) as? PreparedMethod<Space> else {
      throw InputError("agnet-tenas searches the darts space only (not \(setup.domain.space.name))")
    }
    return prepared
  }
}
