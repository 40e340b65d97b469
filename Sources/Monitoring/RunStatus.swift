import Foundation
import Runs

/// Where a run stands, read from its files alone (`agnet status`, the dashboard): trials done,
/// queries told, the best cell so far, pending asks, time spent and an estimate of the time left.
/// For a comparison, one status per method and their sum.
public struct RunStatus: Equatable, Sendable {
  public enum Kind: String, Sendable { case search, askTell = "ask/tell", comparison }

  public enum State: String, Sendable {
    /// Nothing told yet and no process at work.
    case new
    /// A process holds the run's lock (a search, or an ask/tell call, at work).
    case running
    /// Not finished and no process at work: an ask/tell run waiting for results, or a stopped
    /// search waiting to be resumed (run its command again).
    case waiting
    case finished
    /// A file that cannot be read (`problems` says which and why).
    case broken

    /// `agnet status`'s exit status: 0 finished, 75 (EX_TEMPFAIL: ask again later) running,
    /// waiting or new, 1 broken.
    public var exitCode: Int32 {
      switch self {
      case .finished: return 0
      case .broken: return 1
      case .new, .running, .waiting: return 75
      }
    }
  }

  /// One trial: its query values in order (best-so-far curves are drawn from them).
  public struct Trial: Equatable, Sendable {
    public var trial: Int
    public var values: [Double]
    /// The queried cells, when the files keep them (a search's state file keeps table rows).
    public var cells: [JSONValue]
    public var finished: Bool
    /// The trial's reported (finished) or best (unfinished) cell as an event's `best`; null when unknown.
    public var best: JSONValue
  }

  /// A cell handed out by `ask` and not yet told.
  public struct PendingAsk: Equatable, Sendable {
    public var id: String
    public var cell: JSONValue
    public var claimed: Bool
    /// Seconds since the trial's state last changed (its last ask or tell).
    public var ageSeconds: Double
  }

  public var run: String
  public var kind: Kind
  /// The method (a comparison's methods are in `methods`).
  public var method: String?
  public var benchmark: String?
  public var dataset: String?
  public var shard: String?
  public var state: State
  public var trialsDone = 0
  public var trialsTotal = 0
  public var queriesTold = 0
  public var budget = 0
  public var pending = 0
  public var failed = 0
  /// The best reported cell so far, with its trial (and `method` in a comparison); null before any.
  public var best: JSONValue = .null
  /// Seconds of trial time spent (finished trials' wall-clock time plus the running ones' so far).
  public var elapsedSeconds = 0.0
  /// At the measured rate (queries per second of trial time, spread over the trials in flight).
  public var etaSeconds: Double?
  public var problems: [String] = []
  public var trials: [Trial] = []
  public var pendingAsks: [PendingAsk] = []
  /// Hardware-aware runs: each finished trial's Pareto front as its file stores it.
  public var paretoFronts: [JSONValue] = []
  public var methods: [RunStatus] = []

  public init(run: String, kind: Kind, state: State) {
    self.run = run
    self.kind = kind
    self.state = state
  }

  /// The `status` event of docs/cli.md (`agnet status --json`).
  public var event: RunEvent {
    var fields: [String: JSONValue] = ["run": .string(run), "kind": .string(kind.rawValue)]
    fields["state"] = .string(state.rawValue)
    fields["trials_done"] = .int(trialsDone)
    fields["trials_total"] = .int(trialsTotal)
    fields["queries_told"] = .int(queriesTold)
    fields["budget"] = .int(budget)
    fields["pending"] = .int(pending)
    fields["failed"] = .int(failed)
    fields["best"] = best
    fields["elapsed_seconds"] = .double(elapsedSeconds)
    fields["eta_seconds"] = .number(etaSeconds)
    fields["problems"] = .array(problems.map(JSONValue.string))
    fields["pending_asks"] = .array(pendingAsks.map { ask -> JSONValue in
      var object: [String: JSONValue] = ["id": .string(ask.id), "cell": ask.cell]
      object["claimed"] = .bool(ask.claimed)
      object["age_seconds"] = .double(ask.ageSeconds)
      return .object(object)
    })
    if let method { fields["method"] = .string(method) }
    if let shard { fields["shard"] = .string(shard) }
    if !methods.isEmpty { fields["methods"] = .array(methods.map { .object($0.event.fields) }) }
    return RunEvent("status", fields)
  }
}
