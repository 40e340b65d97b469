import ArgumentParser
import AskTellRuns
import Foundation
import Runs
import SearchSpaces

/// `agnet evaluate`: ask, run the user's command per cell, tell, until the budget.
struct EvaluateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "evaluate",
    abstract: "Run a command for every proposed cell and tell its result, until the run is finished.",
    usage: "agnet evaluate --run <dir> --command <command> [<options>]",
    discussion: """
      The command runs under /bin/sh with {cell} (the arch string, or NAS-Bench-101's JSON \
      object), {id} and {trial} replaced, shell-quoted; the same are in the environment as \
      AGNET_CELL, AGNET_ID, AGNET_TRIAL and AGNET_SPACE. The last non-empty line it prints is its \
      result: a number (the search metric), or a JSON object as `agnet tell` reads (value, report, \
      costs). Its standard error passes through.

      A command that exits non-zero, prints no number or runs past --timeout is retried --retries \
      times, then told as failed (see agnet init --help) and the search goes on. Every result is \
      told as soon as it is known: stop and restart evaluate at any time. The command runs in a \
      process group of its own: it is done when the shell exits (what it left in the background is \
      killed), and --timeout bounds the elapsed time and kills the whole group.

      Examples:
        agnet evaluate --run runs/mine --command 'python3 train.py --cell {cell}'
        agnet evaluate --run runs/check \\
            --command 'python3 examples/evaluate_nb201.py --cell {cell}' --jobs 2 \\
            --retries 1 --timeout 3600
      """)

  @OptionGroup var runDirectory: AskTellRunOptions

  @Option(help: ArgumentHelp("The evaluation command (run by /bin/sh).", valueName: "command"))
  var command: String

  @Option(help: "Commands run at once.")
  var jobs: Int = 1

  @Option(help: "Extra attempts for a failing command before it is told as failed.")
  var retries: Int = 0

  @Option(help: ArgumentHelp("Seconds before a command is killed (default: no limit).", valueName: "seconds"))
  var timeout: Double?

  @OptionGroup var output: OutputOptions

  func validate() throws {
    guard !command.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--command is empty.") }
    guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1.") }
    guard CommandEvaluator.retryRange.contains(retries) else {
      throw ValidationError("--retries must be \(CommandEvaluator.retryRange.lowerBound)…\(CommandEvaluator.retryRange.upperBound).")
    }
    guard timeout.map({ $0 > 0 }) ?? true else { throw ValidationError("--timeout must be positive.") }
  }

  func run() throws {
    try reportingInputErrors {
      let evaluator = try CommandEvaluator(session: try runDirectory.open(), command: command, jobs: jobs, retries: retries,
                                           timeout: timeout)
      evaluator.log = output.quiet ? nil : printNote
      if output.json {
        let events = EventWriter()
        evaluator.told = { cell, entry in events.emit(cell.toldEvent(entry)) }
        try evaluator.run()
        return
      }
      let outcome = try evaluator.run()
      print("Evaluated \(outcome.evaluated) cell(s), \(outcome.failed) failed, \(outcome.retried) retried."
        + (outcome.runFinished ? " The run is finished: \(runDirectory.url.path)/summary.md." : ""))
    }
  }
}

extension ProposedCell {
  /// The `told` event of `agnet evaluate --json`: the result as the command gave it (the failure
  /// value a failed evaluation is told as is the run's own: `value` is null then).
  func toldEvent(_ entry: TellEntry?) -> RunEvent {
    var fields: [String: JSONValue] = ["id": .string(id), "trial": .int(trial), "query": .int(query)]
    fields["failed"] = .bool(entry?.value == nil)
    fields["value"] = .number(entry?.value)
    if let report = entry?.report { fields["report"] = .double(report) }
    if let costs = entry?.costs { fields["costs"] = .object(costs.mapValues(JSONValue.double)) }
    return RunEvent("told", fields)
  }
}
