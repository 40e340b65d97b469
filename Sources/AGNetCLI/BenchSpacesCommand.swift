import ArgumentParser
import Timing
import Foundation
import SearchSpaces

/// `agnet bench spaces`: speed of the search-space code.
struct BenchSpacesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "spaces",
    abstract: "Time the NAS-Bench-101 enumeration, fingerprints, neighbours and encodings.",
    discussion: """
      Enumerates the 423,624 NAS-Bench-101 cells from scratch (structure pass, then fingerprints on
      --threads threads), then times one-thread fingerprints, neighbour lists and graph encodings.
      Prints wall-clock and process CPU seconds (the steadier number on a shared machine) and
      microseconds per item (wall). Run it on a release build.

      Then, for each space file in --space-files (default: spaces/, when present), times loading the
      file and drawing 10,000 cells, and enumerating it when it can be listed: the NAS-Bench-101
      file's enumeration is measured in the same run as the built-in one above.

      Examples:
        agnet bench spaces
        agnet bench spaces --threads 1 --json
      """)

  @Option(help: "Threads for the fingerprint pass.")
  var threads: Int = 2

  @Option(name: .customLong("space-files"), help: ArgumentHelp("A folder of space files to time (*.toml).", valueName: "dir"))
  var spaceFiles: String = "spaces"

  @Flag(help: "Print the measurements as JSON.")
  var json = false

  func validate() throws {
    guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
  }

  func run() throws {
    var results = NASBench101SpaceTiming.run(threads: threads)
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: spaceFiles)) ?? []).filter { $0.hasSuffix(".toml") }.sorted()
    let files = names.compactMap { name -> (path: String, text: String)? in
      let path = spaceFiles + "/" + name
      return (try? String(contentsOfFile: path, encoding: .utf8)).map { (path, $0) }
    }
    results += SpaceFileTiming.run(files: files)
    if json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
      print(String(decoding: try encoder.encode(results), as: UTF8.self))
      return
    }
    print("\("measurement".padding(toLength: 58, withPad: " ", startingAt: 0))   wall s    CPU s     items   µs each")
    for result in results {
      print(result.name.padding(toLength: 58, withPad: " ", startingAt: 0)
        + String(format: " %8.3f %8.3f %9d %9.2f", result.seconds, result.cpuSeconds, result.count, result.microsecondsPerItem))
    }
  }
}
