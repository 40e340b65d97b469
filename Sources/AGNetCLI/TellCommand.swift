import ArgumentParser
import Foundation
import SearchSpaces

/// `agnet tell`: results of asked cells, as JSON lines.
struct TellCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tell",
    abstract: "Tell the results of asked cells, one JSON object per line (stdin or --file).",
    discussion: """
      Each line: {"id": "t0-q5", "value": 91.3} with optional "report" (the metric reported for \
      the best cell, e.g. test accuracy) and "costs" ({"latency_ms": 3.1}, the run's --cost names); \
      a failed evaluation: {"id": "t0-q5", "failed": true} with an optional "reason" (kept in the \
      trial file as the query's "failure"). Blank lines are skipped. The whole \
      input is checked before anything is applied: an unknown or already told id, an id twice, a \
      malformed line is an error naming the line, and the run is unchanged.

      Examples:
        echo '{"id": "t0-q0", "value": 91.3, "report": 90.9}' | agnet tell \\
            --run runs/mine
        agnet tell --run runs/mine --file results.jsonl
      """)

  @OptionGroup var runDirectory: AskTellRunOptions

  @Option(help: ArgumentHelp("Read results from this file instead of standard input.", valueName: "file"))
  var file: String?

  func run() throws {
    try reportingInputErrors {
      let session = try runDirectory.open()
      let data: Data
      if let file {
        data = try InputFile.read(file)
      } else {
        data = FileHandle.standardInput.readDataToEndOfFile()
      }
      let receipt = try session.tell(data, source: file ?? "<stdin>")
      var message = "Told \(receipt.told) result(s); \(receipt.completedBatches) batch(es) complete."
      if !receipt.finishedTrials.isEmpty {
        message += " Finished trial(s) \(receipt.finishedTrials.map(String.init).joined(separator: ", "))."
      }
      if receipt.runFinished { message += " The run is finished: \(runDirectory.url.path)/summary.md." }
      printNote(message)
    }
  }
}
