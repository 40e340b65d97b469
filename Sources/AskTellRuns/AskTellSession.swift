import Benchmarks
import Foundation
import Methods
import Runs
import SearchSpaces

/// An ask/tell run whatever its space: what the CLI and `CommandEvaluator` work with.
public protocol AskTellSession: AnyObject {
  var config: RunConfig { get }
  func ask(count: Int, claim: Bool) throws -> [ProposedCell]
  func tell(_ data: Data, source: String) throws -> TellReceipt
  func tell(_ results: [(id: String, entry: TellEntry, line: Int)], source: String) throws -> TellReceipt
  func status() throws -> [AskTellTrialStatus]
  var isFinished: Bool { get }
}

/// Creating and opening ask/tell runs by space name (`BuiltInSpace`), loading their reference
/// tables.
public enum AskTell {
  /// `agnet init`: creates the run (or checks that the existing one is the same).
  @discardableResult
  public static func create(_ url: URL, space name: String, reference: BenchmarkRequest?, dataDirectory: DataDirectory,
                            method: any SearchMethod, parameters: [String: String] = [:], settings: TrialSettings? = nil,
                            seed: UInt64 = 0, trials: Int = 1, failureValue: Double? = nil) throws -> any AskTellSession {
    try create(url, space: .builtIn(try BuiltInSpace(named: name)), reference: reference, dataDirectory: dataDirectory, method: method,
               parameters: parameters, settings: settings, seed: seed, trials: trials, failureValue: failureValue)
  }

  /// `agnet init` on a built-in space or a space file (whose text the run keeps, `AskTellConfig.spaceFile`).
  @discardableResult
  public static func create(_ url: URL, space choice: SpaceChoice, reference: BenchmarkRequest?, dataDirectory: DataDirectory,
                            method: any SearchMethod, parameters: [String: String] = [:], settings: TrialSettings? = nil,
                            seed: UInt64 = 0, trials: Int = 1, failureValue: Double? = nil) throws -> any AskTellSession {
    if let fileSpace = choice.fileSpace {
      try FileSpaceMethods.check(method, on: fileSpace)
      if reference != nil { throw UsageError("a space file's run takes no --benchmark (its cells are not a catalogue table's)") }
      func makeFile<S: SearchSpace>(_ space: S) throws -> any AskTellSession {
        try AskTellRun.create(directory: url, space: space, reference: nil, method: method, parameters: parameters, settings: settings,
                              seed: seed, trials: trials, failureValue: failureValue, spaceFile: fileSpace.text)
      }
      return try makeFile(fileSpace)
    }
    let space = choice.builtIn!
    // A table for a space without tables is a misuse of the command line, found before any table loads.
    if reference != nil, !space.hasTables {
      throw UsageError("the \(space.title) space has no tables, so no benchmark can be its reference; leave out --benchmark")
    }
    let loaded = try reference?.load(dataDirectory: dataDirectory)
    let description = reference.map(ReferenceTable.init)
    func make<S: SearchSpace>(_ space: S, _ table: TabularBenchmark<S>?) throws -> any AskTellSession {
      try AskTellRun.create(directory: url, space: space, reference: table.map { ($0, description!) }, method: method,
                            parameters: parameters, settings: settings, seed: seed, trials: trials,
                            failureValue: failureValue)
    }
    func makeWithoutTable<S: SearchSpace>(_ space: S) throws -> any AskTellSession { try make(space, nil) }
    guard let loaded else { return try makeWithoutTable(space.space) }
    guard loaded.space == .builtIn(space) else { throw UsageError("the reference table \(loaded.name) is not of \(space.name)") }
    switch loaded {
    case .nasbench201(let table): return try make(table.space, table)
    case .nasbench101(let table): return try make(table.space, table)
    case .file(let table): return try make(table.space, table)
    }
  }

  /// Opens an existing run; its reference table, if any, is loaded from `dataDirectory`.
  public static func open(_ url: URL, dataDirectory: DataDirectory,
                          registry: MethodRegistry = .standard) throws -> any AskTellSession {
    let (config, askTell) = try AskTellRun<NASBench201Space>.readConfiguration(of: url.standardizedFileURL)
    let fileSpace = try askTell.spaceFile.map { text in
      try FileSpace(text: text, path: url.appendingPathComponent(RunKind.askTellFileName).path + " (space_file)", defaultName: askTell.space)
    }
    // Each ask or tell is a process of its own: a run that records no costs skips their join, and
    // the table is read from the run's snapshot of it while its files are unchanged.
    let loaded = try askTell.reference?.request(fileSpace: fileSpace).load(dataDirectory: dataDirectory, hardwareCosts: !config.settings.costs.isEmpty,
                                                     snapshot: url.appendingPathComponent(AskTellRun<NASBench201Space>.snapshotFileName))
    func open<S: SearchSpace>(_ space: S, _ table: TabularBenchmark<S>?) throws -> any AskTellSession {
      try AskTellRun(directory: url, space: space, reference: table, registry: registry)
    }
    func openWithoutTable<S: SearchSpace>(_ space: S) throws -> any AskTellSession { try open(space, nil) }
    if let fileSpace, fileSpace.name == askTell.space {
      if case .file(let table)? = loaded { return try open(table.space, table) }
      return try openWithoutTable(fileSpace)
    }
    guard let space = BuiltInSpace(rawValue: askTell.space), loaded.map({ $0.space == .builtIn(space) }) ?? true else {
      throw InputError("asktell.json names a space or table this version cannot open", file: url.path)
    }
    switch loaded {
    case nil: return try openWithoutTable(space.space)
    case .nasbench201(let table)?: return try open(table.space, table)
    case .nasbench101(let table)?: return try open(table.space, table)
    case .file?: throw InputError("asktell.json names a space or table this version cannot open", file: url.path)
    }
  }
}
