import ArgumentParser
import AskTellRuns
import Benchmarks
import Foundation
import Methods
import Runs
import SearchSpaces

/// `agnet init`: creates an ask/tell run, searched with the user's own evaluations.
struct InitCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "init",
    abstract: "Create a search driven by your own evaluations (then: agnet ask / tell, or agnet evaluate).",
    discussion: """
      The run directory holds the whole state of the search: ask for cells, train them however \
      you like, tell their results, from any processes and machines, in any order; a crash between \
      two calls loses nothing, and the same answers give the same proposals. The finished run has \
      the files of `agnet search` (trial-<t>.json, summary.json, summary.md). Running init again \
      with the same options does nothing; different options are refused.

      With --benchmark the table's cells are the domain and its optimum is measured (for \
      validating a method or an evaluator; the files equal `agnet search`'s for the same answers). \
      Without it, any cell of --space may be proposed.

      A failed evaluation is told to the method as --failure-value, or by default as the lowest \
      value of the trial so far (0 before any); it counts in the budget.

      Methods:
      \(MethodRegistry.standard.helpText)

      Examples:
        agnet init --run runs/mine --space nasbench201 --method re --budget 100
        agnet init --run runs/check --space nasbench201 --benchmark nasbench201 --dataset cifar10 \
      --method rs --trials 0-9 --batch-size 8
        agnet init --run runs/phone --space nasbench201 --method agnet-hw --cost latency_ms --max-cost 12
      """)

  @OptionGroup var runDirectory: AskTellRunOptions

  @Option(help: ArgumentHelp("The search space: \(SpaceArgument.choices).", valueName: "name|file"))
  var space: SpaceArgument

  @Option(help: ArgumentHelp("The search method (\(MethodRegistry.standard.names.joined(separator: ", "))).", valueName: "name"))
  var method: String

  @Option(help: "Distinct cells evaluated per trial.")
  var budget: Int = TrialSettings.defaultBudget

  @Option(name: .customLong("batch-size"), help: ArgumentHelp("Cells per ask of the method (default: the method's own).", valueName: "k"))
  var batchSize: Int?

  @Option(name: .customLong("report-every"), help: "Queries between trajectory points.")
  var reportEvery: Int = TrialSettings.defaultReportEvery

  @Option(parsing: SeedArgument.parsing, help: "Seed of trial 0 (trial t uses SEED + t). (default: 0)", transform: SeedArgument.parse)
  var seed: UInt64 = 0

  @Option(help: ArgumentHelp("Number of independent trials N, or the range 0-(N-1).", valueName: "N|0-M"))
  var trials: String = "1"

  @Option(name: .customLong("param"), help: ArgumentHelp("A method hyperparameter (repeatable).", valueName: "name=value"))
  var parameters: [String] = []

  /// Costs are told with each result (`"costs": {...}`).
  @OptionGroup var cost: CostOptions

  @Option(name: .customLong("failure-value"), help: "The value failed evaluations are told as (default: the trial's lowest so far).")
  var failureValue: Double?

  @Option(help: "A reference table whose cells are the domain (nasbench201, nasbench101).")
  var benchmark: CatalogBenchmark?

  @Option(help: "The reference table's dataset (default: cifar10).")
  var dataset: String?

  func validate() throws {
    guard budget >= 1 else { throw ValidationError("--budget must be at least 1.") }
    guard batchSize.map({ $0 >= 1 }) ?? true else { throw ValidationError("--batch-size must be at least 1.") }
    guard reportEvery >= 1 else { throw ValidationError("--report-every must be at least 1.") }
    _ = try trialCount()
    if dataset != nil && benchmark == nil { throw ValidationError("--dataset needs --benchmark.") }
  }

  func trialCount() throws -> Int {
    if let n = Int(trials), n >= 1 { return n }
    let parts = trials.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 2, parts[0] == "0", let last = Int(parts[1]), last >= 0, last < Int.max else {
      throw ValidationError("--trials must be a count N >= 1 or a range 0-M.")
    }
    return last + 1
  }

  func run() throws {
    try reportingInputErrors {
      let space = try self.space.resolve()
      let method = try MethodRegistry.standard.method(named: self.method)
      let parameters = try ParameterOverrides.parse(parameters, methods: [method])[method.name] ?? [:]
      let settings = TrialSettings(budget: budget, batchSize: batchSize ?? method.defaultBatchSize,
                                   reportEvery: reportEvery, costs: cost.costs, objective: cost.objective)
      let reference = benchmark.map { BenchmarkRequest.catalog($0, dataset: dataset ?? $0.datasets[0]) }
      let session = try AskTell.create(runDirectory.url, space: space, reference: reference, dataDirectory: runDirectory.data.directory,
                                       method: method, parameters: parameters, settings: settings, seed: seed,
                                       trials: try trialCount(), failureValue: failureValue)
      let config = session.config
      print("Ready: \(config.method) on \(space.name), \(config.trials) trial(s) of \(config.settings.budget) evaluations, "
        + "\(config.settings.batchSize) per ask, in \(runDirectory.url.path). Next: agnet ask --run \(runDirectory.path)")
    }
  }
}

/// `--run DIR` and where reference tables are, for every ask/tell command.
struct AskTellRunOptions: ParsableArguments {
  @Option(help: ArgumentHelp("The ask/tell run directory.", valueName: "dir"))
  var run: String

  @OptionGroup var data: DataDirectoryOptions

  func validate() throws {
    guard !run.isEmpty else { throw ValidationError("--run needs a directory.") }
  }

  var path: String { run }
  var url: URL { URL(fileURLWithPath: run) }

  func open() throws -> any AskTellSession { try AskTell.open(url, dataDirectory: data.directory) }
}
