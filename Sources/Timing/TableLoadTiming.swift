import Benchmarks
import Foundation

/// How long loading each catalogue table takes (`agnet bench tables`): every load is the full
/// path a search takes — read, parse, validate, join, index.
public struct TableLoadTiming: Sendable {
  public var name: String
  public var cells: Int
  /// Wall-clock seconds per load, in the order measured.
  public var seconds: [Double]
  /// Process CPU seconds per load: the steadier number on a busy machine (a load is one thread).
  public var cpuSeconds: [Double]

  public var median: Double { ProcessClock.median(seconds) }
  public var medianCPU: Double { ProcessClock.median(cpuSeconds) }

  /// Loads every catalogue table `dataDirectory` finds (its own or the shipped copy) `repeats` times (after one warm-up
  /// load that also checks it). Tables whose files are absent are skipped and named in `skipped`.
  public static func measure(dataDirectory: DataDirectory, repeats: Int) throws -> (timings: [TableLoadTiming], skipped: [String]) {
    precondition(repeats > 0, "at least one repeat")
    var timings: [TableLoadTiming] = []
    var skipped: [String] = []
    for benchmark in CatalogBenchmark.allCases {
      for dataset in benchmark.datasets {
        let request = BenchmarkRequest.catalog(benchmark, dataset: dataset)
        guard benchmark.files.allSatisfy({ dataDirectory.locate($0) != nil }) else {
          skipped.append("\(benchmark.rawValue)/\(dataset)")
          continue
        }
        let cells = try request.load(dataDirectory: dataDirectory).count
        var seconds: [Double] = [], cpuSeconds: [Double] = []
        for _ in 0..<repeats {
          let (_, wall, cpu) = try ProcessClock.timed { try request.load(dataDirectory: dataDirectory) }
          seconds.append(wall)
          cpuSeconds.append(cpu)
        }
        timings.append(TableLoadTiming(name: "\(benchmark.rawValue)/\(dataset)", cells: cells, seconds: seconds, cpuSeconds: cpuSeconds))
      }
    }
    return (timings, skipped)
  }
}
