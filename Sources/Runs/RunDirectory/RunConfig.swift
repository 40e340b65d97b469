import Methods
import SearchSpaces

/// Everything needed to re-run a search, as `config.json` stores it. A run directory belongs to one
/// config: a restart whose results would differ is refused (see `differences`).
public struct RunConfig: Codable, Equatable, Sendable {
  public var version: String
  public var method: String
  /// The name of a variant in a comparison (`wo-lso` for `wo-lso=agnet:weighting=uniform`): its
  /// directory, and its row in reports. Absent from the file when the run is the method itself.
  public var label: String?
  public var hyperparameters: Hyperparameters
  /// The benchmark and dataset as given on the command line (`nasbench201`, `cifar10`).
  public var benchmark: String
  public var dataset: String
  public var table: TableIdentity
  public var settings: TrialSettings
  /// Trial `t` uses seed `seed + t`.
  public var seed: UInt64
  public var trials: Int
  /// The part of the trials this directory runs (`--shard i/n`); nil: all. Absent from the file
  /// when nil.
  public var shard: TrialShard?

  public init(method: String, hyperparameters: Hyperparameters, benchmark: String, dataset: String,
              table: TableIdentity, settings: TrialSettings, seed: UInt64, trials: Int, shard: TrialShard? = nil,
              label: String? = nil, version: String = AGNetVersion.current) {
    self.version = version
    self.method = method
    self.label = label
    self.hyperparameters = hyperparameters
    self.benchmark = benchmark
    self.dataset = dataset
    self.table = table
    self.settings = settings
    self.seed = seed
    self.trials = trials
    self.shard = shard
  }

  /// More trials than anyone runs; a typo beyond it allocated gigabytes and aborted.
  public static let maxTrials = 100_000

  public func validate() throws {
    try settings.validate()
    guard trials >= 1 else { throw InputError("the number of trials must be at least 1 (got \(trials))") }
    guard trials <= RunConfig.maxTrials else { throw UsageError("--trials \(trials) is more than \(RunConfig.maxTrials)") }
    // The last trial's seed, seed + trials - 1, must fit.
    guard seed <= UInt64.max - UInt64(trials - 1) else {
      throw UsageError("--seed \(seed) is too large for \(trials) trials (trial t uses seed + t, at most \(UInt64.max))")
    }
    if let shard {
      guard shard.count >= 1, (0..<shard.count).contains(shard.index) else { throw InputError("invalid shard \(shard)") }
      guard !trialIndices.isEmpty else { throw InputError("shard \(shard) of \(trials) trials has no trial") }
    }
  }

  /// What reports and progress call the run: its label, else its method.
  public var name: String { label ?? method }

  /// The trials this directory runs: all, or its shard's.
  public var trialIndices: [Int] { (0..<trials).filter { shard?.contains(trial: $0) ?? true } }

  public func trialSeed(_ trial: Int) -> UInt64 { seed + UInt64(trial) }

  /// Whether `self` grows the stored run `other`: a larger budget or more trials, nothing else
  /// changed and nothing smaller. A grown run keeps its trial files and continues them.
  public func grows(_ other: RunConfig, registry: MethodRegistry = .standard) -> Bool {
    let growable: Set = ["settings.budget", "trials"]
    let differences = differences(from: other, registry: registry)
    return !differences.isEmpty && Set(differences).isSubset(of: growable)
      && settings.budget >= other.settings.budget && trials >= other.trials
  }

  /// Names of the top-level fields in which `other` differs in a way that changes results
  /// (hyperparameters by name). The version is not one: a run made by another build continues
  /// when it would search the same. Hyperparameters of a method of `registry` are compared as
  /// its settings (see `SearchMethod.settingDifferences`): `self` is the config this build
  /// writes, `other` the stored one.
  public func differences(from other: RunConfig, registry: MethodRegistry = .standard) -> [String] {
    var fields: [String] = []
    func check<T: Equatable>(_ name: String, _ a: T, _ b: T) { if a != b { fields.append(name) } }
    check("method", method, other.method)
    check("label", label, other.label)
    let names: [String]
    if let known = try? registry.method(named: method) {
      names = known.settingDifferences(hyperparameters, from: other.hyperparameters)
    } else {
      names = Set(hyperparameters.values.keys).union(other.hyperparameters.values.keys).sorted()
        .filter { hyperparameters.values[$0] != other.hyperparameters.values[$0] }
    }
    fields += names.map { "hyperparameters.\($0)" }
    check("benchmark", benchmark, other.benchmark)
    check("dataset", dataset, other.dataset)
    check("table", table, other.table)
    check("settings.budget", settings.budget, other.settings.budget)
    check("settings.batch_size", settings.batchSize, other.settings.batchSize)
    check("settings.report_every", settings.reportEvery, other.settings.reportEvery)
    check("settings.costs", settings.costs, other.settings.costs)
    check("settings.objective", settings.objective, other.settings.objective)
    check("seed", seed, other.seed)
    check("trials", trials, other.trials)
    check("shard", shard, other.shard)
    return fields
  }
}
