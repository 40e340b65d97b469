import Foundation
import SearchSpaces

/// The files of one search run (one method on one table), the same for every method:
///
///     DIR/config.json         what was run (RunConfig); a restart must match it
///     DIR/trial-<t>.json      a finished trial (TrialResult): queries, trajectory
///     DIR/trial-<t>.state     an unfinished trial (TrialCheckpoint), removed when it finishes
///     DIR/timing.json         wall-clock seconds per finished trial (TimingLog)
///     DIR/summary.json        statistics over trials (RunSummary)
///     DIR/summary.md          the same as a table for people
///
/// While a run is open the directory is locked (`DIR/.lock`, flock), so two processes never
/// write the same run.
public final class RunDirectory: @unchecked Sendable {
  public let url: URL
  private var lockDescriptor: Int32 = -1
  private let timingLock = NSLock()

  public init(_ url: URL) { self.url = url.standardizedFileURL }

  deinit { close() }

  public var configURL: URL { url.appendingPathComponent("config.json") }
  public var timingURL: URL { url.appendingPathComponent("timing.json") }
  public var summaryJSONURL: URL { url.appendingPathComponent("summary.json") }
  public var summaryMarkdownURL: URL { url.appendingPathComponent("summary.md") }
  /// Hardware-aware runs only.
  public var paretoFigureURL: URL { url.appendingPathComponent("pareto.svg") }
  public func trialURL(_ trial: Int) -> URL { url.appendingPathComponent("trial-\(trial).json") }
  public func stateURL(_ trial: Int) -> URL { url.appendingPathComponent("trial-\(trial).state") }

  /// Creates or reopens the directory for `config`: takes the lock, removes temporary files a
  /// killed run left, and writes `config.json` or checks that the existing one is the same.
  /// `kind`: the kind of run the caller makes; a directory of another kind is refused untouched.
  /// `wait`: wait for another process's lock instead of failing (ask/tell calls take turns).
  public func open(for config: RunConfig, as kind: RunKind, wait: Bool = false) throws {
    try kind.check(url)
    try FileSystem.createDirectory(url)
    let hasConfig = holdsConfig
    // A run killed while writing its config leaves only the lock and a temporary file.
    let others = try FileSystem.contents(of: url)
      .filter { $0 != ".lock" && !AtomicFile.isTemporary($0) }
    if !hasConfig && !others.isEmpty {
      throw InputError("not a run directory: it holds files but no config.json (e.g. \(others.sorted()[0])); "
        + "use a new or empty directory", file: url.path)
    }
    let growing = try hasConfig && config.grows(storedConfig())
    do { try lock(wait: wait) } catch let error as InputError where growing {
      throw InputError("\(error.message): a run cannot be grown while another process writes it; wait until it stops",
                       file: error.file)
    }
    try AtomicFile.removeLeftovers(in: url)
    if hasConfig {
      do {
        try checkExisting(config)
        if try config.grows(storedConfig()) { try grow(to: config, as: kind) }
      } catch {
        close()
        throw error
      }
    } else {
      try JSONFiles.write(config, to: configURL)
    }
  }

  /// Refuses `config` when the directory holds a run with another one; a config that grows the
  /// run (`RunConfig.grows`) is accepted.
  public func checkExisting(_ config: RunConfig) throws {
    guard holdsConfig else { return }
    let stored = try storedConfig()
    let differences = config.differences(from: stored)
    guard differences.isEmpty || config.grows(stored) else {
      throw InputError("this directory holds a run with a different configuration (differs in: "
        + "\(differences.joined(separator: ", "))); use another --output, or delete it to start over",
        file: url.path)
    }
  }

  private func storedConfig() throws -> RunConfig { try JSONFiles.read(RunConfig.self, from: configURL) }

  /// Makes the run one of `config`'s larger budget or more trials (under the lock): the new config
  /// replaces the old, the summaries of the smaller run go. Trials finished with fewer queries
  /// than the new budget are continued by the run (`SearchRun.runTrial` replays them first).
  private func grow(to config: RunConfig, as kind: RunKind) throws {
    let stored = try storedConfig()
    if kind == .askTell, config.settings.budget != stored.settings.budget {
      throw UsageError("an ask/tell run grows by --trials only; its budget stays \(stored.settings.budget) "
        + "(start a new run for a larger one)")
    }
    try JSONFiles.write(config, to: configURL)
    for file in [summaryJSONURL, summaryMarkdownURL, paretoFigureURL] { try? FileManager.default.removeItem(at: file) }
  }

  /// Whether the run exists (a new run checks its inputs before it writes anything).
  public var holdsConfig: Bool { FileManager.default.fileExists(atPath: configURL.path) }

  /// Releases the lock.
  public func close() {
    if lockDescriptor >= 0 {
      Foundation.close(lockDescriptor)
      lockDescriptor = -1
    }
  }

  private func lock(wait: Bool) throws {
    guard lockDescriptor < 0 else { return }
    let path = url.appendingPathComponent(".lock").path
    let descriptor = Foundation.open(path, O_CREAT | O_RDWR, 0o644)
    guard descriptor >= 0 else { throw InputError("cannot create the lock file", file: path) }
    var status: Int32
    repeat { status = flock(descriptor, wait ? LOCK_EX : LOCK_EX | LOCK_NB) } while status != 0 && errno == EINTR
    guard status == 0 else {
      Foundation.close(descriptor)
      throw InputError("another agnet process is running in this directory", file: url.path)
    }
    lockDescriptor = descriptor
  }

  public func hasResult(ofTrial trial: Int) -> Bool { FileManager.default.fileExists(atPath: trialURL(trial).path) }

  public func readResult<Cell: Codable & Hashable & Sendable>(ofTrial trial: Int, as: Cell.Type = Cell.self) throws -> TrialResult<Cell> {
    try JSONFiles.read(TrialResult<Cell>.self, from: trialURL(trial))
  }

  public func readCheckpoint(ofTrial trial: Int) throws -> TrialCheckpoint? {
    let file = stateURL(trial)
    guard FileManager.default.fileExists(atPath: file.path) else { return nil }
    let data: Data
    do { data = try Data(contentsOf: file) } catch { throw InputError("cannot read the file", file: file.path) }
    return try TrialCheckpoint(decoding: data, file: file.path)
  }

  public func writeCheckpoint(_ checkpoint: TrialCheckpoint, ofTrial trial: Int) throws {
    try AtomicFile.write(checkpoint.encoded(), to: stateURL(trial))
  }

  /// Writes a finished trial: its result, then its time, then removes its state file. A kill between
  /// the steps leaves a state that a restart completes.
  public func finishTrial<Cell: Codable & Hashable & Sendable>(_ result: TrialResult<Cell>, wallSeconds: Double) throws {
    try JSONFiles.write(result, to: trialURL(result.trial))
    try recordTime(trial: result.trial, wallSeconds: wallSeconds)
    try? FileManager.default.removeItem(at: stateURL(result.trial))
  }

  /// Records the time of a trial finished by a session killed before it could (its state file
  /// still says how long it ran); drops the state file.
  public func settleFinishedTrial(_ trial: Int) throws {
    if try readTiming().seconds(ofTrial: trial) == nil, let checkpoint = try readCheckpoint(ofTrial: trial) {
      try recordTime(trial: trial, wallSeconds: checkpoint.elapsedSeconds)
    }
    try? FileManager.default.removeItem(at: stateURL(trial))
  }

  public func readTiming() throws -> TimingLog {
    guard FileManager.default.fileExists(atPath: timingURL.path) else { return TimingLog() }
    return try JSONFiles.read(TimingLog.self, from: timingURL)
  }

  private func recordTime(trial: Int, wallSeconds: Double) throws {
    timingLock.lock()
    defer { timingLock.unlock() }
    var log = try readTiming()
    log.record(trial: trial, wallSeconds: wallSeconds)
    try JSONFiles.write(log, to: timingURL)
  }
}

extension RunDirectory {
  /// Writes `summary.json`, `summary.md` and, with a cost objective, `pareto.svg` of finished
  /// trials. `judge` holds the table the trials were measured on; without one (ask/tell runs on
  /// the user's own evaluations) the best cell any trial found stands in for the optimum.
  @discardableResult
  package func writeSummary<Space: SearchSpace>(config: RunConfig, space: Space, results: [TrialResult<Space.Cell>],
                                        judge: TrialRunner<Space>?) throws -> RunSummary {
    var results = results
    let optimum: OptimumSummary
    if let judge {
      let cell = judge.optimum.bestBySearch[0].cell
      let cost = try config.settings.objective.flatMap { try judge.benchmark.value($0.column, of: cell) }
      optimum = OptimumSummary(judge.optimum, space: space, cost: cost)
    } else {
      optimum = OptimumSummary(bestOf: results, space: space)
      // The trial files, written before all trials ended, could not know this optimum.
      for index in results.indices {
        results[index].queriesToBestValid = results[index].queries.firstIndex { $0.value >= optimum.bestValid }.map { $0 + 1 }
      }
    }
    let summary = RunSummary(config: config, optimum: optimum, results: results, timing: try readTiming(),
                             table: judge?.tableFront)
    try JSONFiles.write(summary, to: summaryJSONURL)
    try AtomicFile.write(Data(SummaryMarkdown(summary: summary, config: config).text.utf8), to: summaryMarkdownURL)
    if let judge, let figure = try ParetoFigure(config: config, judge: judge, firstTrials: Array(results.prefix(1))) {
      try AtomicFile.write(Data(figure.svg.utf8), to: paretoFigureURL)
    }
    return summary
  }
}
