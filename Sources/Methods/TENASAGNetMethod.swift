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

  public var parameters: [MethodParameter] {
    let d = AGNetSearchConfiguration()
    let s = TENASCellSearch.Settings()
    return [
      MethodParameter("generator", default: .string(""), help: "pretrained generator file (empty: the shipped DARTS one)"),
      MethodParameter("initial_cells", default: .int(d.initialCells), help: "uniformly random cells opening each phase"),
      MethodParameter("candidates", default: .int(50), help: "candidates a round, all evaluated"),
      MethodParameter("candidate_batches", default: .string(d.candidateBatchSizes.map(String.init).joined(separator: ",")),
                      help: "latent batch sizes decoded in turn until more than `candidates` are found"),
      MethodParameter("top_k", default: .int(s.chosen), help: "candidates of a round (smallest rank sum) joining the training set"),
      MethodParameter("normal_training", default: .int(s.trainingLimit),
                      help: "phase 1 (normal cells) ends once its training set holds more cells than this"),
      MethodParameter("reduce_training", default: .int(s.trainingLimit),
                      help: "phase 2 (reduction cells) ends once its training set holds more cells than this"),
      MethodParameter("ticks", default: .int(1), help: "epochs of |D| weighted draws per round"),
      MethodParameter("train_batch_size", default: .int(d.batchSize), help: "samples per retraining step"),
      MethodParameter("weight_factor", default: .double(d.weighting.factor),
                      help: "w = 1/(weight_factor·|D| + rank_regions) + 1/(weight_factor·|D| + rank_ntk)"),
      MethodParameter("learning_rate", default: .double(d.learningRate), help: "Adam learning rate"),
      MethodParameter("beta1", default: .double(d.beta1), help: "Adam beta1"),
      MethodParameter("beta2", default: .double(d.beta2), help: "Adam beta2"),
      MethodParameter("training_latents", default: .string("normal"), help: "retraining latent distribution: normal or uniform3"),
      MethodParameter("shards", default: .int(d.shards), help: "concurrent parts of each training batch (results depend on it, not on cores)"),
    ]
  }

  /// AG-Net's parameters this method fixes: reconstruction only (α 0, so the predictor, which
  /// nothing reads, stays untrained), rank weights applied as draw and loss factor, z ~ U(−3, 3).
  private static let fixed: [String: ParameterValue] = [
    "alpha": .double(0), "weighting": .string("rank"), "weight_loss_too": .bool(true), "regression_layers": .int(0),
    "predictor_input": .string("logits"), "candidate_latents": .string("uniform3"), "value_scale": .double(1),
  ]

  public func prepare<Space: SearchSpace>(_ setup: MethodSetup<Space>) throws -> PreparedMethod<Space> {
    guard let darts = setup as? MethodSetup<DARTSSpace> else {
      throw InputError("agnet-tenas searches the darts space only (not \(setup.domain.space.name))")
    }
    let needed = [TENASRanking.ntkName, TENASRanking.regionsName]
    guard needed.allSatisfy(setup.costNames.contains) else {
      throw InputError("agnet-tenas needs both TE-NAS proxies told as costs: --cost ntk_condition --cost linear_regions")
    }
    let h = setup.hyperparameters
    var values = h.values.merging(TENASAGNetMethod.fixed) { _, fixed in fixed }
    values["ticks"] = .string(String(try h.int("ticks")))
    let configuration = try AGNetMethod.configuration(Hyperparameters(values), space: darts.domain.space.name)
    let normal = TENASCellSearch.Settings(chosen: try h.int("top_k"), trainingLimit: try h.int("normal_training"))
    let reduce = TENASCellSearch.Settings(chosen: normal.chosen, trainingLimit: try h.int("reduce_training"))
    try normal.validate()
    try reduce.validate()
    let (checkpoint, file) = try AGNetMethod.generatorCheckpoint(source: try h.string("generator"), space: darts.domain.space.name,
                                                                 runDirectory: darts.runDirectory)
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
    return PreparedMethod(makeOptimizer: make) as! PreparedMethod<Space>
  }
}
