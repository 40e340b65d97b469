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

/// Creating and opening ask/tell runs by space name, loading their reference tables.
public enum AskTell {
  public static let spaces = ["nasbench201", "nasbench101", "darts"]

  /// `agnet init`: creates the run (or checks that the existing one is the same).
  @discardableResult
  public static func create(_ url: URL, space: String, reference: BenchmarkRequest?, dataDirectory: DataDirectory,
                            method: any SearchMethod, parameters: [String: String] = [:], settings: TrialSettings? = nil,
                            seed: UInt64 = 0, trials: Int = 1, failureValue: Double? = nil) throws -> any AskTellSession {
    guard spaces.contains(space) else {
      throw UsageError("unknown space '\(space)'; the spaces are: \(spaces.joined(separator: ", "))")
    }
    let loaded = try reference?.load(dataDirectory: dataDirectory)
    let description = reference.map(ReferenceTable.init)
    func make<S: SearchSpace>(_ space: S, _ table: TabularBenchmark<S>?) throws -> any AskTellSession {
      try AskTellRun.create(directory: url, space: space, reference: table.map { ($0, description!) }, method: method,
                            parameters: parameters, settings: settings, seed: seed, trials: trials,
                            failureValue: failureValue)
    }
    switch (space, loaded) {
    case ("nasbench201", nil): return try make(NASBench201Space(), nil)
    case ("nasbench201", .nasbench201(let table)?): return try make(table.space, table)
    case ("nasbench101", nil): return try make(NASBench101Space(), nil)
    case ("nasbench101", .nasbench101(let table)?): return try make(table.space, table)
    case ("darts", nil): return try make(DARTSSpace(), nil)
    case ("darts", let table?): throw InputError("the DARTS space has no tables; \(table.name) cannot be its reference")
    case (_, let table?) where spaces.contains(space):
      throw UsageError("the reference table \(table.name) is not of \(space)")
    default: throw UsageError("unknown space '\(space)'; the spaces are: \(spaces.joined(separator: ", "))")
    }
  }

  /// Opens an existing run; its reference table, if any, is loaded from `dataDirectory`.
  public static func open(_ url: URL, dataDirectory: DataDirectory,
                          registry: MethodRegistry = .standard) throws -> any AskTellSession {
    let (_, askTell) = try AskTellRun<NASBench201Space>.readConfiguration(of: url.standardizedFileURL)
    let loaded = try askTell.reference?.request.load(dataDirectory: dataDirectory)
    switch (askTell.space, loaded) {
    case ("nasbench201", nil): return try AskTellRun(directory: url, space: NASBench201Space(), reference: nil, registry: registry)
    case ("nasbench201", .nasbench201(let table)?):
      return try AskTellRun(directory: url, space: table.space, reference: table, registry: registry)
    case ("nasbench101", nil): return try AskTellRun(directory: url, space: NASBench101Space(), reference: nil, registry: registry)
    case ("nasbench101", .nasbench101(let table)?):
      return try AskTellRun(directory: url, space: table.space, reference: table, registry: registry)
    case ("darts", nil): return try AskTellRun(directory: url, space: DARTSSpace(), reference: nil, registry: registry)
    default:
      throw InputError("asktell.json names a space or table this version cannot open", file: url.path)
    }
  }
}
