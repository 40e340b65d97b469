import ArgumentParser
import AskTellRuns
import Foundation
import SearchSpaces

/// `agnet ask`: the next cells to evaluate, as JSON lines.
struct AskCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ask",
    abstract: "Print the next cells to evaluate, one JSON object per line.",
    usage: "agnet ask --run <dir> [<options>]",
    discussion: """
      Each line is {"cell": …, "id": "t<trial>-q<query>", "space": …, "trial": t, …}: the cell is \
      NAS-Bench-201's arch string, DARTS genotype text, or NAS-Bench-101's {"adjacency_bits", \
      "hash", "ops", "vertices"}. The line is the "cell" event of docs/cli.md's JSON Lines schema: \
      it also has "event": "cell", "query" (the query's index in its trial) and "schema": 1. Asking \
      again before telling prints the same cells (a method's next batch comes only once the whole \
      current batch is told); cells of several trials are independent. Nothing on stdout, a note on \
      stderr and exit status 0: nothing to evaluate (the run is finished, or with --claim every \
      cell is handed out).

      --claim hands each cell out once, for parallel workers (a Slurm job array): a worker that \
      died leaves its cell untold, and a plain ask still shows it. Each claim records --worker \
      (a name of your choice) and the time: --reclaim-after S hands out again cells claimed more \
      than S seconds ago, --reclaim-worker NAME those a worker known to be dead holds.

      Examples:
        agnet ask --run runs/mine
        agnet ask --run runs/mine --count 4
        agnet ask --run runs/mine --count 1 --claim
        agnet ask --run runs/mine --count 1 --claim --worker node7 \\
          --reclaim-after 7200
      """)

  @OptionGroup var runDirectory: AskTellRunOptions

  @Option(help: "Most cells to print (default: all of the pending batch, up to 1000).")
  var count: Int = 1000

  @Flag(help: "Print only cells no earlier --claim printed, and mark them.")
  var claim = false

  @Option(help: ArgumentHelp("With --claim: the worker's name, recorded with its claims.", valueName: "name"))
  var worker: String = ""

  @Option(name: .customLong("reclaim-after"),
          help: ArgumentHelp("With --claim: also hand out cells claimed at least this many seconds ago.", valueName: "seconds"))
  var reclaimAfter: Double?

  @Option(name: .customLong("reclaim-worker"),
          help: ArgumentHelp("With --claim: also hand out the cells this (dead) worker holds (repeatable).", valueName: "name"))
  var reclaimWorkers: [String] = []

  @Flag(help: "Accepted for symmetry with the other commands: the lines always are JSON events.")
  var json = false

  func validate() throws {
    guard count >= 1 else { throw ValidationError("--count must be at least 1.") }
    if !claim && (!worker.isEmpty || reclaimAfter != nil || !reclaimWorkers.isEmpty) {
      throw ValidationError("--worker, --reclaim-after and --reclaim-worker need --claim.")
    }
    if let reclaimAfter, !(reclaimAfter >= 0 && reclaimAfter.isFinite) {
      throw ValidationError("--reclaim-after must be a number of seconds, 0 or more.")
    }
  }

  func run() throws {
    try reportingInputErrors {
      let session = try runDirectory.open()
      let request = claim ? ClaimRequest(worker: worker, reclaimAfter: reclaimAfter, reclaimWorkers: Set(reclaimWorkers)) : nil
      let cells = try session.ask(count: count, claiming: request)
      for cell in cells { print(cell.jsonLine) }
      if cells.isEmpty {
        printNote(session.isFinished
          ? "Nothing to ask: the run is finished (\(runDirectory.url.path)/summary.md)."
          : "Nothing to ask: every pending cell is claimed and untold (a plain agnet ask lists them).")
      }
    }
  }
}
