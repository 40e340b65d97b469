import AGNet
import Optimization
import SearchSpaces

/// `agnet-hw`: hardware-aware AG-Net (method document §5) on the run's cost objective (`--cost`
/// with `--max-cost` and/or `--mode`). Its settings (`HardwareAwareAGNetSettings`) are AG-Net's
/// shared block and predictor network with §5's defaults for α and the learning rate, plus its own.
public struct HardwareAwareAGNetMethod: SearchMethod {
  public init() {}
  public var name: String { "agnet-hw" }
  public var summary: String {
    "hardware-aware AG-Net: device-conditioned (accuracy, cost) predictor, ranks of the cost objective (needs --cost and --max-cost or --mode)"
  }
  public var defaultBatchSize: Int { 16 }

  public typealias Settings = HardwareAwareAGNetSettings

  public func prepare<Space: SearchSpace>(_ setup: MethodSetup<Space>) throws -> PreparedMethod<Space> {
    guard let objective = setup.objective else {
      throw InputError("agnet-hw needs a cost objective: --cost COLUMN with --max-cost X and/or --mode constraint|joint")
    }
    let settings = try settings(setup)
    let configuration = try settings.configuration(space: setup.domain.space.name, objective: objective)
    let domain = setup.domain
    return try AGNetMethod.trialOptimizers(setup, generator: settings.search.generator, method: name) { generator, seed in
      try HardwareAwareOptimizer(domain: domain, generator: generator, configuration: configuration, seed: seed)
    }
  }
}
