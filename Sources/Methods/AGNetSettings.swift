import AGNet
import SearchSpaces

/// `agnet`'s settings: the shared generator block, the predictor network, and on darts the
/// sizes of the two phases.
public struct AGNetSettings: MethodSettings {
  public var search = AGNetGeneratorSettings.defaults
  public var network = PredictorNetworkSettings.defaults
  public var phases = DARTSTwoPhaseSearch.Phases()

  public static var defaults: AGNetSettings { AGNetSettings() }

  public static var settings: [Setting<AGNetSettings>] {
    AGNetGeneratorSettings.settings.map { $0.within(\.search) }
      + PredictorNetworkSettings.settings.map { $0.within(\.network) }
      + [
        Setting("normal_queries", \.phases.normalQueries, help: "evaluations searching the normal cell (phase 1)",
                rule: .atLeast(1), spaces: [DARTSSpace().name]),
        Setting("reduce_queries", \.phases.reduceQueries,
                help: "evaluations searching the reduction cell with the best normal cell fixed (phase 2)",
                rule: .atLeast(0), spaces: [DARTSSpace().name]),
      ]
  }

  /// The search configuration on `space` (validated).
  public func configuration(space: String) throws -> AGNetSearchConfiguration {
    try search.configuration(space: space, network: network)
  }
}
