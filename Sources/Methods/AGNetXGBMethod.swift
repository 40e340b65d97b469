import AGNet
import GradientBoosting
import Optimization
import SearchSpaces

/// `agnet-xgb`: AG-Net with an XGBoost predictor, as the published `search/Search_XGB.py`: the
/// generator retrains on the reconstruction loss alone with the same rank-weighted draws (one
/// epoch a round), and each round an XGBoost forest fitted on the told cells' encodings ranks the
/// candidates. The parameters are `agnet`'s, less those of the predictor network, plus the
/// forest's (`xgb_*`, published defaults).
public struct AGNetXGBMethod: SearchMethod {
  public init() {}
  public var name: String { "agnet-xgb" }
  public var summary: String {
    "AG-Net + XGBoost (published Search_XGB.py): generator retrained on reconstruction only, an XGBoost forest on the cell encodings ranks the candidates"
  }
  public var defaultBatchSize: Int { 16 }

  /// `agnet`'s parameters that only the predictor network reads.
  private static let networkOnly: Set = ["regression_layers", "predictor_input", "value_scale"]

  public var parameters: [MethodParameter] {
    let d = BoosterParameters()
    return AGNetMethod().parameters.filter { !AGNetXGBMethod.networkOnly.contains($0.name) }.map { parameter in
      switch parameter.name {
      case "ticks": return MethodParameter("ticks", default: .string("1"), help: "epochs of |D| weighted draws per round (published: 1)")
      case "alpha": return MethodParameter("alpha", default: .double(0.9), help: "the generator's loss is (1 - alpha)·recon")
      default: return parameter
      }
    } + [
      MethodParameter("xgb_rounds", default: .int(d.rounds), help: "XGBoost boosting rounds (trees)"),
      MethodParameter("xgb_max_depth", default: .int(d.maxDepth), help: "XGBoost max_depth"),
      MethodParameter("xgb_min_child_weight", default: .double(d.minChildWeight), help: "XGBoost min_child_weight"),
      MethodParameter("xgb_eta", default: .double(d.eta), help: "XGBoost eta (learning rate)"),
      MethodParameter("xgb_subsample", default: .double(d.subsample), help: "XGBoost subsample"),
      MethodParameter("xgb_colsample_bytree", default: .double(d.columnSampleByTree), help: "XGBoost colsample_bytree"),
      MethodParameter("xgb_colsample_bylevel", default: .double(d.columnSampleByLevel), help: "XGBoost colsample_bylevel"),
      MethodParameter("xgb_threads", default: .int(d.threads), help: "XGBoost threads (results do not depend on it)"),
    ]
  }

  public func prepare<Space: SearchSpace>(_ setup: MethodSetup<Space>) throws -> PreparedMethod<Space> {
    let h = setup.hyperparameters
    // `agnet`'s reading of the shared parameters; the network-only ones keep their defaults (unused).
    var values = h.values
    for parameter in AGNetMethod().parameters where values[parameter.name] == nil { values[parameter.name] = parameter.defaultValue }
    var configuration = try AGNetMethod.configuration(Hyperparameters(values), space: setup.domain.space.name)
    var booster = BoosterParameters()
    booster.rounds = try h.int("xgb_rounds")
    booster.maxDepth = try h.int("xgb_max_depth")
    booster.minChildWeight = try h.double("xgb_min_child_weight")
    booster.eta = try h.double("xgb_eta")
    booster.subsample = try h.double("xgb_subsample")
    booster.columnSampleByTree = try h.double("xgb_colsample_bytree")
    booster.columnSampleByLevel = try h.double("xgb_colsample_bylevel")
    booster.threads = try h.int("xgb_threads")
    configuration.predictor = .xgboost(booster)
    try configuration.validate()
    let (domain, search) = (setup.domain, configuration)
    return try AGNetMethod.trialOptimizers(setup, method: name) { generator, seed in
      try AGNetOptimizer(domain: domain, generator: generator, configuration: search, seed: seed)
    }
  }
}
