import Benchmarks
import Foundation
import Runs
import SearchSpaces

/// What an ask/tell run adds to its `config.json` (a `RunConfig`), stored as `asktell.json`: the
/// space, the optional reference table, and how failed evaluations are told to the method.
public struct AskTellConfig: Codable, Equatable, Sendable {
  /// `nasbench201`, `nasbench101`, `darts`, or a space file's name.
  public var space: String
  /// A space file's text, copied when the run was created: the run reads its space from here
  /// (the user's file may move or change), and `agnet init` again with another file is refused.
  /// Absent for built-in spaces.
  public var spaceFile: String?
  /// A table whose cells are the domain and whose optimum measures `queries_to_best_valid`
  /// (validating a method or an evaluator against a benchmark); nil: the whole space, no optimum.
  @ExplicitNull public var reference: ReferenceTable?
  /// The value a failed evaluation is told as; nil: the lowest value of the trial told so far
  /// (0 before any).
  @ExplicitNull public var failureValue: Double?

  public init(space: String, spaceFile: String? = nil, reference: ReferenceTable? = nil, failureValue: Double? = nil) {
    self.space = space
    self.spaceFile = spaceFile
    self.reference = reference
    self.failureValue = failureValue
  }

  enum CodingKeys: String, CodingKey {
    case space, reference
    case spaceFile = "space_file"
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
      benchmark = space.name + "-table"
      self.searchMetric = searchMetric
      self.reportMetric = reportMetric
    }
  }

  public var request: BenchmarkRequest {
    get throws { try request(fileSpace: nil) }
  }

  /// The request; a table over a space file's cells needs that space (from `AskTellConfig.spaceFile`).
  public func request(fileSpace: FileSpace?) throws -> BenchmarkRequest {
      if let table, let name = benchmark, let searchMetric {
        let spaceName = String(name.dropLast("-table".count))
        let space: SpaceChoice? = BuiltInSpace(rawValue: spaceName).map { .builtIn($0) }
          ?? fileSpace.flatMap { $0.name == spaceName ? .file($0) : nil }
        if let space {
          return .table(URL(fileURLWithPath: table), space: space, searchMetric: searchMetric, reportMetric: reportMetric)
        }
      }
      if let name = benchmark, let catalog = CatalogBenchmark(rawValue: name), let dataset {
        return .catalog(catalog, dataset: dataset)
      }
      throw InputError("asktell.json names no benchmark this version can load")
  }
}
