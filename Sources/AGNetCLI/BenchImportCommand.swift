import ArgumentParser
import Timing
import Benchmarks
import Foundation

/// `agnet bench import`: speed of `agnet data import nasbench101`.
struct BenchImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Time the NAS-Bench-101 import on a synthetic file in the official format (target: 200,000 records/s).",
    usage: "agnet bench import [<options>]",
    discussion: """
      Writes a TFRecord file of --cells NAS-Bench-101 cells with 3 runs each (by
      default as many as the real nasbench_only108.tfrecord: 423,624 cells,
      1,270,872 records, about 0.5 GB in the temporary folder), then imports it
      --repeats times into a temporary data directory: reading, both CRCs, JSON,
      base64, protobuf, every fingerprint, the means, writing the table. Making
      the file is not timed. Prints wall-clock and process CPU seconds per import
      and records per second (median wall). Run a release build.

      Examples:
        swift build -c release --product agnet
        .build/release/agnet bench import
        agnet bench import --cells 100000 --repeats 5 --threads 1
      """)

  @Option(help: "Cells in the synthetic file (3 runs each).")
  var cells = 423_624

  @Option(help: "Imports to time.")
  var repeats = 3

  @Option(help: "Threads for parsing and fingerprints (default: the processor count).")
  var threads = ProcessInfo.processInfo.activeProcessorCount

  func validate() throws {
    guard cells > 0 else { throw ValidationError("--cells must be positive.") }
    guard repeats > 0 else { throw ValidationError("--repeats must be positive.") }
    guard threads > 0 else { throw ValidationError("--threads must be positive.") }
  }

  func run() throws {
    try reportingInputErrors {
      let timing = try NASBench101ImportTiming.measure(cells: cells, threads: threads, repeats: repeats)
      print("file: \(timing.records) records, \(String(format: "%.1f", Double(timing.bytes) / 1e6)) MB; threads \(threads)")
      for (k, seconds) in timing.seconds.enumerated() {
        print(String(format: "import %d: %.3f s wall, %.3f s CPU, %.0f records/s", k + 1, seconds, timing.cpuSeconds[k],
                     Double(timing.records) / seconds))
      }
      print(String(format: "import_records_per_s (median wall): %.0f", timing.medianRecordsPerSecond))
    }
  }
}
