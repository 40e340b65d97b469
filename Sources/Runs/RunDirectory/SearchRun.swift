import Benchmarks
import Foundation
import Methods
import Optimization
import SearchSpaces

/// One method run for a number of trials on one table, in one run directory: creates or continues
/// the directory, runs the unfinished trials (each resumable after every round), and writes the
/// summary. Trials are independent, so running them in any order or in parallel gives the same
/// files.
///
///     let run = try SearchRun(benchmark: table, benchmarkName: "nasbench201", dataset: "cifar10",
///                             method: RegularizedEvolutionMethod(), parameters: [:], seed: 0,
///                             trials: 10, directory: url)
///     let summary = try run.execute(jobs: 2)
public final class SearchRun<Space: SearchSpace>: @unchecked Sendable {
  public let config: RunConfig
  public let directory: RunDirectory
  public let method: any SearchMethod
  public let runner: TrialRunner<Space>
  /// Prepared once per run: by `init` for a new run (the files the method keeps for the run wait
  /// in `staging` until `open` has written the directory), else by `open`.
  private var prepared: PreparedMethod<Space>?
  private var staging: URL?

  /// - Parameters:
  ///   - parameters: hyperparameter overrides by name (text, as on the command line).
  ///   - settings: nil for the defaults (budget 320, the method's batch size, reports every 16).
  ///   - label: a comparison variant's name (`RunConfig.label`).
  public init(benchmark: TabularBenchmark<Space>, benchmarkName: String, dataset: String, method: any SearchMethod,
              parameters: [String: String] = [:], settings: TrialSettings? = nil, seed: UInt64 = 0, trials: Int,
              shard: TrialShard? = nil, label: String? = nil, directory: URL) throws {
    let settings = settings ?? TrialSettings(batchSize: method.defaultBatchSize)
    let hyperparameters = try method.resolve(parameters, space: benchmark.space.name)
    config = RunConfig(method: method.name, hyperparameters: hyperparameters, benchmark: benchmarkName,
                       dataset: dataset, table: TableIdentity(benchmark), settings: settings, seed: seed,
                       trials: trials, shard: shard, label: label)
    try config.validate()
    self.method = method
    self.directory = RunDirectory(directory)
    runner = try TrialRunner(benchmark: benchmark, settings: settings)
    // An existing run's method was checked when the run was created.
    guard !self.directory.holdsConfig else { return }
    let staging = FileManager.default.temporaryDirectory.appendingPathComponent("agnet-run-\(UUID().uuidString)")
    try FileSystem.createDirectory(staging)
    self.staging = staging
    prepared = try method.check(methodSetup, staging: staging)
  }

  deinit { discardStaging() }

  private func discardStaging() {
    if let staging { try? FileManager.default.removeItem(at: staging) }
    staging = nil
  }

  private var methodSetup: MethodSetup<Space> {
    MethodSetup(domain: SearchDomain(space: benchmark.space, members: benchmark.cells),
                hyperparameters: config.hyperparameters, costNames: config.settings.costs,
                objective: config.settings.objective, runDirectory: directory.url)
  }

  public var benchmark: TabularBenchmark<Space> { runner.benchmark }

  /// Takes the directory (lock, config check), prepares the method, and settles trials that a killed
  /// session finished without recording their time.
  public func open() throws {
    let isNew = !directory.holdsConfig
    try directory.open(for: config, as: .search)
    if isNew, let staging {
      for name in try FileSystem.contents(of: staging) {
        let file = staging.appendingPathComponent(name)
        let data: Data
        do { data = try Data(contentsOf: file) } catch { throw InputError("cannot read the file", file: file.path) }
        try AtomicFile.write(data, to: directory.url.appendingPathComponent(name))
      }
    } else if staging != nil {
      prepared = nil // another process created the run meanwhile: prepare from its files
    }
    discardStaging()
    if prepared == nil { prepared = try method.prepare(methodSetup) }
    for trial in config.trialIndices where try isFinished(trial) {
      try directory.settleFinishedTrial(trial)
    }
  }

  /// Trials (of the shard) without a result file yet, or with one of fewer queries than the
  /// budget of a grown run, in order.
  public var unfinishedTrials: [Int] {
    get throws { try config.trialIndices.filter { try !isFinished($0) } }
  }

  /// Whether the trial's file holds its whole budget. A trial that stopped short because its
  /// domain ran out counts as unfinished too; continuing it asks once more and ends the same.
  private func isFinished(_ trial: Int) throws -> Bool {
    guard directory.hasResult(ofTrial: trial) else { return false }
    return try directory.readResult(ofTrial: trial, as: Space.Cell.self).queries.count >= config.settings.budget
  }

  /// The unfinished trials as jobs for a `TrialScheduler` (after `open`).
  public func jobs(status: (@Sendable (TrialStatus) -> Void)? = nil) throws -> [TrialJob] {
    try unfinishedTrials.map { trial in
      TrialJob(method: config.name, trial: trial) { [self] in try runTrial(trial, status: status) }
    }
  }

  /// Runs (or continues) one trial and writes its result (after `open`).
  public func runTrial(_ trial: Int, status: (@Sendable (TrialStatus) -> Void)? = nil) throws {
    guard let prepared else { preconditionFailure("open the run before running trials") }
    let seed = config.trialSeed(trial)
    let optimizer = try prepared.makeOptimizer(seed)
    var previousSeconds = 0.0
    var resuming: TrialProgress<Space.Cell>?
    if let checkpoint = try directory.readCheckpoint(ofTrial: trial) {
      let stateFile = directory.stateURL(trial).path
      guard checkpoint.progress.trial == trial, checkpoint.progress.seed == seed else {
        throw InputError("the saved state is of another trial; delete it to restart this trial", file: stateFile)
      }
      do {
        resuming = try runner.expand(checkpoint.progress)
        try optimizer.restoreState(checkpoint.optimizerState)
      } catch let error as InputError {
        throw InputError("\(error.message); delete the file to restart this trial", file: stateFile)
      }
      previousSeconds = checkpoint.elapsedSeconds
    } else if directory.hasResult(ofTrial: trial) {
      // A grown run: the trial finished with the smaller budget. Asking the method again and
      // telling it the recorded results restores the state it ended in (the file kept no state).
      let finished = try directory.readResult(ofTrial: trial, as: Space.Cell.self)
      let progress = TrialProgress(trial: trial, seed: seed, queries: finished.queries, rounds: finished.rounds)
      try runner.replay(progress, into: optimizer, method: config.name)
      resuming = progress
      previousSeconds = try directory.readTiming().seconds(ofTrial: trial) ?? 0
    }
    let clock = ContinuousClock()
    let start = clock.now
    func elapsed() -> Double {
      let duration = clock.now - start
      return previousSeconds + Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }
    let budget = config.settings.budget
    let method = config.name
    let rule = self.method.reportRule
    // What the trial would report now, for observers only (computing it changes nothing).
    func report(_ progress: TrialProgress<Space.Cell>) {
      guard let status else { return }
      let best = runner.result(of: progress, method: method, rule: rule).best
      status(TrialStatus(method: method, trial: trial, queries: progress.queries.count, budget: budget,
                         bestValid: progress.bestValid, finished: false, seed: seed,
                         best: best.map { RunEvent.best($0, trial: trial) } ?? .null))
    }
    report(resuming ?? TrialProgress(trial: trial, seed: seed))
    let result = try runner.run(
      optimizer, method: method, trial: trial, seed: seed, rule: rule, resuming: resuming,
      checkpoint: { [directory, runner] progress, state in
        try directory.writeCheckpoint(
          TrialCheckpoint(progress: runner.compact(progress), elapsedSeconds: elapsed(), optimizerState: state),
          ofTrial: trial)
      },
      observe: report)
    try directory.finishTrial(result, wallSeconds: elapsed())
    status?(TrialStatus(method: method, trial: trial, queries: result.queries.count, budget: budget,
                        bestValid: result.best?.valid, finished: true, seed: seed,
                        best: result.best.map { RunEvent.best($0, trial: trial) } ?? .null,
                        queriesToBestValid: result.queriesToBestValid, file: directory.trialURL(trial).path))
  }

  /// Reads every trial's result, writes `summary.json` and `summary.md`, releases the directory.
  @discardableResult
  public func finish() throws -> RunSummary {
    defer { directory.close() }
    let missing = try unfinishedTrials
    guard missing.isEmpty else {
      throw InputError("trials \(missing.map(String.init).joined(separator: ", ")) have not finished",
                       file: directory.url.path)
    }
    let results = try config.trialIndices.map { try directory.readResult(ofTrial: $0, as: Space.Cell.self) }
    return try directory.writeSummary(config: config, space: benchmark.space, results: results, judge: runner)
  }

  /// The `run_finished` event of a finished run: its summary file and the best reported cell over
  /// its trials (the highest value; the first trial among equals).
  public func runFinishedEvent() throws -> RunEvent {
    var best: (trial: Int, cell: BestCell<Space.Cell>)?
    for trial in config.trialIndices {
      guard let cell = try directory.readResult(ofTrial: trial, as: Space.Cell.self).best else { continue }
      if best.map({ cell.valid > $0.cell.valid }) ?? true { best = (trial, cell) }
    }
    var fields: [String: JSONValue] = [:]
    fields["run"] = .string(directory.url.path)
    fields["method"] = .string(config.name)
    fields["trials"] = .int(config.trialIndices.count)
    fields["summary"] = .string(directory.summaryJSONURL.path)
    fields["best"] = best.map { RunEvent.best($0.cell, trial: $0.trial) } ?? .null
    return RunEvent("run_finished", fields)
  }

  /// Opens, runs every unfinished trial on `jobs` threads, and finishes.
  @discardableResult
  public func execute(jobs: Int = 1, observer: RunObserver? = nil) throws -> RunSummary {
    try open()
    do {
      let pending = try self.jobs(status: observer?.statusHandler)
      observer?.willRun(trials: pending.count)
      try TrialScheduler.run(pending, workers: jobs)
    } catch {
      directory.close()
      throw error
    }
    return try finish()
  }
}

/// Follows a run (progress displays). Called from the threads that run trials.
public protocol RunObserver: AnyObject, Sendable {
  /// Before the first trial: how many trials this session runs (those not finished before).
  func willRun(trials: Int)
  /// After each round of a trial, and when it finishes.
  func update(_ status: TrialStatus)
}

extension RunObserver {
  /// `update` as a closure the trial threads can share.
  package var statusHandler: @Sendable (TrialStatus) -> Void { { [self] status in update(status) } }
}

/// Where a trial stands, for progress displays and events.
public struct TrialStatus: Sendable, Equatable {
  public var method: String
  public var trial: Int
  public var queries: Int
  public var budget: Int
  public var bestValid: Double?
  public var finished: Bool
  public var seed: UInt64
  /// The cell the trial would report now, as an event's `best` object (null before a result).
  public var best: JSONValue
  /// Finished trials: queries to the table optimum's value, and the trial file.
  public var queriesToBestValid: Int?
  public var file: String?

  public init(method: String, trial: Int, queries: Int, budget: Int, bestValid: Double?, finished: Bool,
              seed: UInt64 = 0, best: JSONValue = .null, queriesToBestValid: Int? = nil, file: String? = nil) {
    self.method = method
    self.trial = trial
    self.queries = queries
    self.budget = budget
    self.bestValid = bestValid
    self.finished = finished
    self.seed = seed
    self.best = best
    self.queriesToBestValid = queriesToBestValid
    self.file = file
  }
}
