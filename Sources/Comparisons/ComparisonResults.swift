import Foundation
import Runs
import SearchSpaces

/// `results.json` of a comparison: per method the same fields as a search's `summary.json`,
/// under `methods.<name>`, and the order in which the methods were given (for tables and legends).
public struct ComparisonResults: Codable, Equatable, Sendable {
  public var benchmark: String
  public var dataset: String
  public var trials: Int
  public var budget: Int
  public var searchMetric: String
  @ExplicitNull public var reportMetric: String?
  public var optimum: OptimumSummary
  public var methodOrder: [String]
  public var methods: [String: RunSummary]
  /// Random search's exact expectation on the table at the trajectory's query counts (null when
  /// not computed, e.g. a figure drawn from a single search's summary).
  @ExplicitNull public var randomSearchExpectation: [ExpectationPoint]?

  enum CodingKeys: String, CodingKey {
    case benchmark, dataset, trials, budget, optimum, methods
    case searchMetric = "search_metric"
    case reportMetric = "report_metric"
    case methodOrder = "method_order"
    case randomSearchExpectation = "random_search_expectation"
  }

  /// Results of runs on the same table, in the given order.
  public init(summaries: [RunSummary], randomSearchExpectation: [ExpectationPoint]? = nil) throws {
    guard let first = summaries.first else { throw InputError("no method results to compare") }
    benchmark = first.benchmark
    dataset = first.dataset
    trials = first.trials
    budget = first.budget
    searchMetric = first.searchMetric
    reportMetric = first.reportMetric
    optimum = first.optimum
    methodOrder = summaries.map(\.method)
    guard Set(methodOrder).count == methodOrder.count else {
      throw InputError("a method appears twice: \(methodOrder.joined(separator: ", "))")
    }
    methods = Dictionary(uniqueKeysWithValues: summaries.map { ($0.method, $0) })
    self.randomSearchExpectation = randomSearchExpectation
  }

  /// The summaries in method order.
  public var orderedSummaries: [RunSummary] { methodOrder.compactMap { methods[$0] } }

  /// The results a figure or report can be drawn from in `directory`: `results.json` (a
  /// comparison) or else `summary.json` (a single search).
  public static func load(from directory: URL) throws -> ComparisonResults {
    let results = directory.appendingPathComponent("results.json")
    if FileManager.default.fileExists(atPath: results.path) {
      let loaded = try JSONFiles.read(ComparisonResults.self, from: results)
      guard loaded.methodOrder.allSatisfy({ loaded.methods[$0] != nil }) else {
        throw InputError("method_order names a method without results", file: results.path)
      }
      return loaded
    }
    let summary = directory.appendingPathComponent("summary.json")
    if FileManager.default.fileExists(atPath: summary.path) {
      return try ComparisonResults(summaries: [try JSONFiles.read(RunSummary.self, from: summary)])
    }
    throw InputError("no results.json (from agnet compare) or summary.json (from agnet search) here",
                     file: directory.path)
  }
}
