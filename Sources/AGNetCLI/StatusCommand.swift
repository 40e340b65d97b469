import ArgumentParser
import Foundation
import Monitoring
import Runs

/// `agnet status`: where a run stands, from its files alone.
struct StatusCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "status",
    abstract: "Show where a run stands: trials, queries, best so far, pending asks, ETA.",
    discussion: """
      Works on every kind of run directory: agnet search (a shard too), agnet compare, and \
      ask/tell runs (agnet init). Reads the files only, never writes or locks them, so it is safe \
      while the run goes on.

      States: new (nothing told), running (a process is working in the directory), waiting (an \
      ask/tell run waiting for results, or a stopped search: run its command again), finished, \
      broken (a file cannot be read: the reason is printed). Exit status: 0 finished, 75 new, \
      running or waiting, 1 broken.

      --json prints one "status" event (docs/cli.md). The ETA is the remaining queries at the \
      measured rate (queries per second of trial time), spread over the trials in flight.

      Examples:
        agnet status --run runs/re-c10
        agnet status --run runs/mine --json
        until agnet status --run runs/c10 >/dev/null; do sleep 60; done
      """)

  @Option(name: .customLong("run"), help: ArgumentHelp("The run directory.", valueName: "dir"))
  var directory: String

  @Flag(help: "Print one JSON object (a status event) instead of the report.")
  var json = false

  func validate() throws {
    guard !directory.isEmpty else { throw ValidationError("--run needs a directory.") }
  }

  func run() throws {
    let status = RunStatusReader().read(URL(fileURLWithPath: directory))
    if json {
      print(status.event.line)
    } else {
      print(StatusReport(status).text, terminator: "")
    }
    for problem in status.problems.prefix(1) { printError(problem) }
    if status.state != .finished { throw ExitCode(status.state.exitCode) }
  }
}

/// `agnet status`'s report for people.
struct StatusReport {
  let status: RunStatus

  init(_ status: RunStatus) { self.status = status }

  var text: String {
    var lines: [String] = []
    let what = [status.method, status.benchmark.map { b in status.dataset.map { "\(b)/\($0)" } ?? b }]
      .compactMap { $0 }.joined(separator: " on ")
    lines.append("\(status.run): \(status.kind.rawValue)\(what.isEmpty ? "" : ", " + what)"
      + (status.shard.map { ", shard \($0)" } ?? "") + ": \(status.state.rawValue)")
    lines += body(status, indent: "  ")
    for method in status.methods {
      lines.append("  \(method.method ?? method.run): \(method.state.rawValue)")
      lines += body(method, indent: "    ")
    }
    for problem in status.problems { lines.append("  problem: \(problem)") }
    return lines.map { $0 + "\n" }.joined()
  }

  private func body(_ status: RunStatus, indent: String) -> [String] {
    var lines = ["\(indent)trials \(status.trialsDone)/\(status.trialsTotal) done, "
      + "\(status.queriesTold)/\(status.trialsTotal * status.budget) queries told"
      + (status.pending > 0 ? ", \(status.pending) pending" : "") + (status.failed > 0 ? ", \(status.failed) failed" : "")]
    if let value = status.best["value"]?.doubleValue {
      let trial = status.best["trial"]?.intValue.map { "trial \($0)" }
      let query = status.best["query"]?.intValue.map { "query \($0)" }
      let place = [status.best["method"]?.stringValue, trial, query].compactMap { $0 }.joined(separator: ", ")
      let cell = status.best["cell"].flatMap { $0 == .null ? nil : ($0.stringValue ?? $0.line) }
      lines.append("\(indent)best \(String(format: "%.3f", value)) (\(place))" + (cell.map { ": \($0)" } ?? ""))
    }
    var time = "\(indent)elapsed \(Format.duration(status.elapsedSeconds)) of trial time"
    if let eta = status.etaSeconds, status.state != .finished { time += ", ETA \(Format.duration(eta))" }
    lines.append(time)
    for ask in status.pendingAsks.prefix(10) {
      lines.append("\(indent)pending \(ask.id)\(ask.claimed ? " (claimed)" : ""), \(Format.duration(ask.ageSeconds)) old")
    }
    if status.pendingAsks.count > 10 { lines.append("\(indent)… and \(status.pendingAsks.count - 10) more pending") }
    return lines
  }
}

/// `--json` and `--quiet`, for the commands that run trials or evaluations.
struct OutputOptions: ParsableArguments {
  @Flag(help: "Print JSON Lines events (docs/cli.md) on stdout instead of the report.")
  var json = false

  @Flag(help: "No progress on stderr (errors still are).")
  var quiet = false

  /// The observer of a run's trials: events, progress on stderr, or both.
  func observer(trialsPerMethod: Int) -> (events: EventWriter?, display: ProgressDisplay?) {
    (json ? EventWriter() : nil, quiet ? nil : ProgressDisplay(trialsPerMethod: trialsPerMethod))
  }
}

/// Passes a run's statuses to several observers.
final class ObserverGroup: RunObserver, @unchecked Sendable {
  let observers: [RunObserver]

  init(_ observers: [RunObserver?]) { self.observers = observers.compactMap { $0 } }

  func willRun(trials: Int) { for observer in observers { observer.willRun(trials: trials) } }
  func update(_ status: TrialStatus) { for observer in observers { observer.update(status) } }
}
