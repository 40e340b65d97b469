import AGNet
import Optimization

/// `agnet-hw`'s settings: AG-Net's shared generator block with §5's defaults (α 0.95, learning
/// rate 2e-4) and predictor network, plus Adam's weight decay and how the cost bound is judged.
public struct HardwareAwareAGNetSettings: MethodSettings {
  public var search: AGNetGeneratorSettings = {
    var search = AGNetGeneratorSettings.defaults
    search.alpha = 0.95
    search.learningRate = 2e-4
    return search
  }()
  public var network = PredictorNetworkSettings.defaults
  public var weightDecay = 1e-4
  public var costModel = HardwareAwareConfiguration.CostModel.ridge
  public var boundMargin = 0.5
  public var gridAware = true
  public var explore = 0
  public var exploreMargin = 2.0
  public var neighbours = 0
  /// 0: the published hard penalty.
  public var penaltyExponent = 20.0

  public static var defaults: HardwareAwareAGNetSettings { HardwareAwareAGNetSettings() }

  public static var settings: [Setting<HardwareAwareAGNetSettings>] {
    AGNetGeneratorSettings.settings.map { $0.within(\.search) }
      + PredictorNetworkSettings.settings.map { $0.within(\.network) }
      + [
        Setting("weight_decay", \.weightDecay, help: "Adam weight decay", rule: .atLeast(0)),
        Setting("cost_model", \.costModel,
                help: "what decides whether a candidate is within the bound: ridge (a linear fit of the cost on the cell, "
                  + "from every queried cell) or predictor (the predictor's cost head, the published method)"),
        Setting("bound_margin", \.boundMargin,
                help: "with cost_model=ridge: candidates predicted up to L + bound_margin·(the fit's leave-one-out error) count as within L",
                rule: .atLeast(0)),
        Setting("grid_aware", \.gridAware,
                help: "with cost_model=ridge: when the queried costs lie on a grid (whole or half milliseconds), candidates "
                  + "predicted up to half a step over L count as within it, so cells exactly on the bound stay eligible; "
                  + "false: the selection of the build before"),
        Setting("explore", \.explore,
                help: "with cost_model=ridge and a bound: this many of each round's queries are chosen as if the bound were "
                  + "L + explore_margin·(the fit's leave-one-out error)",
                rule: .atLeast(0)),
        Setting("explore_margin", \.exploreMargin,
                help: "the wider bound of the exploring and neighbour queries, in leave-one-out errors", rule: .atLeast(0)),
        Setting("neighbours", \.neighbours,
                help: "with cost_model=ridge and a bound: this many of each round's queries are unqueried neighbours of the best "
                  + "queried cells within the bound, predicted within L + explore_margin·(the fit's leave-one-out error)",
                rule: .atLeast(0)),
        Setting("penalty_exponent", \.penaltyExponent,
                help: "a queried cell over the bound has its training rank multiplied by (cost / bound)^penalty_exponent, "
                  + "between 1 and 1000; 0: by 1000 (the published method)"),
      ]
  }

  /// The hardware-aware configuration on `space` for `objective` (validated).
  public func configuration(space: String, objective: CostObjective) throws -> HardwareAwareConfiguration {
    var c = HardwareAwareConfiguration(search: try search.configuration(space: space, network: network), objective: objective,
                                       weightDecay: weightDecay)
    c.costModel = costModel
    c.boundMargin = boundMargin
    c.gridAware = gridAware
    c.exploreSlots = explore
    c.exploreMargin = exploreMargin
    c.neighbourSlots = neighbours
    c.trainingPenalty = penaltyExponent == 0 ? .hard : .graded(exponent: penaltyExponent)
    try c.validate()
    return c
  }
}
