import AGNet

/// The predictor network trained with the generator (`agnet`, `agnet-hw`; `agnet-xgb` ranks by a
/// forest instead).
public struct PredictorNetworkSettings: MethodSettings {
  private static let published = AGNetSearchConfiguration()

  public var regressionLayers = published.regressionLayers
  public var predictorInput = published.predictorInput
  public var valueScale = published.valueScale

  public static var defaults: PredictorNetworkSettings { PredictorNetworkSettings() }

  public static var settings: [Setting<PredictorNetworkSettings>] {
    [
      Setting("regression_layers", \.regressionLayers, help: "hidden Linear(in→in) layers of the predictor", rule: .atLeast(0)),
      Setting("predictor_input", \.predictorInput, help: "logits (AG-Net) or encoding (w/o BP ablation)"),
      Setting("value_scale", \.valueScale, help: "search values are divided by this in the loss (100: percent to fractions)",
              rule: ValueRule("in [0.001, 1e12]") { $0 >= 1e-3 && $0 <= 1e12 }),
    ]
  }
}
