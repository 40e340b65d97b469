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

  public var median: Double { TableLoadTiming.median(seconds) }
  public var medianCPU: Double { TableLoadTiming.median(cpuSeconds) }

  static func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }

  static func processCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
  }

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
          let start = DispatchTime.now().uptimeNanoseconds, cpuStart = processCPUSeconds()
          _ = try request.load(dataDirectory: dataDirectory)
          seconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
          cpuSeconds.append(processCPUSeconds() - cpuStart)
        }
        timings.append(TableLoadTiming(name: "\(benchmark.rawValue)/\(dataset)", cells: cells, seconds: seconds, cpuSeconds: cpuSeconds))
      }
    }
    return (timings, skipped)
  }
}
