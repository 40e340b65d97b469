import Foundation
import Optimization
import SearchSpaces

/// A search method the runner can build by name: AG-Net, BANANAS and the baselines each provide
/// one, listed in `MethodRegistry`. The method turns resolved hyperparameters into one optimizer
/// per trial; everything else (queries, files, resume, reports) is the runner's.
public protocol SearchMethod: Sendable {
  /// The method's settings: one value type declaring each setting once.
  associatedtype Settings: MethodSettings
  /// The name on the command line and in files: `rs`, `re`, `ls`, `agnet`.
  var name: String { get }
  /// One line for `--help` and reports.
  var summary: String { get }
  /// Cells per ask unless the user says otherwise (1 for sequential methods).
  var defaultBatchSize: Int { get }
  /// Which queried cell a trial reports (default: the best search metric).
  var reportRule: ReportRule { get }

  /// Called once per run before any trial: validates the hyperparameters and does the work shared
  /// by all trials (e.g. loading a pretrained generator). The returned factory is called once per
  /// trial, possibly from several threads at once.
  func prepare<Space: SearchSpace>(_ setup: MethodSetup<Space>) throws -> PreparedMethod<Space>
}

/// What a method may know when it prepares a run. No benchmark metrics: only the domain.
public struct MethodSetup<Space: SearchSpace>: Sendable {
  /// The cells the benchmark can score.
  public var domain: SearchDomain<Space>
  public var hyperparameters: Hyperparameters
  /// Cost columns told with each evaluation (hardware-aware search), in order.
  public var costNames: [String]
  /// The hardware-aware objective of the run, if any (methods unaware of costs ignore it: the
  /// runner judges their queries by it all the same).
  public var objective: CostObjective?
  /// The run directory, for files a method keeps for the run (e.g. a pretrained generator);
  /// names must not start with `trial-`, `config`, `summary` or `timing`.
  public var runDirectory: URL?

  public init(domain: SearchDomain<Space>, hyperparameters: Hyperparameters, costNames: [String] = [],
              objective: CostObjective? = nil, runDirectory: URL? = nil) {
    self.domain = domain
    self.hyperparameters = hyperparameters
    self.costNames = costNames
    self.objective = objective
    self.runDirectory = runDirectory
  }
}

/// A method ready to run trials.
public struct PreparedMethod<Space: SearchSpace>: Sendable {
  /// A fresh optimizer for the trial with this seed (the run's seed + the trial index).
  public let makeOptimizer: @Sendable (_ trialSeed: UInt64) throws -> any Optimizer<Space>

  public init(makeOptimizer: @escaping @Sendable (_ trialSeed: UInt64) throws -> any Optimizer<Space>) {
    self.makeOptimizer = makeOptimizer
  }
}

extension SearchMethod {
  public var reportRule: ReportRule { .bestValue }

  /// The names of the method's settings on any space (what `--param` may name).
  public var parameterNames: [String] { Settings.settings.map(\.name) }

  /// The `hyperparameters` of a run on `space`: the defaults with `overrides` ("name" → text)
  /// applied. Throws `UsageError` for an unknown name, a setting the space does not use, or a
  /// value the setting does not accept.
  public func resolve(_ overrides: [String: String], space: String) throws -> Hyperparameters {
    try Settings.resolve(overrides, space: space, method: name).hyperparameters(space: space)
  }

  /// The settings of the run `setup` prepares, read from its stored hyperparameters.
  public func settings<Space: SearchSpace>(_ setup: MethodSetup<Space>) throws -> Settings {
    try Settings(stored: setup.hyperparameters, space: setup.domain.space.name)
  }

  /// Hyperparameters by name whose values differ in a way that changes the results: `new` is
  /// what this build stores for the run, `old` what its `config.json` holds.
  public func settingDifferences(_ new: Hyperparameters, from old: Hyperparameters) -> [String] {
    Settings.differences(new, from: old)
  }

  /// `name: summary [setting=default, ...]` for help texts; with `space`, the settings a run on
  /// it uses.
  public func helpLine(space: String? = nil) -> String {
    let defaults = Settings.defaultsText(space: space)
    return "\(name): \(summary)" + (defaults.isEmpty ? "" : " [\(defaults.joined(separator: ", "))]")
  }

  /// One line per setting a run on `space` uses (all when nil), `name=default: what it does`, for
  /// a help text about this method alone.
  public func settingsHelp(space: String? = nil) -> [String] {
    (space.map(Settings.settings(forSpace:)) ?? Settings.settings).map { "\($0.name)=\($0.text(Settings.defaults)): \($0.help)" }
  }

  /// Prepares the method for a new run before its directory is written, so that values it refuses
  /// (a parameter out of range, agnet-hw without a cost objective) are refused first, and returns
  /// the prepared method, so that a run prepares once. The files the method keeps for the run go
  /// to `staging` (nil: nowhere), for the caller to move into the run directory once it exists.
  /// Errors that name no file are about the command line and become `UsageError`s; those naming
  /// a file (a generator checkpoint) stay `InputError`s.
  @discardableResult
  public func check<Space: SearchSpace>(_ setup: MethodSetup<Space>, staging: URL? = nil) throws -> PreparedMethod<Space> {
    var dry = setup
    dry.runDirectory = staging
    do { return try prepare(dry) } catch let error as InputError where error.file == nil { throw UsageError(error.message) }
  }
}
