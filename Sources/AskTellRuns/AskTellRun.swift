import Benchmarks
import Foundation
import Methods
import Optimization
import Runs
import SearchSpaces

/// A search driven by the user's own evaluations: `ask` hands out cells, `tell` takes their
/// results, in any number of calls from any processes. The run directory is the whole state:
///
///     DIR/config.json          the run (RunConfig), as `agnet search` writes it
///     DIR/asktell.json         space, reference table, failure policy (AskTellConfig)
///     DIR/trial-<t>.asktell    an unfinished trial (AskTellState): progress, pending batch, journal
///     DIR/trial-<t>.json       a finished trial (TrialResult), the same format as `agnet search`
///     DIR/timing.json, summary.json, summary.md   as for `agnet search`
///     DIR/table.snapshot       the reference table as loaded (TableSnapshot), while its files are unchanged
///
/// Every call takes the directory's lock (waiting for other processes) and rewrites files
/// atomically, so a kill at any moment loses at most the call in flight, and the proposals depend
/// only on the seed and the told values: the same answers give the same trial files as an
/// uninterrupted run (and, with a reference table, as `agnet search` on that table).
///
/// A failed evaluation is told to the method as `failure_value`, or by default as the lowest value
/// of the trial told so far (0 before any), so the method steers away from it; it counts in the
/// budget, is recorded with that value in the trial file, and its round has a
/// `failed_evaluations` statistic.
public final class AskTellRun<Space: SearchSpace>: AskTellSession {
  public let config: RunConfig
  public let askTell: AskTellConfig
  public let directory: RunDirectory
  public let space: Space
  /// The reference table, when the run has one, as `agnet search` judges it: its cells are the
  /// domain (with a cost objective, those that have the cost), its optimum (within the bound)
  /// is measured, and its front scores hypervolumes.
  let judge: TrialRunner<Space>?
  let method: any SearchMethod
  private var prepared: PreparedMethod<Space>?
  /// The file lock keeps other processes out; this keeps this process's threads taking turns.
  private let callLock = NSLock()

  static var snapshotFileName: String { "table.snapshot" }

  /// Creates the run directory (`agnet init`): writes `config.json` and `asktell.json`, or checks
  /// that an existing run has the same configuration.
  @discardableResult
  public static func create(directory url: URL, space: Space, reference: (table: TabularBenchmark<Space>, description: ReferenceTable)?,
                            method: any SearchMethod, parameters: [String: String] = [:], settings: TrialSettings? = nil,
                            seed: UInt64 = 0, trials: Int = 1, failureValue: Double? = nil, spaceFile: String? = nil) throws -> AskTellRun {
    let settings = settings ?? TrialSettings(batchSize: method.defaultBatchSize)
    let hyperparameters = try method.resolve(parameters, space: space.name)
    let identity = reference.map { TableIdentity($0.table) } ?? TableIdentity(ownEvaluationsOf: space)
    if let reference {
      guard reference.table.space.name == space.name else {
        throw InputError("the reference table \(reference.table.name) is of \(reference.table.space.name), not \(space.name)")
      }
      try reference.table.requireCostColumns(settings.costs)
    }
    if let failureValue, !MeasuredValue.isAccepted(failureValue) {
      throw UsageError("--failure-value \(failureValue) is out of range (\(MeasuredValue.rangeText))")
    }
    if reference == nil, let cells = space.distinctCellCount, settings.budget > cells {
      throw UsageError("--budget \(settings.budget) is more than the \(cells) cells of \(space.name)")
    }
    let config = RunConfig(method: method.name, hyperparameters: hyperparameters,
                           benchmark: reference?.description.benchmark ?? space.name,
                           dataset: reference?.description.dataset ?? reference?.table.source ?? "own evaluations",
                           table: identity, settings: settings, seed: seed, trials: trials)
    try config.validate()
    let askTell = AskTellConfig(space: space.name, spaceFile: spaceFile, reference: reference?.description, failureValue: failureValue)
    let run = try AskTellRun(config: config, askTell: askTell, directory: RunDirectory(url), space: space,
                             reference: reference?.table, method: method)
    // An existing run's method was checked when the run was created.
    if !run.directory.holdsConfig { try method.check(run.methodSetup) }
    do {
      try run.directory.open(for: config, as: .askTell, wait: true)
    } catch let error as InputError {
      // The directory's own message names `agnet search`'s flag.
      throw InputError(error.message.replacingOccurrences(of: "--output", with: "--run"), file: error.file, line: error.line)
    }
    defer { run.directory.close() }
    let file = run.directory.url.appendingPathComponent(RunKind.askTellFileName)
    if FileManager.default.fileExists(atPath: file.path) {
      guard try JSONFiles.read(AskTellConfig.self, from: file) == askTell else {
        throw InputError("this directory holds an ask/tell run with a different space (or space file), reference table or failure "
          + "value; use another --run, or delete it to start over", file: run.directory.url.path)
      }
    } else {
      try JSONFiles.write(askTell, to: file)
    }
    return run
  }

  /// Opens an existing run (`agnet ask`/`tell`/`evaluate`); `reference` is the table its
  /// `asktell.json` names, loaded by the caller.
  public convenience init(directory url: URL, space: Space, reference: TabularBenchmark<Space>?,
                          registry: MethodRegistry = .standard) throws {
    let directory = RunDirectory(url)
    let (config, askTell) = try AskTellRun.readConfiguration(of: directory.url)
    guard askTell.space == space.name else {
      throw InputError("the run is of \(askTell.space), not \(space.name)", file: directory.url.path)
    }
    if let reference, TableIdentity(reference) != config.table {
      throw InputError("the reference table \(reference.name) is not the one this run was created with",
                       file: directory.url.path)
    }
    guard (reference == nil) == (askTell.reference == nil) else {
      throw InputError("the run's reference table was not loaded", file: directory.url.path)
    }
    try self.init(config: config, askTell: askTell, directory: directory, space: space, reference: reference,
                  method: try registry.method(named: config.method))
  }

  private init(config: RunConfig, askTell: AskTellConfig, directory: RunDirectory, space: Space,
               reference: TabularBenchmark<Space>?, method: any SearchMethod) throws {
    self.config = config
    self.askTell = askTell
    self.directory = directory
    self.space = space
    judge = try reference.map { try TrialRunner(benchmark: $0, settings: config.settings) }
    self.method = method
  }

  /// `config.json` and `asktell.json` of a run directory; a clear error when it is not one.
  static func readConfiguration(of url: URL) throws -> (RunConfig, AskTellConfig) {
    try RunKind.askTell.check(url)
    let configURL = url.appendingPathComponent("config.json")
    let askTellURL = url.appendingPathComponent(RunKind.askTellFileName)
    guard FileManager.default.fileExists(atPath: askTellURL.path),
          FileManager.default.fileExists(atPath: configURL.path) else {
      throw InputError("not an ask/tell run directory (no config.json and asktell.json); create it with agnet init",
                       file: url.path)
    }
    return (try JSONFiles.read(RunConfig.self, from: configURL), try JSONFiles.read(AskTellConfig.self, from: askTellURL))
  }

  // MARK: ask

  /// The next cells to evaluate, at most `count`, trial by trial: the untold cells of each
  /// trial's pending batch (asking the method for a new batch when none is pending). Asking again
  /// before telling returns the same cells. `claim`: only cells no earlier claiming ask returned,
  /// and mark them (parallel workers that must not evaluate the same cell).
  public func ask(count: Int, claim: Bool = false) throws -> [ProposedCell] {
    guard count >= 1 else { throw InputError("the number of cells to ask for must be at least 1 (got \(count))") }
    return try locked {
      var proposals: [ProposedCell] = []
      for trial in 0..<config.trials where proposals.count < count && !directory.hasResult(ofTrial: trial) {
        var state = try loadState(trial)
        var changed = false
        if state.pending == nil {
          guard try startBatch(&state) else { continue } // the trial finished: the domain ran out
          changed = true
        }
        var pending = state.pending!
        for (index, cell) in pending.cells.enumerated() where pending.told[index] == nil && proposals.count < count {
          if claim {
            if pending.claimed[index] { continue }
            pending.claimed[index] = true
            changed = true
          }
          proposals.append(ProposedCell(trial: trial, query: state.progress.queries.count + index, cell: cell, space: space))
        }
        state.pending = pending
        if changed { try save(state) }
      }
      try writeSummaryIfFinished()
      return proposals
    }
  }

  /// Asks the method for the trial's next batch and keeps its state after the ask; false when it
  /// has nothing left (the trial is then finished).
  private func startBatch(_ state: inout AskTellState<Space.Cell>) throws -> Bool {
    let optimizer = try makeOptimizer(state)
    let cells = try askMethod(optimizer, state)
    guard !cells.isEmpty else {
      try finish(state)
      return false
    }
    var queried = Set(state.progress.queries.map(\.cell))
    for cell in cells {
      guard queried.insert(cell).inserted else {
        throw InputError("method \(config.method) proposed \(space.format(cell)) again (trial \(state.progress.trial))")
      }
      guard judge?.benchmark.contains(cell) ?? true else {
        throw InputError("method \(config.method) proposed \(space.format(cell)), which is not in the reference table")
      }
    }
    state.pending = PendingBatch(round: state.progress.rounds.count, cells: cells)
    state.optimizerState = try optimizer.saveState()
    state.optimizerHasAsked = true
    return true
  }

  private func askMethod(_ optimizer: any Optimizer<Space>, _ state: AskTellState<Space.Cell>) throws -> [Space.Cell] {
    let limit = min(config.settings.batchSize, config.settings.budget - state.progress.queries.count)
    guard limit > 0 else { return [] }
    let cells = try optimizer.ask(limit: limit)
    guard cells.count <= limit else {
      throw InputError("method \(config.method) returned \(cells.count) cells for an ask of \(limit)")
    }
    return cells
  }

  // MARK: tell

  /// Applies results given as JSON lines (`TellEntry.parse(jsonLine:)`); `source` names the input
  /// in errors (a file, or `<stdin>`). The whole input is checked first: on any error nothing is
  /// applied.
  @discardableResult
  public func tell(_ data: Data, source: String) throws -> TellReceipt {
    var results: [(id: String, entry: TellEntry, line: Int)] = []
    let text = String(decoding: data, as: UTF8.self)
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
      if trimmed.isEmpty { continue }
      do {
        let (id, entry) = try TellEntry.parse(jsonLine: Substring(trimmed))
        guard let id else { throw InputError("missing \"id\"") }
        results.append((id, entry, index + 1))
      } catch let error as InputError {
        throw error.at(file: source, line: index + 1)
      }
    }
    return try tell(results, source: source)
  }

  /// Applies results by id (all checked before any is applied); `line` locates errors in `source`.
  @discardableResult
  public func tell(_ results: [(id: String, entry: TellEntry, line: Int)], source: String) throws -> TellReceipt {
    try locked {
      var states: [Int: AskTellState<Space.Cell>] = [:]
      var firstLine: [String: Int] = [:]
      for (id, entry, line) in results {
        func fail(_ message: String) -> InputError { InputError(message, file: source, line: line) }
        if let first = firstLine[id] { throw fail("id \(id) is told twice (first on line \(first))") }
        firstLine[id] = line
        guard let (trial, query) = ProposedCell.parse(id: id) else {
          throw fail("unknown id \(InputError.quoted(id)) (ids look like t0-q12, as agnet ask prints them)")
        }
        guard trial < config.trials else { throw fail("unknown id \(id): the run has trials 0…\(config.trials - 1)") }
        if directory.hasResult(ofTrial: trial) {
          let asked = try directory.readResult(ofTrial: trial, as: Space.Cell.self).queries.count
          throw fail(query < asked
            ? "id \(id) was told before (trial \(trial) is finished)"
            : "id \(id) was never asked (trial \(trial) finished after \(asked) queries)")
        }
        var state = try states[trial] ?? loadState(trial)
        guard query >= state.progress.queries.count else { throw fail("id \(id) was told before") }
        guard let pending = state.pending, query - state.progress.queries.count < pending.cells.count else {
          throw fail("unknown id \(id): no such cell has been asked (run agnet ask first)")
        }
        let index = query - state.progress.queries.count
        guard pending.told[index] == nil else { throw fail("id \(id) was told before") }
        if let text = entry.cell {
          let told: Space.Cell
          do { told = try space.parseCell(text) } catch let error as InputError { throw fail("the cell of id \(id): \(error.message)") }
          guard told == pending.cells[index] else {
            throw fail("id \(id) was asked for \(space.format(pending.cells[index])), not the cell told")
          }
        }
        for name in (entry.costs ?? [:]).keys.sorted() where !config.settings.costs.contains(name) {
          throw fail(config.settings.costs.isEmpty
            ? "cost \(InputError.quoted(name)) told, but the run records no costs (agnet init --cost NAME)"
            : "unknown cost \(InputError.quoted(name)) (the run records: \(config.settings.costs.joined(separator: ", ")))")
        }
        if let column = config.settings.objective?.column, entry.value != nil, entry.costs?[column] == nil {
          throw fail("the run searches under a bound on \(column): the result needs \"costs\": {\"\(column)\": …}")
        }
        state.pending!.told[index] = entry
        states[trial] = state
      }
      var receipt = TellReceipt(told: results.count)
      for trial in states.keys.sorted() {
        var state = states[trial]!
        if state.pending!.isComplete {
          receipt.completedBatches += 1
          try completeBatch(&state)
          if state.progress.queries.count >= config.settings.budget {
            try finish(state)
            receipt.finishedTrials.append(trial)
            continue
          }
        }
        try save(state)
      }
      receipt.runFinished = try writeSummaryIfFinished()
      return receipt
    }
  }

  /// Tells the method a fully told batch: restores it as it was after the batch's ask, tells it,
  /// records the queries and saves its state. A format-1 state predates the ask: the method is
  /// asked again first (it must repeat the batch).
  private func completeBatch(_ state: inout AskTellState<Space.Cell>) throws {
    let pending = state.pending!
    let optimizer = try makeOptimizer(state)
    if !state.optimizerHasAsked {
      guard try askMethod(optimizer, state) == pending.cells else {
        throw InputError("method \(config.method) did not repeat its proposal for trial \(state.progress.trial) "
          + "round \(pending.round) from its saved state; the run cannot continue", file: directory.url.path)
      }
    }
    let told = pending.told.map { $0! }
    let successes = state.progress.queries.indices.filter { !state.failed.contains($0) }.map { state.progress.queries[$0].value }
      + told.compactMap(\.value)
    let failureValue = askTell.failureValue ?? successes.min() ?? 0
    let failureCost = failureCost(state, told)
    var evaluations: [Evaluation<Space.Cell>] = []
    for (cell, entry) in zip(pending.cells, told) {
      let value = entry.value ?? failureValue
      var costs = config.settings.costs.isEmpty ? nil : entry.costs ?? [:]
      if entry.value == nil, let (column, cost) = failureCost, costs?[column] == nil { costs?[column] = cost }
      if entry.value == nil { state.failed.append(state.progress.queries.count) }
      state.progress.queries.append(QueryRecord(cell: cell, value: value, round: pending.round, costs: costs))
      state.reports.append(entry.report)
      evaluations.append(Evaluation(cell: cell, value: value, costs: costs ?? [:]))
    }
    try optimizer.tell(evaluations)
    var statistics = optimizer.roundStatistics
    let failures = told.filter { $0.value == nil }.count
    if failures > 0 { statistics["failed_evaluations"] = Double(failures) }
    state.progress.rounds.append(RoundRecord(cells: pending.cells.count, statistics: statistics))
    state.optimizerState = try optimizer.saveState()
    state.optimizerHasAsked = false
    state.pending = nil
  }

  /// Under a cost objective a failed evaluation without the objective's cost gets one, as the
  /// method needs it: the highest told in the trial so far (like its value, the worst seen), else
  /// the bound, else 0.
  private func failureCost(_ state: AskTellState<Space.Cell>, _ told: [TellEntry]) -> (column: String, cost: Double)? {
    guard let objective = config.settings.objective else { return nil }
    let costs = state.progress.queries.compactMap { $0.costs?[objective.column] } + told.compactMap { $0.costs?[objective.column] }
    return (objective.column, costs.max() ?? objective.maxCost ?? 0)
  }

  // MARK: results

  /// Whether every trial has its result file.
  public var isFinished: Bool { (0..<config.trials).allSatisfy(directory.hasResult(ofTrial:)) }

  /// Where each trial stands.
  public func status() throws -> [AskTellTrialStatus] {
    try locked {
      try (0..<config.trials).map { trial in
        if directory.hasResult(ofTrial: trial) {
          let result = try directory.readResult(ofTrial: trial, as: Space.Cell.self)
          return AskTellTrialStatus(trial: trial, told: result.queries.count, pending: 0, finished: true,
                                    bestValue: result.best?.valid)
        }
        let state = try loadState(trial)
        let pendingTold = state.pending?.told.filter { $0 != nil }.count ?? 0
        return AskTellTrialStatus(trial: trial, told: state.progress.queries.count + pendingTold,
                                  pending: (state.pending?.cells.count ?? 0) - pendingTold, finished: false,
                                  bestValue: state.progress.bestValid)
      }
    }
  }

  private func finish(_ state: AskTellState<Space.Cell>) throws {
    let result = TrialResult(progress: state.progress, method: config.method, reportPoints: config.settings.reportPoints,
                             optimumValue: judge?.optimum.bestSearchValue, objective: config.settings.objective,
                             reference: judge?.tableFront?.reference, rule: method.reportRule) { query, _ in state.reports[query] }
    try directory.finishTrial(result, wallSeconds: max(0, Date().timeIntervalSince1970 - state.started))
    try? FileManager.default.removeItem(at: stateURL(state.progress.trial))
  }

  /// Writes `summary.json` and `summary.md` once every trial is finished; returns whether it did.
  @discardableResult
  private func writeSummaryIfFinished() throws -> Bool {
    guard isFinished else { return false }
    let results = try (0..<config.trials).map { try directory.readResult(ofTrial: $0, as: Space.Cell.self) }
    try directory.writeSummary(config: config, space: space, results: results, judge: judge)
    return true
  }

  // MARK: files

  private func locked<T>(_ body: () throws -> T) throws -> T {
    callLock.lock()
    defer { callLock.unlock() }
    try directory.open(for: config, as: .askTell, wait: true)
    defer { directory.close() }
    // A kill between writing a trial's result and removing its state leaves a stale state file.
    for trial in 0..<config.trials where directory.hasResult(ofTrial: trial) {
      try? FileManager.default.removeItem(at: stateURL(trial))
    }
    return try body()
  }

  func stateURL(_ trial: Int) -> URL { directory.url.appendingPathComponent("trial-\(trial).asktell") }

  private func loadState(_ trial: Int) throws -> AskTellState<Space.Cell> {
    let url = stateURL(trial)
    guard FileManager.default.fileExists(atPath: url.path) else {
      return AskTellState(trial: trial, seed: config.trialSeed(trial), started: Date().timeIntervalSince1970)
    }
    let data: Data
    do { data = try Data(contentsOf: url) } catch { throw InputError("cannot read the file", file: url.path) }
    let state = try AskTellState<Space.Cell>(decoding: data, file: url.path)
    guard state.progress.trial == trial, state.progress.seed == config.trialSeed(trial) else {
      throw InputError("the saved state is of another trial; delete it to restart this trial", file: url.path)
    }
    return state
  }

  private func save(_ state: AskTellState<Space.Cell>) throws {
    try AtomicFile.write(try state.encoded(), to: stateURL(state.progress.trial))
  }

  private var methodSetup: MethodSetup<Space> {
    MethodSetup(domain: SearchDomain(space: space, members: judge?.benchmark.cells), hyperparameters: config.hyperparameters,
                costNames: config.settings.costs, objective: config.settings.objective, runDirectory: directory.url)
  }

  private func makeOptimizer(_ state: AskTellState<Space.Cell>) throws -> any Optimizer<Space> {
    if prepared == nil { prepared = try method.prepare(methodSetup) }
    let optimizer = try prepared!.makeOptimizer(state.progress.seed)
    if !state.optimizerState.isEmpty {
      do {
        try optimizer.restoreState(state.optimizerState)
      } catch let error as InputError {
        throw InputError("\(error.message); delete the file to restart this trial", file: stateURL(state.progress.trial).path)
      }
    }
    return optimizer
  }
}

/// What a tell did.
public struct TellReceipt: Equatable, Sendable {
  public var told: Int
  /// Batches completed by this tell (each told to the method).
  public var completedBatches = 0
  public var finishedTrials: [Int] = []
  /// Whether every trial is now finished (the summary is written).
  public var runFinished = false

  public init(told: Int) { self.told = told }
}

/// Where one trial of an ask/tell run stands.
public struct AskTellTrialStatus: Equatable, Sendable {
  public var trial: Int
  /// Results told (applied or in the pending batch's journal).
  public var told: Int
  /// Cells asked and waiting for results.
  public var pending: Int
  public var finished: Bool
  public var bestValue: Double?
}
