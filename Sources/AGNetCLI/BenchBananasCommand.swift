import ArgumentParser
import Timing
import Baselines
import Benchmarks
import Foundation
import Optimization
import SearchSpaces

/// `agnet bench bananas`: time of whole BANANAS trials on NAS-Bench-201.
struct BenchBananasCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bananas",
    abstract: "Time BANANAS trials on NAS-Bench-201 (published settings; target: a 320-query trial in under 30 s).",
    usage: "agnet bench bananas [<options>]",
    discussion: """
      Runs one BANANAS trial per seed (10 random cells, then rounds of 10: train 5 MLPs of 10×20 for
      150 epochs, score 100 mutation candidates by independent Thompson sampling) and prints its
      wall time and the best validation accuracy found, with random search on the same budget and
      seed beside it. Build in release first: swift build -c release --product agnet

      Examples:
        agnet bench bananas
        agnet bench bananas --dataset cifar100 --queries 150 --seeds 5
      """)

  @OptionGroup var data: DataDirectoryOptions

  @Option(help: "NAS-Bench-201 dataset: cifar10, cifar100, imagenet16.")
  var dataset = "cifar10"

  @Option(help: "Queries per trial.")
  var queries = 320

  @Option(help: "Trials (seeds 1…n).")
  var seeds = 1

  @Option(help: "Training epochs per round (published: 150).")
  var epochs = BANANASConfiguration().epochs

  func validate() throws {
    guard NASBench201Dataset(rawValue: dataset) != nil else {
      throw ValidationError("--dataset must be one of \(NASBench201Dataset.allCases.map(\.rawValue).joined(separator: ", ")).")
    }
    guard queries > 0, seeds > 0, epochs > 0 else { throw ValidationError("--queries, --seeds and --epochs must be positive.") }
  }

  func run() throws {
    try reportingInputErrors {
      let table = try BenchmarkCatalog.nasbench201(dataset: NASBench201Dataset(rawValue: dataset)!, dataDirectory: data.directory)
      var configuration = BANANASConfiguration()
      configuration.epochs = epochs
      let trials = try BANANASTiming.run(
        domain: SearchDomain(space: table.space), configuration: configuration, seeds: (1...seeds).map(UInt64.init),
        queries: queries, batchSize: BANANASConfiguration.publishedBatchSize, value: table.searchValue(of:))
      for trial in trials {
        print(String(format: "seed %llu: %.2f s (CPU %.2f s)  best %@ %.4f  (random search %.4f)", trial.seed, trial.seconds,
                     trial.cpuSeconds, table.searchMetric, trial.best, trial.randomSearchBest))
      }
      let median = { (xs: [Double]) in xs.sorted()[xs.count / 2] }
      let mean = { (xs: [Double]) in xs.reduce(0, +) / Double(xs.count) }
      print(String(format: "%@ %d queries: median %.2f s a trial (CPU %.2f s); mean best %.4f, random search %.4f", table.name,
                   queries, median(trials.map(\.seconds)), median(trials.map(\.cpuSeconds)), mean(trials.map(\.best)),
                   mean(trials.map(\.randomSearchBest))))
    }
  }
}
