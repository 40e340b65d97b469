import AGNet

/// `agnet-plus`'s settings: the pretrained generator's file and the search's configuration.
public struct AGNetPlusSettings: MethodSettings {
  public var generator = ""
  public var configuration = AGNetPlusConfiguration()

  public static var defaults: AGNetPlusSettings { AGNetPlusSettings() }

  public static var settings: [Setting<AGNetPlusSettings>] {
    [
      Setting("generator", \.generator, help: "pretrained generator file (empty: the shipped one of the space)"),
      Setting("initial_cells", \.configuration.initialCells, help: "uniformly random cells queried first", rule: .atLeast(1)),
      Setting("generated_cells", \.configuration.generatedCells, help: "generator samples per trial, candidates every round",
              rule: .atLeast(0)),
      Setting("generated_picks", \.configuration.generatedPicks,
              help: "cells per ask taken from the generated cells by predicted mean (the rest: neighbours by acquisition)",
              rule: .atLeast(0)),
      Setting("patience", \.configuration.patience, help: "generated picks only after this many queries without a new best (0: always)",
              rule: .atLeast(0)),
      Setting("neighbour_parents", \.configuration.neighbourParents, help: "best told cells whose neighbours are candidates every round",
              rule: .atLeast(0)),
      Setting("ensemble_size", \.configuration.ensembleSize, help: "MLPs in the predictor ensemble", rule: .atLeast(1)),
      Setting("hidden_layers", \.configuration.hiddenLayers, help: "hidden layers of each MLP", rule: .atLeast(0)),
      Setting("layer_width", \.configuration.layerWidth, help: "units per hidden layer", rule: .atLeast(1)),
      Setting("epochs", \.configuration.training.epochs, help: "training epochs per round (from scratch)", rule: .atLeast(1)),
      Setting("training_batch_size", \.configuration.training.batchSize, help: "mini-batch size of MLP training", rule: .atLeast(1)),
      Setting("learning_rate", \.configuration.training.learningRate, help: "Adam learning rate", rule: .positive),
      Setting("acquisition", \.configuration.acquisition, help: "thompson, ucb or mean"),
      Setting("exploration_weight", \.configuration.explorationWeight, help: "ucb: mean + weight · ensemble spread", rule: .atLeast(0)),
      Setting("path_encoding_length", \.configuration.pathEncodingLength,
              help: "NAS-Bench-101: path-encoding bits the MLPs see (364 = all)"),
    ]
  }
}
