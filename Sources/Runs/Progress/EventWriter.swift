import Foundation

/// Follows a run as JSON Lines events on standard output (`--json`): `trial_started` when a trial
/// is first seen, `progress` after each of its rounds, `trial_finished` when its file is written.
/// Lines from trials running on several threads never interleave.
public final class EventWriter: RunObserver, @unchecked Sendable {
  private let write: (String) -> Void
  private let lock = NSLock()
  private var started: Set<String> = []

  public init(write: @escaping (String) -> Void = EventWriter.writeToStandardOutput) {
    self.write = write
  }

  /// One line on standard output, written at once (stdout may be a pipe another program reads
  /// while the run goes on).
  public static func writeToStandardOutput(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
  }

  public func willRun(trials: Int) {}

  public func update(_ status: TrialStatus) {
    lock.lock()
    defer { lock.unlock() }
    let key = "\(status.method)#\(status.trial)"
    if !status.finished, started.insert(key).inserted {
      var fields: [String: JSONValue] = ["trial": .int(status.trial), "seed": .unsigned(status.seed)]
      fields["method"] = .string(status.method)
      fields["budget"] = .int(status.budget)
      writeLine(RunEvent("trial_started", fields))
    }
    if status.finished {
      var fields = common(status)
      fields["queries_to_best_valid"] = status.queriesToBestValid.map(JSONValue.int) ?? .null
      fields["file"] = status.file.map(JSONValue.string) ?? .null
      writeLine(RunEvent("trial_finished", fields))
    } else {
      var fields = common(status)
      fields["budget"] = .int(status.budget)
      writeLine(RunEvent("progress", fields))
    }
  }

  private func common(_ status: TrialStatus) -> [String: JSONValue] {
    var fields: [String: JSONValue] = ["trial": .int(status.trial), "method": .string(status.method)]
    fields["queries"] = .int(status.queries)
    fields["best"] = status.best
    return fields
  }

  /// Writes an event that comes from outside the trials (`run_finished`, `told`).
  public func emit(_ event: RunEvent) {
    lock.lock()
    defer { lock.unlock() }
    writeLine(event)
  }

  private func writeLine(_ event: RunEvent) { write(event.line) }
}
