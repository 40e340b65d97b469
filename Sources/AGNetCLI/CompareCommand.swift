import ArgumentParser
import Benchmarks
import Comparisons
import Foundation
import Methods
import Runs
import SearchSpaces

/// `agnet compare`: several methods, the same trials, one report.
struct CompareCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compare",
    abstract: "Run several search methods with the same seeds and budget; write results.json, report.md and report.svg.",
    discussion: """
      Each method gets its own run directory, DIR/<method>, with the files of `agnet search`; all \
      trials of all methods share the --jobs threads. Resumable like a search (run the same \
      command again); adding a method to a finished comparison runs only the new method. Results \
      do not depend on --jobs.

      report.md: the report metric (test accuracy) of the best-validation cell at 16…304 queries, \
      mean ± std, beside random search's exact expectation; how many trials found the table's \
      best-validation cell and the median number of queries to do so; wall-clock per trial. \
      report.svg: best validation so far against queries, median and inter-quartile band per \
      method, the table's optimum dashed (`agnet plot` redraws it).

      Variants: an entry NAME=METHOD:param=value[:param=value…] runs METHOD with those \
      parameters under NAME (its directory DIR/NAME, its row in the reports, and the prefix for \
      --param NAME.param=value); its own settings win over --param. The AG-Net ablations in one \
      command: --methods agnet,agnet-xgb,wo-lso=agnet:weighting=uniform,\
      wo-bp=agnet:predictor_input=encoding,rs. Values containing ',' or ':' go in --param.

      Methods:
      \(MethodRegistry.standard.tableHelpText)

      With --cost COL --max-cost X [--mode constraint|joint] (see `agnet search --help`) every \
      method is judged by that objective: report.md adds each method's accuracy of the reported \
      cell, how often it kept the bound and its hypervolume; pareto.svg shows trial 0's fronts.

      Examples:
        agnet compare --benchmark nasbench201 --methods agnet-hw,re --cost pixel3_latency_ms \
      --max-cost 13 --budget 192 --trials 10 --output runs/hw-pixel3
        agnet compare --benchmark nasbench201 --dataset cifar10 --methods rs,re,ls --trials 10 \
      --output runs/c10
        agnet compare --benchmark nasbench201 --dataset imagenet16 --methods rs,re,ls --trials 100 \
      --jobs 2 --output runs/in16
        agnet compare --benchmark nasbench201 --methods re,ls --param re.tournament_size=5 \
      --trials 10 --output runs/t5
        agnet compare --benchmark nasbench201 --methods re,re5=re:tournament_size=5,re25=re:tournament_size=25 \
      --trials 10 --output runs/tournament
      """)

  @OptionGroup var benchmark: BenchmarkOptions

  @Option(help: ArgumentHelp("Comma-separated methods, in report order (\(MethodRegistry.standard.names.joined(separator: ", "))), "
                             + "or named variants NAME=METHOD:param=value.",
                             valueName: "list"))
  var methods: String

  @OptionGroup var trials: TrialOptions

  func run() throws {
    try reportingInputErrors {
      let choices = try MethodList.choices(methods, parameterItems: trials.parameterItems)
      try benchmark.load().run(CompareBody(labels: try benchmark.runLabels, choices: choices, options: trials))
    }
  }

  private struct CompareBody: TableBody {
    let labels: (benchmark: String, dataset: String)
    let choices: [MethodChoice]
    let options: TrialOptions

    func run<Space: SearchSpace>(_ table: TabularBenchmark<Space>) throws {
      if let fileSpace = table.space as? FileSpace { try choices.forEach { try FileSpaceMethods.check($0.method, on: fileSpace) } }
      let comparison = try ComparisonRun(benchmark: table, benchmarkName: labels.benchmark, dataset: labels.dataset,
                                         methods: choices, budget: options.budget, reportEvery: options.reportEvery,
                                         batchSize: options.batchSize, costs: options.cost.costs, objective: options.cost.objective,
                                         seed: options.seed, trials: options.trials,
                                         directory: options.outputURL)
      let display = ProgressDisplay(trialsPerMethod: options.trials)
      let results = try comparison.execute(jobs: options.jobs, observer: display)
      display.finish()
      print(ComparisonMarkdown(results: results).text, terminator: "")
      print("Wrote \(comparison.resultsURL.path), report.md and report.svg.")
    }
  }
}
