import ArgumentParser
import Benchmarks
import Foundation

/// `agnet bench tables`: load time of every catalogue table in the data directory.
struct BenchTablesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tables",
    abstract: "Time loading each benchmark table (median of several loads; target for NAS-Bench-201: 0.1 s).",
    discussion: """
      Each load is what a search does before it starts: read the CSV, parse every cell, check every
      value, join the HW-NAS-Bench costs (CIFAR-10) and index the cells. Run a release build.

      Examples:
        swift build -c release --product agnet && .build/release/agnet bench tables
        .build/release/agnet bench tables --data-dir ../shared/benchmarks --repeats 15
      """)

  @OptionGroup var data: DataDirectoryOptions

  @Option(help: "Loads per table.")
  var repeats = 9

  func validate() throws {
    guard repeats > 0 else { throw ValidationError("--repeats must be positive.") }
  }

  func run() throws {
    try reportingInputErrors {
      let (timings, skipped) = try TableLoadTiming.measure(dataDirectory: data.directory, repeats: repeats)
      for timing in timings {
        let spread = timing.seconds.map { String(format: "%.1f", $0 * 1000) }.joined(separator: " ")
        print("\(timing.name.padding(toLength: 24, withPad: " ", startingAt: 0)) \(timing.cells) cells  median \(String(format: "%.1f", timing.median * 1000)) ms, min \(String(format: "%.1f", timing.seconds.min()! * 1000)) ms  (all: \(spread) ms)")
      }
      for name in skipped { print("\(name): skipped, its table is not in \(data.directory.url.path)") }
    }
  }
}
