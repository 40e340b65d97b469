import AGNet
import GradientBoosting

/// `agnet-xgb`'s settings: AG-Net's shared generator block with the published script's defaults
/// (one tick a round, α 0.9 of which only the reconstruction part trains), and the forest.
public struct AGNetXGBSettings: MethodSettings {
  public var search: AGNetGeneratorSettings = {
    var search = AGNetGeneratorSettings.defaults
    search.ticks = .epochs(1)
    search.alpha = 0.9
    return search
  }()
  public var forest = BoosterParameters()

  public static var defaults: AGNetXGBSettings { AGNetXGBSettings() }

  public static var settings: [Setting<AGNetXGBSettings>] {
    AGNetGeneratorSettings.settings.map { $0.within(\.search) } + [
      Setting("xgb_rounds", \.forest.rounds, help: "XGBoost boosting rounds (trees)", rule: .atLeast(1)),
      Setting("xgb_max_depth", \.forest.maxDepth, help: "XGBoost max_depth", rule: .atLeast(1)),
      Setting("xgb_min_child_weight", \.forest.minChildWeight, help: "XGBoost min_child_weight", rule: .atLeast(0)),
      Setting("xgb_eta", \.forest.eta, help: "XGBoost eta (learning rate)", rule: fraction),
      Setting("xgb_subsample", \.forest.subsample, help: "XGBoost subsample", rule: fraction),
      Setting("xgb_colsample_bytree", \.forest.columnSampleByTree, help: "XGBoost colsample_bytree", rule: fraction),
      Setting("xgb_colsample_bylevel", \.forest.columnSampleByLevel, help: "XGBoost colsample_bylevel", rule: fraction),
      Setting("xgb_threads", \.forest.threads, help: "XGBoost threads (results do not depend on it)", rule: .within(1...256)),
    ]
  }

  private static let fraction = ValueRule<Double>("in (0, 1]") { $0 > 0 && $0 <= 1 }

  /// The search configuration on `space`: the forest ranks the candidates (validated).
  public func configuration(space: String) throws -> AGNetSearchConfiguration {
    var configuration = try search.configuration(space: space)
    configuration.predictor = .xgboost(forest)
    try configuration.validate()
    return configuration
  }
}
