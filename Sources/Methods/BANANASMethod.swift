import Baselines
import SearchSpaces

/// `bananas`: BANANAS (White et al. 2021), Bayesian optimisation with an ensemble of MLPs.
public struct BANANASMethod: SearchMethod {
  public init() {}
  public var name: String { "bananas" }
  public var summary: String {
    "BANANAS (White et al. 2021): MLP ensemble on path/one-hot encodings, mutation candidates, independent Thompson sampling"
  }
  public var defaultBatchSize: Int { BANANASConfiguration.publishedBatchSize }

  public typealias Settings = BANANASConfiguration

  public func prepare<Space: SearchSpace>(_ setup: MethodSetup<Space>) throws -> PreparedMethod<Space> {
    let configuration = try settings(setup)
    try configuration.validate()
    let domain = setup.domain
    let adapter = try BANANASSpaceAdapter.standard(for: domain.space, pathEncodingLength: configuration.pathEncodingLength)
    return PreparedMethod { seed in try BANANAS(domain: domain, adapter: adapter, configuration: configuration, seed: seed) }
  }
}

/// BANANAS's settings are its configuration, with the published defaults.
extension BANANASConfiguration: MethodSettings {
  public static var defaults: BANANASConfiguration { BANANASConfiguration() }

  public static var settings: [Setting<BANANASConfiguration>] {
    [
      Setting("initial_cells", \.initialCells, help: "random cells before the first model", rule: .atLeast(1)),
      Setting("ensemble_size", \.ensembleSize, help: "MLPs in the ensemble", rule: .atLeast(1)),
      Setting("hidden_layers", \.hiddenLayers, help: "hidden layers of each MLP", rule: .atLeast(0)),
      Setting("layer_width", \.layerWidth, help: "units per hidden layer", rule: .atLeast(1)),
      Setting("epochs", \.epochs, help: "training epochs per round (from scratch)", rule: .atLeast(1)),
      Setting("training_batch_size", \.trainingBatchSize, help: "mini-batch size of MLP training", rule: .atLeast(1)),
      Setting("learning_rate", \.learningRate, help: "Adam learning rate", rule: .positive),
      Setting("candidate_count", \.candidateCount, help: "mutation candidates scored per round", rule: .atLeast(1)),
      Setting("parent_count", \.parentCount, help: "best cells mutated for candidates, in order", rule: .atLeast(1)),
      Setting("mutation_rate", \.mutationRate, help: "expected changes per part of a cell in a mutation", rule: .positive),
      Setting("path_encoding_length", \.pathEncodingLength, help: "NAS-Bench-101: path-encoding bits the MLPs see (364 = all)",
              rule: .within(1...NASBench101PathEncoding.fullLength)),
    ]
  }
}
