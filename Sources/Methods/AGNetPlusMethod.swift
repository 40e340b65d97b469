import AGNet
import Baselines
import Optimization
import SearchSpaces

/// `agnet-plus`: AG-Net's generator and a predictor, tuned for query efficiency rather than
/// fidelity to the paper (docs/research/agnet-plus.md). `agnet` stays the published loop.
public struct AGNetPlusMethod: SearchMethod {
  public init() {}
  public var name: String { "agnet-plus" }
  public var summary: String {
    "beyond the paper: an MLP ensemble picks from neighbours of the best cells (Thompson sampling) and from pretrained-generator cells (top mean), small asks"
  }
  public var defaultBatchSize: Int { AGNetPlusConfiguration.defaultBatchSize }

  public typealias Settings = AGNetPlusSettings

  public func prepare<Space: SearchSpace>(_ setup: MethodSetup<Space>) throws -> PreparedMethod<Space> {
    let settings = try settings(setup)
    let configuration = settings.configuration
    try configuration.validate()
    let domain = setup.domain
    return try AGNetMethod.trialOptimizers(setup, generator: settings.generator, method: name) { generator, seed in
      try AGNetPlusOptimizer(domain: domain, generator: generator, configuration: configuration, seed: seed)
    }
  }
}
