import AGNet
import Foundation
import NeuralCore
import Optimization
import SearchSpaces

/// `agnet`: the AG-Net search (method document §4) with the shipped pretrained generator of the
/// space, or the one named by the `generator` parameter. Every hyperparameter is a parameter with
/// the published default; `ticks` follows the space unless set.
public struct AGNetMethod: SearchMethod {
  public init() {}
  public var name: String { "agnet" }
  public var summary: String {
    "AG-Net (Lukasik et al. 2022): pretrained generator + predictor, weighted retraining, top predicted candidates"
  }
  public var defaultBatchSize: Int { 16 }

  /// The generator copy a run directory keeps, so that a resumed run uses the same weights even
  /// if the source file changes.
  public static let generatorFileName = "agnet-generator.agnet"

  public var parameters: [MethodParameter] {
    let d = AGNetSearchConfiguration()
    let phases = DARTSTwoPhaseSearch.Phases()
    return [
      MethodParameter("generator", default: .string(""), help: "pretrained generator file (empty: the shipped one of the space)"),
      MethodParameter("initial_cells", default: .int(d.initialCells), help: "uniformly random cells queried first"),
      MethodParameter("ticks", default: .string("auto"),
                      help: "epochs of |D| weighted draws per round (auto: 30 on NAS-Bench-201, 15 on NAS-Bench-101, 1 on DARTS)"),
      MethodParameter("train_batch_size", default: .int(d.batchSize), help: "samples per retraining step"),
      MethodParameter("alpha", default: .double(d.alpha), help: "loss mix (1 - alpha)·recon + alpha·(pred - true)²"),
      MethodParameter("weighting", default: .string(d.weighting.scheme.rawValue),
                      help: "rank (AG-Net), uniform (w/o LSO ablation) or uniform_first_cells (the published w/o LSO bug)"),
      MethodParameter("weight_factor", default: .double(d.weighting.factor), help: "w = 1 / (weight_factor·|D| + rank)"),
      MethodParameter("weight_loss_too", default: .bool(d.weighting.weightLossToo),
                      help: "also multiply each drawn sample's loss by its weight (published quirk)"),
      MethodParameter("learning_rate", default: .double(d.learningRate), help: "Adam learning rate"),
      MethodParameter("beta1", default: .double(d.beta1), help: "Adam beta1"),
      MethodParameter("beta2", default: .double(d.beta2), help: "Adam beta2"),
      MethodParameter("regression_layers", default: .int(d.regressionLayers), help: "hidden Linear(in→in) layers of the predictor"),
      MethodParameter("predictor_input", default: .string(d.predictorInput.rawValue),
                      help: "logits (AG-Net) or encoding (w/o BP ablation)"),
      MethodParameter("candidates", default: .int(d.candidatesPerRound), help: "candidates kept per round and ranked by prediction"),
      MethodParameter("candidate_batches", default: .string(d.candidateBatchSizes.map(String.init).joined(separator: ",")),
                      help: "latent batch sizes decoded in turn until more than `candidates` are found"),
      MethodParameter("candidate_latents", default: .string("uniform3"), help: "candidate latent distribution: uniform3 or normal"),
      MethodParameter("training_latents", default: .string("normal"), help: "retraining latent distribution: normal or uniform3"),
      MethodParameter("value_scale", default: .double(d.valueScale),
                      help: "search values are divided by this in the loss (100: percent to fractions)"),
      MethodParameter("shards", default: .int(d.shards), help: "concurrent parts of each training batch (results depend on it, not on cores)"),
      MethodParameter("normal_queries", default: .int(phases.normalQueries), help: "darts only: evaluations searching the normal cell (phase 1)"),
      MethodParameter("reduce_queries", default: .int(phases.reduceQueries),
                      help: "darts only: evaluations searching the reduction cell with the best normal cell fixed (phase 2)"),
    ]
  }

  /// The search configuration the hyperparameters describe, for `space`.
  public static func configuration(_ h: Hyperparameters, space: String) throws -> AGNetSearchConfiguration {
    var c = AGNetSearchConfiguration.published(forSpace: space)
    c.initialCells = try h.int("initial_cells")
    let ticks = try h.string("ticks")
    if ticks != "auto" {
      guard let value = Int(ticks) else { throw InputError("parameter agnet.ticks must be an integer or auto, not '\(ticks)'") }
      c.ticks = value
    }
    c.batchSize = try h.int("train_batch_size")
    c.alpha = try h.double("alpha")
    c.weighting.scheme = try choice(h, "weighting", SampleWeighting.Scheme.self)
    c.weighting.factor = try h.double("weight_factor")
    c.weighting.weightLossToo = try h.bool("weight_loss_too")
    c.weighting.initialCells = c.initialCells
    c.learningRate = try h.double("learning_rate")
    c.beta1 = try h.double("beta1")
    c.beta2 = try h.double("beta2")
    c.regressionLayers = try h.int("regression_layers")
    c.predictorInput = try choice(h, "predictor_input", AGNetSearchConfiguration.PredictorInput.self)
    c.candidatesPerRound = try h.int("candidates")
    let batches = try h.string("candidate_batches")
    let sizes = batches.split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
    guard !sizes.isEmpty, sizes.allSatisfy({ $0 != nil }) else {
      throw InputError("parameter agnet.candidate_batches must be comma-separated integers, not '\(batches)'")
    }
    c.candidateBatchSizes = sizes.map { $0! }
    c.candidateLatents = try latents(h, "candidate_latents")
    c.trainingLatents = try latents(h, "training_latents")
    c.valueScale = try h.double("value_scale")
    c.shards = try h.int("shards")
    try c.validate()
    return c
  }

  public func prepare<Space: SearchSpace>(_ setup: MethodSetup<Space>) throws -> PreparedMethod<Space> {
    let configuration = try AGNetMethod.configuration(setup.hyperparameters, space: setup.domain.space.name)
    if let darts = setup as? MethodSetup<DARTSSpace> {
      // Architectures of two cells: the generator draws single cells, searched one phase each.
      return try AGNetMethod.twoPhaseOptimizers(darts, configuration: configuration) as! PreparedMethod<Space>
    }
    let domain = setup.domain
    return try AGNetMethod.trialOptimizers(setup, method: name) { generator, seed in
      try AGNetOptimizer(domain: domain, generator: generator, configuration: configuration, seed: seed)
    }
  }

  /// Trial optimizers of an AG-Net method, each on a fresh copy of the run's generator (see
  /// `generatorCheckpoint`). One is built here, so a file without a generator of this space fails
  /// once rather than in every trial.
  static func trialOptimizers<Space: SearchSpace>(
    _ setup: MethodSetup<Space>, method: String, make: @escaping @Sendable (Generator, UInt64) throws -> any Optimizer<Space>
  ) throws -> PreparedMethod<Space> {
    // The generator decodes one cell; a DARTS architecture is two, searched in phases only by
    // agnet's and agnet-tenas's two-phase search.
    guard !(setup is MethodSetup<DARTSSpace>) else {
      throw InputError("\(method) searches one-cell spaces only (nasbench201, nasbench101); on darts use agnet or agnet-tenas (or rs, re, ls)")
    }
    let (checkpoint, file) = try generatorCheckpoint(source: try setup.hyperparameters.string("generator"),
                                                     space: setup.domain.space.name, runDirectory: setup.runDirectory)
    _ = try make(try generator(checkpoint, file: file), 0)
    return PreparedMethod { seed in try make(try generator(checkpoint, file: file), seed) }
  }

  /// Trial optimizers of the two-phase DARTS search; each phase of each trial gets a fresh copy
  /// of the run's generator.
  static func twoPhaseOptimizers(_ setup: MethodSetup<DARTSSpace>, configuration: AGNetSearchConfiguration) throws
    -> PreparedMethod<DARTSSpace> {
    let h = setup.hyperparameters
    let phases = DARTSTwoPhaseSearch.Phases(normalQueries: try h.int("normal_queries"), reduceQueries: try h.int("reduce_queries"))
    let (checkpoint, file) = try generatorCheckpoint(source: try h.string("generator"), space: setup.domain.space.name,
                                                     runDirectory: setup.runDirectory)
    let domain = setup.domain
    let make = { @Sendable (seed: UInt64) throws -> any Optimizer<DARTSSpace> in
      try DARTSTwoPhaseSearch(domain: domain, configuration: configuration, phases: phases, seed: seed) {
        try generator(checkpoint, file: file)
      }
    }
    _ = try make(0)
    return PreparedMethod(makeOptimizer: make)
  }

  /// The pretrained generator for a run: the run directory's copy when it has one, else `source`
  /// (or the shipped generator of `space` when `source` is empty), copied into the run directory.
  public static func generatorCheckpoint(source: String, space: String, runDirectory: URL?) throws -> (Checkpoint, String) {
    let copy = runDirectory?.appendingPathComponent(generatorFileName)
    if let copy, FileManager.default.fileExists(atPath: copy.path) {
      return (try inputErrors { try Checkpoint(contentsOf: copy) }, copy.path)
    }
    let url = try inputErrors { source.isEmpty ? try ShippedGenerator.url(space: space) : URL(fileURLWithPath: source) }
    let checkpoint = try inputErrors { try Checkpoint(contentsOf: url) }
    if let copy { try inputErrors { try checkpoint.write(to: copy) } }
    return (checkpoint, url.path)
  }

  public static func generator(_ checkpoint: Checkpoint, file: String) throws -> Generator {
    try inputErrors { try Generator(checkpoint: checkpoint, file: file) }
  }

  /// Checkpoint problems as the one-line input errors the CLI reports.
  private static func inputErrors<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let error as CheckpointError { throw InputError(error.message, file: error.file) }
  }

  static func choice<T: RawRepresentable & CaseIterable>(_ h: Hyperparameters, _ name: String, _: T.Type,
                                                          method: String = "agnet") throws -> T
  where T.RawValue == String {
    let text = try h.string(name)
    guard let value = T(rawValue: text) else {
      throw InputError("parameter \(method).\(name) must be one of \(T.allCases.map(\.rawValue).joined(separator: ", ")), not '\(text)'")
    }
    return value
  }

  private static func latents(_ h: Hyperparameters, _ name: String) throws -> LatentDistribution {
    let text = try h.string(name)
    guard let value = LatentDistribution(name: text) else {
      throw InputError("parameter agnet.\(name) must be uniform3 or normal, not '\(text)'")
    }
    return value
  }
}
