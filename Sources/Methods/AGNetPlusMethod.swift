import AGNet
import Baselines
import Optimization
import SearchSpaces

/// `agnet-plus`: AG-Net's generator and a predictor, tuned for query efficiency rather than
/// fidelity to the paper (docs/research/agnet-plus.md). `agnet` stays the published loop.
public struct AGNetPlusMethod: SearchMethod {
  public init() {}
  public var name: String { "agnet-plus" }
  public var summary: String {
    "beyond the paper: an MLP ensemble picks from neighbours of the best cells (Thompson sampling) and from pretrained-generator cells (top mean), small asks"
  }
  public var defaultBatchSize: Int { AGNetPlusConfiguration.defaultBatchSize }

  public var parameters: [MethodParameter] {
    let d = AGNetPlusConfiguration()
    return [
      MethodParameter("generator", default: .string(""), help: "pretrained generator file (empty: the shipped one of the space)"),
      MethodParameter("initial_cells", default: .int(d.initialCells), help: "uniformly random cells queried first"),
      MethodParameter("generated_cells", default: .int(d.generatedCells), help: "generator samples per trial, candidates every round"),
      MethodParameter("generated_picks", default: .int(d.generatedPicks),
                      help: "cells per ask taken from the generated cells by predicted mean (the rest: neighbours by acquisition)"),
      MethodParameter("patience", default: .int(d.patience),
                      help: "generated picks only after this many queries without a new best (0: always)"),
      MethodParameter("neighbour_parents", default: .int(d.neighbourParents),
                      help: "best told cells whose neighbours are candidates every round"),
      MethodParameter("ensemble_size", default: .int(d.ensembleSize), help: "MLPs in the predictor ensemble"),
      MethodParameter("hidden_layers", default: .int(d.hiddenLayers), help: "hidden layers of each MLP"),
      MethodParameter("layer_width", default: .int(d.layerWidth), help: "units per hidden layer"),
      MethodParameter("epochs", default: .int(d.training.epochs), help: "training epochs per round (from scratch)"),
      MethodParameter("training_batch_size", default: .int(d.training.batchSize), help: "mini-batch size of MLP training"),
      MethodParameter("learning_rate", default: .double(d.training.learningRate), help: "Adam learning rate"),
      MethodParameter("acquisition", default: .string(d.acquisition.rawValue), help: "thompson, ucb or mean"),
      MethodParameter("exploration_weight", default: .double(d.explorationWeight), help: "ucb: mean + weight · ensemble spread"),
      MethodParameter("path_encoding_length", default: .int(d.pathEncodingLength),
                      help: "NAS-Bench-101: path-encoding bits the MLPs see (364 = all)"),
    ]
  }

  public func prepare<Space: SearchSpace>(_ setup: MethodSetup<Space>) throws -> PreparedMethod<Space> {
    let h = setup.hyperparameters
    var c = AGNetPlusConfiguration()
    c.initialCells = try h.int("initial_cells")
    c.generatedCells = try h.int("generated_cells")
    c.generatedPicks = try h.int("generated_picks")
    c.patience = try h.int("patience")
    c.neighbourParents = try h.int("neighbour_parents")
    c.ensembleSize = try h.int("ensemble_size")
    c.hiddenLayers = try h.int("hidden_layers")
    c.layerWidth = try h.int("layer_width")
    c.training = EnsembleTraining(epochs: try h.int("epochs"), batchSize: try h.int("training_batch_size"),
                                  learningRate: try h.double("learning_rate"))
    c.acquisition = try AGNetMethod.choice(h, "acquisition", Acquisition.self, method: name)
    c.explorationWeight = try h.double("exploration_weight")
    c.pathEncodingLength = try h.int("path_encoding_length")
    try c.validate()
    let (domain, configuration) = (setup.domain, c)
    return try AGNetMethod.trialOptimizers(setup, method: name) { generator, seed in
      try AGNetPlusOptimizer(domain: domain, generator: generator, configuration: configuration, seed: seed)
    }
  }
}
