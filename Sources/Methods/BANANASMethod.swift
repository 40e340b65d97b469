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

  public var parameters: [MethodParameter] {
    let d = BANANASConfiguration()
    return [
      MethodParameter("initial_cells", default: .int(d.initialCells), help: "random cells before the first model"),
      MethodParameter("ensemble_size", default: .int(d.ensembleSize), help: "MLPs in the ensemble"),
      MethodParameter("hidden_layers", default: .int(d.hiddenLayers), help: "hidden layers of each MLP"),
      MethodParameter("layer_width", default: .int(d.layerWidth), help: "units per hidden layer"),
      MethodParameter("epochs", default: .int(d.epochs), help: "training epochs per round (from scratch)"),
      MethodParameter("training_batch_size", default: .int(d.trainingBatchSize), help: "mini-batch size of MLP training"),
      MethodParameter("learning_rate", default: .double(d.learningRate), help: "Adam learning rate"),
      MethodParameter("candidate_count", default: .int(d.candidateCount), help: "mutation candidates scored per round"),
      MethodParameter("parent_count", default: .int(d.parentCount), help: "best cells mutated for candidates, in order"),
      MethodParameter("mutation_rate", default: .double(d.mutationRate), help: "expected changes per part of a cell in a mutation"),
      MethodParameter("path_encoding_length", default: .int(d.pathEncodingLength),
                      help: "NAS-Bench-101: path-encoding bits the MLPs see (364 = all)"),
    ]
  }

  public func prepare<Space: SearchSpace>(_ setup: MethodSetup<Space>) throws -> PreparedMethod<Space> {
    let h = setup.hyperparameters
    let configuration = BANANASConfiguration(
      initialCells: try h.int("initial_cells"), ensembleSize: try h.int("ensemble_size"),
      hiddenLayers: try h.int("hidden_layers"), layerWidth: try h.int("layer_width"), epochs: try h.int("epochs"),
      trainingBatchSize: try h.int("training_batch_size"), learningRate: try h.double("learning_rate"),
      candidateCount: try h.int("candidate_count"), parentCount: try h.int("parent_count"),
      mutationRate: try h.double("mutation_rate"), pathEncodingLength: try h.int("path_encoding_length"))
    try configuration.validate()
    let domain = setup.domain
    let adapter = try BANANASSpaceAdapter.standard(for: domain.space, pathEncodingLength: configuration.pathEncodingLength)
    return PreparedMethod { seed in try BANANAS(domain: domain, adapter: adapter, configuration: configuration, seed: seed) }
  }
}
