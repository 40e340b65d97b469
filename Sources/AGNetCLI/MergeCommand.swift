import ArgumentParser
import Foundation
import Runs

/// `agnet merge`: one run from the shards of a search.
struct MergeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "merge",
    abstract: "Join the run directories of a sharded search (agnet search --shard i/n) into one run.",
    discussion: """
      The runs must have the same configuration apart from the shard, be finished, and together \
      hold every trial exactly once. The output directory (new or empty) gets config.json, every \
      trial-<t>.json (copied byte for byte), timing.json, summary.json and summary.md: the files \
      of the same search run unsharded.

      Examples:
        agnet merge --output runs/re-c10 runs/re-c10-s0 runs/re-c10-s1
      """)

  @Option(help: ArgumentHelp("The merged run directory (new or empty).", valueName: "dir"))
  var output: String

  @Argument(help: ArgumentHelp("The shards' run directories.", valueName: "run"))
  var runs: [String]

  func validate() throws {
    guard !runs.isEmpty else { throw ValidationError("Give the run directories to merge.") }
    guard !output.isEmpty else { throw ValidationError("--output is empty: give the merged run directory.") }
  }

  func run() throws {
    try reportingInputErrors {
      let summary = try RunMerge.merge(runs.map { URL(fileURLWithPath: $0) }, into: URL(fileURLWithPath: output))
      print(SummaryMarkdown(summary: summary, config: try JSONFiles.read(RunConfig.self,
        from: URL(fileURLWithPath: output).appendingPathComponent("config.json"))).text, terminator: "")
      print("Merged \(runs.count) run(s), \(summary.trials) trials, into \(output).")
    }
  }
}
