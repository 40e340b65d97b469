import Foundation
import SearchSpaces

/// `agnet evaluate`: runs a user's command for every cell an ask/tell run proposes until the run
/// is finished. `{cell}`, `{id}` and `{trial}` in the command are replaced (shell-quoted), and the
/// same are in the environment as `AGNET_CELL`, `AGNET_ID`, `AGNET_TRIAL` (and `AGNET_SPACE`).
/// The command's last non-empty line of standard output is its result: a number (the search
/// metric) or a JSON object as `agnet tell` reads it. Its standard error passes through.
///
/// A command that exits non-zero, prints no parsable result or runs past the timeout is retried;
/// after the retries it is told as failed (see `AskTellRun` for what the method sees) and the
/// search goes on. Each result is told as soon as it is known, so killing the evaluator loses at
/// most the evaluations in flight.
public final class CommandEvaluator {
  public let session: any AskTellSession
  public let command: String
  public let jobs: Int
  public let retries: Int
  /// Extra attempts a command may get: enough for flaky evaluations, few enough that a command that
  /// always fails cannot keep a run busy forever.
  public static let retryRange = 0...100
  /// Seconds before a command and everything it started are killed; nil: no limit.
  public let timeout: Double?
  /// Called with one line per finished evaluation (progress for people).
  public var log: ((String) -> Void)?
  /// Called after each tell with the cell and its result (nil: told as failed).
  public var told: ((ProposedCell, TellEntry?) -> Void)?

  public init(session: any AskTellSession, command: String, jobs: Int = 1, retries: Int = 0, timeout: Double? = nil) throws {
    guard !command.trimmingCharacters(in: .whitespaces).isEmpty else { throw InputError("the command is empty") }
    guard jobs >= 1 else { throw InputError("--jobs must be at least 1 (got \(jobs))") }
    guard CommandEvaluator.retryRange.contains(retries) else {
      throw InputError("--retries must be \(CommandEvaluator.retryRange.lowerBound)…\(CommandEvaluator.retryRange.upperBound) (got \(retries))")
    }
    if let timeout, !(timeout > 0) { throw InputError("--timeout must be positive (got \(timeout))") }
    self.session = session
    self.command = command
    self.jobs = jobs
    self.retries = retries
    self.timeout = timeout
  }

  /// What a whole `evaluate` did.
  public struct Outcome: Equatable, Sendable {
    public var evaluated = 0
    public var failed = 0
    /// Command runs that failed and were tried again.
    public var retried = 0
    public var runFinished = false
  }

  /// Asks, evaluates `jobs` cells at a time and tells, until the run is finished (or no cell is
  /// left to evaluate).
  @discardableResult
  public func run() throws -> Outcome {
    var outcome = Outcome()
    let lock = NSLock()
    var tellError: Error?
    while true {
      let cells = try session.ask(count: jobs, claim: false)
      if cells.isEmpty { break }
      DispatchQueue.concurrentPerform(iterations: cells.count) { index in
        let cell = cells[index]
        var attempts = 0
        var entry: TellEntry?
        var lastProblem = ""
        while entry == nil && attempts <= retries {
          attempts += 1
          do { entry = try evaluate(cell) } catch { lastProblem = "\(error)" }
        }
        lock.lock()
        defer { lock.unlock() }
        guard tellError == nil else { return }
        outcome.retried += attempts - 1
        if entry == nil { outcome.failed += 1 } else { outcome.evaluated += 1 }
        do {
          let failure = "failed after \(attempts) attempts (\(lastProblem))"
          // The reason is kept in the trial file (cut to what tell keeps).
          let toldEntry = entry ?? TellEntry(value: nil, reason: String(failure.prefix(TellEntry.reasonLimit)))
          _ = try session.tell([(cell.id, toldEntry, 1)], source: "the output of \(cell.id)")
          let result = entry?.value.map { "\($0)" } ?? failure
          log?("\(cell.id) \(cell.cellArgument): \(result)")
          told?(cell, entry)
        } catch {
          tellError = error
        }
      }
      if let tellError { throw tellError }
    }
    outcome.runFinished = session.isFinished
    return outcome
  }

  /// Runs the command once for a cell; throws `InputError` when it fails.
  func evaluate(_ cell: ProposedCell) throws -> TellEntry {
    let substituted = command
      .replacingOccurrences(of: "{cell}", with: CommandEvaluator.shellQuote(cell.cellArgument))
      .replacingOccurrences(of: "{id}", with: CommandEvaluator.shellQuote(cell.id))
      .replacingOccurrences(of: "{trial}", with: String(cell.trial))
    var environment = ProcessInfo.processInfo.environment
    environment["AGNET_CELL"] = cell.cellArgument
    environment["AGNET_ID"] = cell.id
    environment["AGNET_TRIAL"] = String(cell.trial)
    environment["AGNET_SPACE"] = cell.space
    let run = try ShellCommand.run(substituted, environment: environment, timeout: timeout)
    switch run.ending {
    case .timedOut: throw InputError("timed out after \(timeout!) s")
    case .signalled(let signal): throw InputError("killed by signal \(signal)")
    case .exited(let status) where status != 0: throw InputError("exit status \(status)")
    case .exited: break
    }
    let lines = String(decoding: run.output, as: UTF8.self).split(whereSeparator: \.isNewline)
    guard let last = lines.last(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
      throw InputError("no output")
    }
    let entry = try TellEntry.parse(commandOutput: last, expectedID: cell.id)
    // Told, it would be refused and stop the whole evaluation: a failed attempt instead.
    if let column = session.config.settings.objective?.column, entry.costs?[column] == nil {
      throw InputError("the output has no \(column), which the run's bound needs: print {\"value\": …, \"costs\": {\"\(column)\": …}}")
    }
    return entry
  }

  /// `text` as one word for /bin/sh.
  static func shellQuote(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}
