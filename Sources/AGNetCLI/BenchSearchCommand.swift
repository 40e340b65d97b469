import AGNet
import ArgumentParser
import Benchmarks
import Foundation
import Methods
import Optimization
import SearchSpaces
import Timing

/// `agnet bench search`: wall-clock and CPU time of AG-Net trials on NAS-Bench-201.
struct BenchSearchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "search",
    abstract: "Time AG-Net trials of 320 queries on NAS-Bench-201 CIFAR-10 (target: ≤ 10 s a trial on 2 free cores).",
    usage: "agnet bench search [<options>]",
    discussion: """
      Runs trials with the shipped generator and the published settings (or --param overrides, as
      in agnet search), outside a run directory, and prints per trial: wall-clock seconds, process
      CPU seconds (all threads; steadier when other work shares the machine), the wall-clock split
      between weighted retraining and candidate generation, and the best validation accuracy.
      The published PyTorch code needs 265–293 s for such a trial. Build in release first.

      Examples:
        swift build -c release --product agnet && .build/release/agnet bench search
        .build/release/agnet bench search --trials 3 --param shards=1
      """)

  @OptionGroup var data: DataDirectoryOptions

  @Option(help: "Trials to time (seeds 0, 1, …).")
  var trials = 3

  @Option(name: .customLong("param"), help: ArgumentHelp("An AG-Net hyperparameter, name=value (repeatable).", valueName: "name=value"))
  var parameters: [String] = []

  func validate() throws {
    guard trials > 0 else { throw ValidationError("--trials must be positive.") }
  }

  func run() throws {
    try reportingInputErrors {
      let method = AGNetMethod()
      let overrides = try ParameterOverrides.parse(parameters, methods: [method])[method.name] ?? [:]
      let table = try BenchmarkCatalog.nasbench201(dataset: .cifar10, dataDirectory: data.directory)
      let space = table.space
      let settings = try AGNetSettings.resolve(overrides, space: space.name, method: method.name)
      let configuration = try settings.configuration(space: space.name)
      let (checkpoint, file) = try AGNetMethod.generatorCheckpoint(source: settings.search.generator,
                                                                  space: space, runDirectory: nil, method: method.name)
      print("trial  wall s   CPU s  retrain s  generate s  best valid")
      for trial in 0..<trials {
        let r = try SearchTiming.trial(domain: SearchDomain(space: space, members: table.cells),
                                          generator: { try AGNetMethod.generator(checkpoint, file: file) },
                                          configuration: configuration, seed: UInt64(trial)) { table.searchValue(of: $0)! }
        print(String(format: "%5d %7.2f %7.2f %10.2f %11.2f %11.3f", trial, r.wallSeconds, r.cpuSeconds, r.retrainingSeconds,
                     r.generatingSeconds, r.best))
      }
    }
  }
}
