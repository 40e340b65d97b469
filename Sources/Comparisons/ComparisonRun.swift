import Benchmarks
import Foundation
import Methods
import Optimization
import Runs
import SearchSpaces

/// Several methods on one table with the same trials and budget, one run directory per method
/// (`DIR/<name>/`), all trials of all methods scheduled together; then `DIR/results.json`,
/// `DIR/report.md` and `DIR/report.svg`. Resumable like a single run; adding a method to a finished
/// comparison runs only that method.
public final class ComparisonRun<Space: SearchSpace>: @unchecked Sendable {
  public let directory: URL
  public let runs: [SearchRun<Space>]

  /// - Parameters:
  ///   - batchSize: cells per ask for every method; nil for each method's default.
  ///   - costs, objective: as in `TrialSettings`; every method is judged by the same objective.
  public init(benchmark: TabularBenchmark<Space>, benchmarkName: String, dataset: String, methods: [MethodChoice],
              budget: Int = TrialSettings.defaultBudget, reportEvery: Int = TrialSettings.defaultReportEvery,
              batchSize: Int? = nil, costs: [String] = [], objective: CostObjective? = nil, seed: UInt64 = 0,
              trials: Int, directory: URL) throws {
    guard !methods.isEmpty else { throw InputError("no methods to compare") }
    let names = methods.map(\.name)
    guard Set(names).count == names.count else { throw InputError("a method is listed twice: \(names.joined(separator: ","))") }
    self.directory = directory.standardizedFileURL
    runs = try methods.map { choice in
      try SearchRun(benchmark: benchmark, benchmarkName: benchmarkName, dataset: dataset, method: choice.method,
                    parameters: choice.parameters,
                    settings: TrialSettings(budget: budget, batchSize: batchSize ?? choice.method.defaultBatchSize,
                                            reportEvery: reportEvery, costs: costs, objective: objective),
                    seed: seed, trials: trials, label: choice.name == choice.method.name ? nil : choice.name,
                    directory: directory.appendingPathComponent(choice.name))
    }
  }

  public var resultsURL: URL { directory.appendingPathComponent("results.json") }
  public var reportURL: URL { directory.appendingPathComponent("report.md") }
  public var figureURL: URL { directory.appendingPathComponent("report.svg") }
  /// Hardware-aware comparisons only.
  public var paretoFigureURL: URL { directory.appendingPathComponent("pareto.svg") }

  /// Runs every unfinished trial of every method on `jobs` threads (trial by trial, methods
  /// interleaved), then writes the method summaries, results, report and figure.
  @discardableResult
  public func execute(jobs: Int = 1, observer: RunObserver? = nil) throws -> ComparisonResults {
    // Every method's directory is checked before any is written: a refused comparison changes nothing.
    try RunKind.comparison.check(directory)
    for run in runs { try run.directory.checkExisting(run.config) }
    try FileSystem.createDirectory(directory)
    defer { for run in runs { run.directory.close() } }
    for run in runs { try run.open() }
    let status = observer?.statusHandler
    let perMethod = try runs.map { try $0.jobs(status: status) }
    var interleaved: [TrialJob] = []
    for index in 0..<(perMethod.map(\.count).max() ?? 0) {
      for jobs in perMethod where index < jobs.count { interleaved.append(jobs[index]) }
    }
    observer?.willRun(trials: interleaved.count)
    try TrialScheduler.run(interleaved, workers: jobs)
    let summaries = try runs.map { try $0.finish() }
    // Random search's expectation is of the unconstrained best cell: no yardstick for a cost objective.
    let expectation = try runs[0].config.settings.objective == nil ? RandomSearchExpectation(benchmark: runs[0].benchmark) : nil
    let results = try ComparisonResults(
      summaries: summaries,
      randomSearchExpectation: expectation.map { ExpectationPoint.curve($0, at: runs[0].config.settings.reportPoints) })
    try JSONFiles.write(results, to: resultsURL)
    try AtomicFile.write(Data(ComparisonMarkdown(results: results).text.utf8), to: reportURL)
    try AtomicFile.write(Data(try ComparisonFigure(results: results).svg.utf8), to: figureURL)
    if let figure = try ParetoFigure(runs: runs) {
      try AtomicFile.write(Data(figure.svg.utf8), to: paretoFigureURL)
    }
    return results
  }
}
