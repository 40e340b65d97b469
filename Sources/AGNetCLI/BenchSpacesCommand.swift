import ArgumentParser
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
      Run it on a release build.

      Examples:
        agnet bench spaces
        agnet bench spaces --threads 1 --json
      """)

  @Option(help: "Threads for the fingerprint pass.")
  var threads: Int = 2

  @Flag(help: "Print the measurements as JSON.")
  var json = false

  func validate() throws {
    guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
  }

  func run() throws {
    let results = NASBench101SpeedBenchmark.run(threads: threads)
    if json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
      print(String(decoding: try encoder.encode(results), as: UTF8.self))
      return
    }
    for result in results {
      let perItem = String(format: "%10.2f µs each", result.microsecondsPerItem)
      print("\(result.name.padding(toLength: 60, withPad: " ", startingAt: 0)) \(String(format: "%8.3f s", result.seconds))  \(String(result.count).leftPadded(8)) items \(perItem)")
    }
  }
}

private extension String {
  func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
