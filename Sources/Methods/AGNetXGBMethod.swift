import AGNet
import GradientBoosting
import Optimization
import SearchSpaces

/// `agnet-xgb`: AG-Net with an XGBoost predictor, as the published `search/Search_XGB.py`: the
/// generator retrains on the reconstruction loss alone with the same rank-weighted draws (one
/// epoch a round), and each round an XGBoost forest fitted on the told cells' encodings ranks the
/// candidates. Its settings (`AGNetXGBSettings`) are AG-Net's shared generator block plus the
/// forest's (`xgb_*`, published defaults).
public struct AGNetXGBMethod: SearchMethod {
  public init() {}
  public var name: String { "agnet-xgb" }
  public var summary: String {
    "AG-Net + XGBoost (published Search_XGB.py): generator retrained on reconstruction only, an XGBoost forest on the cell encodings ranks the candidates"
  }
  public var defaultBatchSize: Int { 16 }

  public typealias Settings = AGNetXGBSettings

  public func prepare<Space: SearchSpace>(_ setup: MethodSetup<Space>) throws -> PreparedMethod<Space> {
    // Refused before any trial starts when XGBoost is not installed: exit 1 (a missing file, not
    // misuse), one line naming the library and the package to install.
    do { _ = try XGBoostRegressor.libraryVersion() } catch let error as BoosterError {
      throw InputError(error.message, file: XGBoostRegressor.libraryName)
    }
    let settings = try settings(setup)
    let configuration = try settings.configuration(space: setup.domain.space.name)
    let domain = setup.domain
    return try AGNetMethod.trialOptimizers(setup, generator: settings.search.generator, method: name) { generator, seed in
      try AGNetOptimizer(domain: domain, generator: generator, configuration: configuration, seed: seed)
    }
  }
}
