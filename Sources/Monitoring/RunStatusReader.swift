import Foundation
import Runs
import SearchSpaces

/// Reads a run directory of any kind (search, shard, ask/tell, comparison) into a `RunStatus`.
/// Reads only: it never writes, creates or locks a file, so it can watch a run another process is
/// writing (files are replaced whole, `AtomicFile`). A file it cannot read makes the run
/// `broken` with a one-line problem naming it; the rest is still read.
public struct RunStatusReader {
  /// Trials whose state changed this recently count as in flight (for the ETA).
  public var activeWindow: TimeInterval = 300
  public var now: Date

  public init(now: Date = Date()) { self.now = now }

  public func read(_ url: URL) -> RunStatus {
    let url = url.standardizedFileURL
    let manager = FileManager.default
    var isDirectory: ObjCBool = false
    guard manager.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
      var status = RunStatus(run: url.path, kind: .search, state: .broken)
      status.problems = ["\(url.path): no such run directory"]
      return status
    }
    switch RunKind.of(url) {
    case .askTell?: return readRun(url, kind: .askTell)
    case .search?: return readRun(url, kind: .search)
    case .comparison?: return readComparison(url)
    case nil:
      var status = RunStatus(run: url.path, kind: .search, state: .broken)
      status.problems = ["\(url.path): not a run directory (no config.json, asktell.json or method runs)"]
      return status
    }
  }

  // MARK: one method's run

  private func readRun(_ url: URL, kind: RunStatus.Kind) -> RunStatus {
    var status = RunStatus(run: url.path, kind: kind, state: .new)
    let directory = RunDirectory(url)
    let config: RunConfig
    do { config = try JSONFiles.read(RunConfig.self, from: directory.configURL) } catch {
      status.state = .broken
      status.problems.append(String(describing: error))
      return status
    }
    status.method = config.name
    status.benchmark = config.benchmark
    status.dataset = config.dataset
    status.shard = config.shard.map { "\($0.index)/\($0.count)" }
    status.budget = config.settings.budget
    let indices = kind == .askTell ? Array(0..<config.trials) : config.trialIndices
    status.trialsTotal = indices.count
    let timing = (try? directory.readTiming()) ?? TimingLog()
    var bestValue = -Double.infinity
    var active = 0
    var earliestStart: Double?
    func consider(_ best: JSONValue) {
      if let value = best["value"]?.doubleValue, value > bestValue {
        bestValue = value
        status.best = best
      }
    }
    for trial in indices {
      do {
        if let result = try readTrialFile(directory.trialURL(trial)), result.queries >= config.settings.budget || kind == .askTell {
          status.trialsDone += 1
          status.queriesTold += result.queries
          status.elapsedSeconds += timing.seconds(ofTrial: trial) ?? 0
          let best = result.best.map { withTrial($0, trial) } ?? .null
          consider(best)
          status.trials.append(.init(trial: trial, values: result.values, cells: result.cells, finished: true, best: best))
          if let front = result.pareto { status.paretoFronts.append(front) }
        } else if kind == .search, let state = try readSearchState(directory.stateURL(trial)) {
          status.queriesTold += state.values.count
          status.elapsedSeconds += state.elapsedSeconds
          if now.timeIntervalSince(state.modified) < activeWindow { active += 1 }
          let best = bestOf(values: state.values, cells: nil, trial: trial)
          consider(best)
          status.trials.append(.init(trial: trial, values: state.values, cells: [], finished: false, best: best))
        } else if kind == .askTell, let state = try readAskTellState(url.appendingPathComponent("trial-\(trial).asktell"), trial: trial) {
          status.queriesTold += state.values.count + state.pendingTold
          status.pending += state.pending.count
          status.failed += state.failed
          status.pendingAsks += state.pending
          earliestStart = min(earliestStart ?? state.started, state.started)
          if now.timeIntervalSince(state.modified) < activeWindow { active += 1 }
          let best = bestOf(values: state.values, cells: state.cells, trial: trial)
          consider(best)
          status.trials.append(.init(trial: trial, values: state.values, cells: state.cells, finished: false, best: best))
        }
      } catch {
        status.problems.append(String(describing: error))
      }
    }
    if kind == .askTell, let earliestStart {
      status.elapsedSeconds = max(status.elapsedSeconds, now.timeIntervalSince1970 - earliestStart)
    }
    let total = status.trialsTotal * status.budget
    if status.queriesTold > 0, status.elapsedSeconds > 0, status.trialsDone < status.trialsTotal {
      let rate = Double(status.queriesTold) / status.elapsedSeconds
      status.etaSeconds = Double(max(0, total - status.queriesTold)) / rate / Double(max(1, active))
    }
    let finished = status.trialsDone == status.trialsTotal
      && FileManager.default.fileExists(atPath: directory.summaryJSONURL.path)
    if !status.problems.isEmpty {
      status.state = .broken
    } else if finished {
      status.state = .finished
    } else if LockProbe.isHeld(url.appendingPathComponent(".lock")) {
      status.state = .running
    } else if status.queriesTold > 0 || status.pending > 0 || status.trialsDone > 0 {
      status.state = .waiting
    }
    return status
  }

  private func withTrial(_ best: JSONValue, _ trial: Int) -> JSONValue {
    guard case .object(var object) = best else { return best }
    object["trial"] = .int(trial)
    return .object(object)
  }

  /// The best value's event object, from a trial in flight (its first query among equals).
  private func bestOf(values: [Double], cells: [JSONValue]?, trial: Int) -> JSONValue {
    guard let index = values.indices.max(by: { values[$0] < values[$1] || (values[$0] == values[$1] && $0 > $1) }) else {
      return .null
    }
    // A search's state file stores table rows, not cells: the cell is known once the trial ends.
    return .object(["cell": cells?[index] ?? .null, "value": .double(values[index]), "query": .int(index), "trial": .int(trial)])
  }

  // MARK: comparisons

  private func readComparison(_ url: URL) -> RunStatus {
    var status = RunStatus(run: url.path, kind: .comparison, state: .new)
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted()
    for name in names where FileManager.default.fileExists(atPath: url.appendingPathComponent(name).appendingPathComponent("config.json").path) {
      status.methods.append(readRun(url.appendingPathComponent(name), kind: .search))
    }
    var bestValue = -Double.infinity
    for method in status.methods {
      status.trialsDone += method.trialsDone
      status.trialsTotal += method.trialsTotal
      status.queriesTold += method.queriesTold
      status.budget = max(status.budget, method.budget)
      status.elapsedSeconds += method.elapsedSeconds
      status.problems += method.problems
      if let value = method.best["value"]?.doubleValue, value > bestValue, case .object(var object) = method.best {
        bestValue = value
        object["method"] = .string(method.method ?? "")
        status.best = .object(object)
      }
    }
    let etas = status.methods.compactMap(\.etaSeconds)
    status.etaSeconds = etas.isEmpty ? nil : etas.reduce(0, +)
    let states = Set(status.methods.map(\.state))
    if states.contains(.broken) {
      status.state = .broken
    } else if states == [.finished], FileManager.default.fileExists(atPath: url.appendingPathComponent("results.json").path) {
      status.state = .finished
    } else if states.contains(.running) {
      status.state = .running
    } else if status.queriesTold > 0 || status.trialsDone > 0 {
      status.state = .waiting
    }
    return status
  }

  // MARK: files

  private struct TrialFile {
    var queries: Int
    var values: [Double]
    var cells: [JSONValue]
    var best: JSONValue?
    var pareto: JSONValue?
  }

  /// A finished trial's file, its `best` in the event form; nil when there is none.
  private func readTrialFile(_ url: URL) throws -> TrialFile? {
    guard FileManager.default.fileExists(atPath: url.path) else { return nil }
    let json = try JSONFiles.read(JSONValue.self, from: url)
    guard let queries = json["queries"]?.arrayValue else {
      throw InputError("not a trial file: no queries", file: url.path)
    }
    let values = try queries.enumerated().map { index, query in
      guard let value = query["value"]?.doubleValue else {
        throw InputError("query \(index) has no value", file: url.path)
      }
      return value
    }
    var best: JSONValue?
    if let stored = json["best"], stored != .null {
      guard let value = stored["valid"]?.doubleValue, let query = stored["query"]?.intValue, let cell = stored["cell"] else {
        throw InputError("its best cell lacks cell, valid or query", file: url.path)
      }
      var object: [String: JSONValue] = ["cell": cell, "value": .double(value), "query": .int(query - 1),
                                         "report": stored["test"] ?? .null]
      if let cost = stored["cost"] { object["cost"] = cost }
      best = .object(object)
    }
    return TrialFile(queries: queries.count, values: values, cells: queries.map { $0["cell"] ?? .null }, best: best,
                     pareto: json["pareto"])
  }

  private struct SearchState {
    var values: [Double]
    var elapsedSeconds: Double
    var modified: Date
  }

  private struct SearchStateHeader: Decodable {
    struct Progress: Decodable { var values: [Double] }
    var progress: Progress
    var elapsedSeconds: Double
    enum CodingKeys: String, CodingKey {
      case progress
      case elapsedSeconds = "elapsed_seconds"
    }
  }

  private func readSearchState(_ url: URL) throws -> SearchState? {
    guard let (data, modified) = try StateHeaderFile.read(url) else { return nil }
    let (header, _) = try FramedFile.split(data, magic: "agnet-trial-state 2", kind: "a trial state file",
                                           as: SearchStateHeader.self) { InputError($0, file: url.path) }
    return SearchState(values: header.progress.values, elapsedSeconds: header.elapsedSeconds, modified: modified)
  }

  private struct AskTellTrial {
    var values: [Double]
    var cells: [JSONValue]
    var pending: [RunStatus.PendingAsk]
    var pendingTold: Int
    var failed: Int
    var started: Double
    var modified: Date
  }

  private struct AskTellHeader: Decodable {
    struct Query: Decodable {
      var cell: JSONValue
      var value: Double
    }
    struct Progress: Decodable { var queries: [Query] }
    struct Pending: Decodable {
      var cells: [JSONValue]
      var told: [JSONValue]
      var claimed: [Bool]
    }
    var progress: Progress
    var pending: Pending?
    var failed: [Int]
    var started: Double
  }

  private func readAskTellState(_ url: URL, trial: Int) throws -> AskTellTrial? {
    guard let (data, modified) = try StateHeaderFile.read(url) else { return nil }
    let magic = data.starts(with: Data("agnet-ask-tell-state 1\n".utf8)) ? "agnet-ask-tell-state 1" : "agnet-ask-tell-state 2"
    let (header, _) = try FramedFile.split(data, magic: magic, kind: "an ask/tell state file",
                                           as: AskTellHeader.self) { InputError($0, file: url.path) }
    let told = header.progress.queries.count
    var pending: [RunStatus.PendingAsk] = []
    var pendingTold = 0
    if let batch = header.pending {
      for (index, cell) in batch.cells.enumerated() {
        if index < batch.told.count, batch.told[index] != .null {
          pendingTold += 1
          continue
        }
        pending.append(.init(id: "t\(trial)-q\(told + index)", cell: cell,
                             claimed: index < batch.claimed.count && batch.claimed[index],
                             ageSeconds: max(0, now.timeIntervalSince(modified))))
      }
    }
    return AskTellTrial(values: header.progress.queries.map(\.value), cells: header.progress.queries.map(\.cell),
                        pending: pending, pendingTold: pendingTold, failed: header.failed.count, started: header.started,
                        modified: modified)
  }
}

/// The magic line and JSON header of a state file, without its optimizer bytes (megabytes of
/// network weights a monitor has no use for).
enum StateHeaderFile {
  /// The file's first two lines and its modification time; nil when there is no file.
  static func read(_ url: URL) throws -> (Data, Date)? {
    guard let handle = try? FileHandle(forReadingFrom: url) else {
      if FileManager.default.fileExists(atPath: url.path) { throw InputError("cannot read the file", file: url.path) }
      return nil
    }
    defer { try? handle.close() }
    let modified = ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date) ?? Date()
    var data = Data()
    var newlines = 0
    while newlines < 2 {
      guard let chunk = try? handle.read(upToCount: 1 << 16), !chunk.isEmpty else { break }
      newlines += chunk.lazy.filter { $0 == 0x0A }.count
      data.append(chunk)
      guard data.count < 1 << 28 else { throw InputError("its header is larger than 256 MB", file: url.path) }
    }
    return (data, modified)
  }
}
