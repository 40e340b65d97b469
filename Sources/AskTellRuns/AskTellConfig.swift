import Benchmarks
import Foundation
import Runs
import SearchSpaces

/// What an ask/tell run adds to its `config.json` (a `RunConfig`), stored as `asktell.json`: the
/// space, the optional reference table, and how failed evaluations are told to the method.
public struct AskTellConfig: Codable, Equatable, Sendable {
  /// `nasbench201`, `nasbench101` or `darts`.
  public var space: String
  /// A table whose cells are the domain and whose optimum measures `queries_to_best_valid`
  /// (validating a method or an evaluator against a benchmark); nil: the whole space, no optimum.
  @ExplicitNull public var reference: ReferenceTable?
  /// The value a failed evaluation is told as; nil: the lowest value of the trial told so far
  /// (0 before any).
  @ExplicitNull public var failureValue: Double?

  public init(space: String, reference: ReferenceTable? = nil, failureValue: Double? = nil) {
    self.space = space
    self.reference = reference
    self.failureValue = failureValue
  }

  enum CodingKeys: String, CodingKey {
    case space, reference
    case failureValue = "failure_value"
  }
}

/// A benchmark as `config.json` needs it to reload the table on every ask and tell: a catalogue
/// name and dataset, or a CSV file with its space and metrics.
public struct ReferenceTable: Codable, Equatable, Sendable {
  @ExplicitNull public var benchmark: String? = nil
  @ExplicitNull public var dataset: String? = nil
  /// An absolute path.
  @ExplicitNull public var table: String? = nil
  @ExplicitNull public var searchMetric: String? = nil
  @ExplicitNull public var reportMetric: String? = nil

  enum CodingKeys: String, CodingKey {
    case benchmark, dataset, table
    case searchMetric = "search_metric"
    case reportMetric = "report_metric"
  }

  public init(_ request: BenchmarkRequest) {
    switch request {
    case let .catalog(benchmark, dataset):
      self.benchmark = benchmark.rawValue
      self.dataset = dataset
    case let .table(file, space, searchMetric, reportMetric):
      table = file.standardizedFileURL.path
      benchmark = space.rawValue + "-table"
      self.searchMetric = searchMetric
      self.reportMetric = reportMetric
    }
  }

  public var request: BenchmarkRequest {
    get throws {
      if let table, let name = benchmark, let space = BuiltInSpace(rawValue: String(name.dropLast("-table".count))),
         let searchMetric {
        return .table(URL(fileURLWithPath: table), space: space, searchMetric: searchMetric, reportMetric: reportMetric)
      }
      if let name = benchmark, let catalog = CatalogBenchmark(rawValue: name), let dataset {
        return .catalog(catalog, dataset: dataset)
      }
      throw InputError("asktell.json names no benchmark this version can load")
    }
  }
}
