import Foundation
import SearchSpaces

/// The benchmarks known by name (`--benchmark`).
public enum CatalogBenchmark: String, CaseIterable, Sendable {
  case nasbench201
  case nasbench101

  /// The `--dataset` values, default first.
  public var datasets: [String] {
    switch self {
    case .nasbench201: return NASBench201Dataset.allCases.map(\.rawValue)
    case .nasbench101: return ["cifar10"]
    }
  }

  /// The files it needs in the data directory.
  public var files: [String] {
    switch self {
    case .nasbench201: return [BenchmarkCatalog.nasbench201File]
    case .nasbench101: return [BenchmarkCatalog.nasbench101File]
    }
  }

  /// Files it uses when present (NAS-Bench-101's full table is used instead of the sample).
  public var optionalFiles: [String] {
    switch self {
    case .nasbench201: return NASBench201Dataset.allCases.map(HWNASBench.file(for:))
    case .nasbench101: return [BenchmarkCatalog.nasbench101FullFile]
    }
  }
}

/// Which table to load, as the command line says it: a catalogue benchmark and dataset, or a
/// user's file with its space and metrics.
public enum BenchmarkRequest: Equatable, Sendable {
  case catalog(CatalogBenchmark, dataset: String)
  case table(URL, space: SpaceChoice, searchMetric: String, reportMetric: String?)

  /// Loads the table; the data directory is used only for catalogue benchmarks. A table over a
  /// space without tables (DARTS) is a `UsageError`. `hardwareCosts: false` skips joining the
  /// HW-NAS-Bench costs (see `BenchmarkCatalog.nasbench201`). `snapshot`: where a NAS-Bench-201
  /// catalogue table may be kept as a `TableSnapshot` (other tables ignore it).
  public func load(dataDirectory: DataDirectory, hardwareCosts: Bool = true, snapshot: URL? = nil) throws -> LoadedBenchmark {
    switch self {
    case let .catalog(benchmark, dataset):
      switch benchmark {
      case .nasbench201:
        guard let set = NASBench201Dataset(rawValue: dataset) else { throw Self.unknownDataset(dataset, of: benchmark) }
        return .nasbench201(try BenchmarkCatalog.nasbench201(dataset: set, dataDirectory: dataDirectory, hardwareCosts: hardwareCosts,
                                                                   snapshot: snapshot))
      case .nasbench101:
        guard benchmark.datasets.contains(dataset) else { throw Self.unknownDataset(dataset, of: benchmark) }
        return .nasbench101(try BenchmarkCatalog.nasbench101(dataDirectory: dataDirectory))
      }
    case let .table(file, choice, searchMetric, reportMetric):
      let space: BuiltInSpace
      switch choice {
      case .file(let fileSpace):
        return .file(try BenchmarkCatalog.table(file, space: fileSpace, searchMetric: searchMetric, reportMetric: reportMetric))
      case .builtIn(let builtIn): space = builtIn
      }
      switch space {
      case .nasbench201:
        return .nasbench201(try BenchmarkCatalog.table(file, space: NASBench201Space(), searchMetric: searchMetric,
                                                       reportMetric: reportMetric))
      case .nasbench101:
        return .nasbench101(try BenchmarkCatalog.table(file, space: NASBench101Space(), searchMetric: searchMetric,
                                                       reportMetric: reportMetric))
      case .darts:
        throw UsageError("--table needs a space with tables (\(BuiltInSpace.allCases.filter(\.hasTables).map(\.name).joined(separator: ", "))); "
          + "\(space.title) architectures are evaluated by your own code: agnet init --space \(space.name)")
      }
    }
  }

  static func unknownDataset(_ dataset: String, of benchmark: CatalogBenchmark) -> InputError {
    InputError("\(benchmark.rawValue) has no dataset \(InputError.quoted(dataset)); the datasets are: \(benchmark.datasets.joined(separator: ", "))")
  }
}

/// A loaded table of whichever space: switch on it to run generic code with the concrete type.
public enum LoadedBenchmark {
  case nasbench201(TabularBenchmark<NASBench201Space>)
  case nasbench101(TabularBenchmark<NASBench101Space>)
  /// A user's table over a space file's cells.
  case file(TabularBenchmark<FileSpace>)

  public var summary: BenchmarkSummary {
    switch self {
    case .nasbench201(let benchmark): return BenchmarkSummary(benchmark)
    case .nasbench101(let benchmark): return BenchmarkSummary(benchmark)
    case .file(let benchmark): return BenchmarkSummary(benchmark)
    }
  }

  /// The space of the table's cells.
  public var space: SpaceChoice {
    switch self {
    case .nasbench201: return .builtIn(.nasbench201)
    case .nasbench101: return .builtIn(.nasbench101)
    case .file(let benchmark): return .file(benchmark.space)
    }
  }

  public var name: String {
    switch self {
    case .nasbench201(let benchmark): return benchmark.name
    case .nasbench101(let benchmark): return benchmark.name
    case .file(let benchmark): return benchmark.name
    }
  }

  public var count: Int {
    switch self {
    case .nasbench201(let benchmark): return benchmark.count
    case .nasbench101(let benchmark): return benchmark.count
    case .file(let benchmark): return benchmark.count
    }
  }
}
