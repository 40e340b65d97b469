import ArgumentParser
import Benchmarks
import Foundation
import Methods
import Optimization
import Runs
import SearchSpaces

/// `agnet search`: one method, seeded trials, one run directory.
struct SearchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "search",
    abstract: "Run a search method for seeded trials on a tabular benchmark; resumable, one directory per run.",
    discussion: """
      Trial t uses seed SEED + t. Every round of every trial is saved: run the same command again \
      after an interruption (Ctrl-C, kill, a crash) and it continues where it stopped, ending with \
      the same files as an uninterrupted run. A directory holding a different configuration is \
      refused. --jobs N runs N trials at once with the same results.

      Files in the output directory: config.json, trial-<t>.json, summary.json, summary.md and \
      timing.json; with a cost objective also pareto.svg. Only timing.json and the wall-clock \
      fields of the summaries differ between two runs of the same command.

      Hardware-aware search: --cost COL --max-cost X [--mode constraint|joint]. Cells without a \
      value of COL are not in the table for the run. The reported cell (the trajectory's fields, \
      `best`) is the best-validation cell with COL ≤ X (constraint) or the one with the lowest \
      (accuracy rank + cost rank) × penalty, penalty 1000 over the bound (joint); the optimum is \
      the best cell within the bound. Every method, aware of costs or not, is judged this way. \
      Each trial file adds the Pareto front of its queries and its hypervolume (reference: \
      accuracy 0 and the table's highest cost). Costs: `agnet benchmark info` lists them \
      (HW-NAS-Bench devices on nasbench201/cifar10, e.g. fpga_latency_ms, pixel3_latency_ms, raspi4_latency_ms).

      Methods:
      \(MethodRegistry.standard.tableHelpText)

      Examples:
        agnet search --benchmark nasbench201 --dataset cifar10 --method re --trials 10 \
      --output runs/re-c10
        agnet search --benchmark nasbench201 --dataset cifar100 --method ls --trials 100 --jobs 2 \
      --output runs/ls-c100
        agnet search --benchmark nasbench101 --method re --param population_size=50 --trials 10 \
      --output runs/re50-nb101
        agnet search --benchmark nasbench201 --dataset imagenet16 --trials 10 --jobs 2 \
      --output runs/agnet-in16
        agnet search --benchmark nasbench201 --generator my-generator.agnet --param alpha=0.5 \
      --trials 3 --output runs/a05
        agnet search --benchmark nasbench201 --method agnet-hw --cost fpga_latency_ms --max-cost 2.8 \
      --trials 10 --output runs/hw-fpga
        agnet search --benchmark nasbench201 --method re --trials 10 --shard 0/2 --output runs/re-s0
        (another machine: --shard 1/2 --output runs/re-s1; then agnet merge --output runs/re runs/re-s0 runs/re-s1)
      """)

  @OptionGroup var benchmark: BenchmarkOptions

  @Option(help: ArgumentHelp("The search method (\(MethodRegistry.standard.names.joined(separator: ", "))).", valueName: "name"))
  var method: String = "agnet"

  @OptionGroup var trials: TrialOptions

  @Option(help: ArgumentHelp("Run only the trials t with t % n == i (join the shards with agnet merge).", valueName: "i/n"))
  var shard: String?

  func validate() throws {
    if let shard {
      do { _ = try TrialShard(parsing: shard) } catch let error as InputError { throw ValidationError("--shard: \(error.message).") }
    }
  }

  func run() throws {
    try reportingInputErrors {
      let method = try MethodRegistry.standard.method(named: self.method)
      let parameters = try ParameterOverrides.parse(trials.parameterItems, methods: [method])[method.name] ?? [:]
      try benchmark.load().run(SearchBody(labels: try benchmark.runLabels, method: method, parameters: parameters,
                                          options: trials, shard: try shard.map(TrialShard.init(parsing:))))
    }
  }

  private struct SearchBody: TableBody {
    let labels: (benchmark: String, dataset: String)
    let method: any SearchMethod
    let parameters: [String: String]
    let options: TrialOptions
    let shard: TrialShard?

    func run<Space: SearchSpace>(_ table: TabularBenchmark<Space>) throws {
      if let fileSpace = table.space as? FileSpace { try FileSpaceMethods.check(method, on: fileSpace) }
      let run = try SearchRun(benchmark: table, benchmarkName: labels.benchmark, dataset: labels.dataset,
                              method: method, parameters: parameters,
                              settings: options.settings(defaultBatchSize: method.defaultBatchSize),
                              seed: options.seed, trials: options.trials, shard: shard, directory: options.outputURL)
      let display = ProgressDisplay(trialsPerMethod: run.config.trialIndices.count)
      let summary = try run.execute(jobs: options.jobs, observer: display)
      display.finish()
      print(SummaryMarkdown(summary: summary, config: run.config).text, terminator: "")
      print("Wrote \(run.directory.url.path)/summary.md, summary.json and \(run.config.trialIndices.count) trial files.")
    }
  }
}

/// The options every command that runs trials shares.
struct TrialOptions: ParsableArguments {
  @Option(help: "Number of trials (trial t uses seed SEED + t).")
  var trials: Int = 10

  @Option(parsing: SeedArgument.parsing, help: "Seed of trial 0. (default: 0)", transform: SeedArgument.parse)
  var seed: UInt64 = 0

  @Option(help: "Distinct cells queried per trial.")
  var budget: Int = TrialSettings.defaultBudget

  @Option(name: .customLong("batch-size"), help: ArgumentHelp(
    "Cells per ask (default: the method's own: 16 for rs and agnet, 1 for re and ls).", valueName: "k"))
  var batchSize: Int?

  @Option(name: .customLong("report-every"), help: "Queries between trajectory points.")
  var reportEvery: Int = TrialSettings.defaultReportEvery

  @OptionGroup var cost: CostOptions

  @Option(name: .customLong("param"), help: ArgumentHelp(
    "A method hyperparameter, name=value or method.name=value (repeatable).", valueName: "name=value"))
  var parameters: [String] = []

  @Option(help: ArgumentHelp(
    "AG-Net's pretrained generator (default: the one shipped for the space); short for --param generator=FILE (every AG-Net method run).",
    valueName: "file"))
  var generator: String?

  /// The `--param` items with the shortcut options added.
  var parameterItems: [String] { parameters + (generator.map { ["generator=\($0)"] } ?? []) }

  @Option(help: "Trials run at once (threads); results do not depend on it.")
  var jobs: Int = 1

  @Option(help: ArgumentHelp("The run directory (created, or continued when it exists).", valueName: "dir"))
  var output: String

  func validate() throws {
    guard trials >= 1 else { throw ValidationError("--trials must be at least 1.") }
    guard budget >= 1 else { throw ValidationError("--budget must be at least 1.") }
    guard batchSize.map({ $0 >= 1 }) ?? true else { throw ValidationError("--batch-size must be at least 1.") }
    guard reportEvery >= 1 else { throw ValidationError("--report-every must be at least 1.") }
    guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1.") }
    guard !output.isEmpty else { throw ValidationError("--output needs a directory.") }
  }

  var outputURL: URL { URL(fileURLWithPath: output) }

  func settings(defaultBatchSize: Int) -> TrialSettings {
    TrialSettings(budget: budget, batchSize: batchSize ?? defaultBatchSize, reportEvery: reportEvery, costs: cost.costs,
                  objective: cost.objective)
  }
}

/// Generic work on a loaded table, whatever its space.
protocol TableBody {
  func run<Space: SearchSpace>(_ table: TabularBenchmark<Space>) throws
}

extension LoadedBenchmark {
  /// Calls `body` with the table as its concrete space: the one switch over spaces for every
  /// command that runs searches.
  func run<Body: TableBody>(_ body: Body) throws {
    switch self {
    case .nasbench201(let table): try body.run(table)
    case .nasbench101(let table): try body.run(table)
    case .file(let table): try body.run(table)
    }
  }
}

extension BenchmarkOptions {
  /// How a run's config names the table: the catalogue's benchmark and dataset, or for a user's
  /// table its space and file name.
  var runLabels: (benchmark: String, dataset: String) {
    get throws {
      switch try request {
      case let .catalog(benchmark, dataset): return (benchmark.rawValue, dataset)
      case let .table(file, space, _, _): return ("\(space.name)-table", file.lastPathComponent)
      }
    }
  }
}
