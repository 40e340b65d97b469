import AGNet
import Optimization
import SearchSpaces

/// `agnet-hw`: hardware-aware AG-Net (method document §5) on the run's cost objective (`--cost`
/// with `--max-cost` and/or `--mode`). The parameters are `agnet`'s, with §5's defaults for α and
/// the learning rate, plus Adam's weight decay.
public struct HardwareAwareAGNetMethod: SearchMethod {
  public init() {}
  public var name: String { "agnet-hw" }
  public var summary: String {
    "hardware-aware AG-Net: device-conditioned (accuracy, cost) predictor, ranks of the cost objective (needs --cost and --max-cost or --mode)"
  }
  public var defaultBatchSize: Int { 16 }

  public var parameters: [MethodParameter] {
    AGNetMethod().parameters.map { parameter in
      switch parameter.name {
      case "alpha": return MethodParameter("alpha", default: .double(0.95),
                                           help: "loss mix (1 - alpha)·recon + alpha·(0.5·mse_cost + 0.5·mse_acc)")
      case "learning_rate": return MethodParameter("learning_rate", default: .double(2e-4), help: "Adam learning rate")
      default: return parameter
      }
    } + [
      MethodParameter("weight_decay", default: .double(1e-4), help: "Adam weight decay"),
      MethodParameter("cost_model", default: .string(HardwareAwareConfiguration.CostModel.ridge.rawValue),
                      help: "what decides whether a candidate is within the bound: ridge (a linear fit of the cost on the cell, "
                        + "from every queried cell) or predictor (the predictor's cost head, the published method)"),
      MethodParameter("bound_margin", default: .double(0.5),
                      help: "with cost_model=ridge: candidates predicted up to L + bound_margin·(the fit's leave-one-out error) count as within L"),
      MethodParameter("explore", default: .int(0),
                      help: "with cost_model=ridge and a bound: this many of each round's queries are chosen as if the bound were "
                        + "L + explore_margin·(the fit's leave-one-out error)"),
      MethodParameter("explore_margin", default: .double(2.0),
                      help: "the wider bound of the exploring and neighbour queries, in leave-one-out errors"),
      MethodParameter("neighbours", default: .int(0),
                      help: "with cost_model=ridge and a bound: this many of each round's queries are unqueried neighbours of the best "
                        + "queried cells within the bound, predicted within L + explore_margin·(the fit's leave-one-out error)"),
      MethodParameter("penalty_exponent", default: .double(20),
                      help: "a queried cell over the bound has its training rank multiplied by (cost / bound)^penalty_exponent, "
                        + "between 1 and 1000; 0: by 1000 (the published method)"),
    ]
  }

  public func prepare<Space: SearchSpace>(_ setup: MethodSetup<Space>) throws -> PreparedMethod<Space> {
    guard let objective = setup.objective else {
      throw InputError("agnet-hw needs a cost objective: --cost COLUMN with --max-cost X and/or --mode constraint|joint")
    }
    let h = setup.hyperparameters
    // `agnet`'s reading of the shared parameters, with this method's defaults (α 0.95, lr 2e-4).
    var read = HardwareAwareConfiguration(
      search: try AGNetMethod.configuration(h, space: setup.domain.space.name), objective: objective,
      weightDecay: try h.double("weight_decay"))
    read.costModel = try AGNetMethod.choice(h, "cost_model", HardwareAwareConfiguration.CostModel.self, method: name)
    read.boundMargin = try h.double("bound_margin")
    read.exploreSlots = try h.int("explore")
    read.exploreMargin = try h.double("explore_margin")
    read.neighbourSlots = try h.int("neighbours")
    let exponent = try h.double("penalty_exponent")
    read.trainingPenalty = exponent == 0 ? .hard : .graded(exponent: exponent)
    let configuration = read
    try configuration.validate()
    let domain = setup.domain
    return try AGNetMethod.trialOptimizers(setup, method: name) { generator, seed in
      try HardwareAwareOptimizer(domain: domain, generator: generator, configuration: configuration, seed: seed)
    }
  }
}
