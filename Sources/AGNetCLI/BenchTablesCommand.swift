import ArgumentParser
import Timing
import Benchmarks
import Foundation

/// `agnet bench tables`: load time of every catalogue table in the data directory.
struct BenchTablesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tables",
    abstract: "Time loading each benchmark table (median of several loads; target for NAS-Bench-201: 0.1 s).",
    discussion: """
      Each load is what a search does before it starts: read the CSV, parse every cell, check every
      value, join the HW-NAS-Bench costs (CIFAR-10) and index the cells. Prints wall-clock median
      and minimum and the median process CPU time (steadier on a busy machine). Run a release build.

      Examples:
        swift build -c release --product agnet && .build/release/agnet bench tables
        .build/release/agnet bench tables --repeats 15
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
      print("table                    cells   median ms   min ms   median CPU ms")
      for timing in timings {
        print(timing.name.padding(toLength: 22, withPad: " ", startingAt: 0)
          + String(format: " %7d %11.1f %8.1f %15.1f", timing.cells, timing.median * 1000, timing.seconds.min()! * 1000, timing.medianCPU * 1000))
      }
      for name in skipped { printNote("\(name): skipped, its table is not in \(data.directory.url.path)") }
    }
  }
}
