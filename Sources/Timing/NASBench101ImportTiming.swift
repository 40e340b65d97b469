import Benchmarks
import Foundation
import SearchSpaces

/// `agnet bench import`: the NAS-Bench-101 import on a synthetic file in the official format, as
/// large as the real `nasbench_only108.tfrecord` by default (423,624 cells × 3 runs).
public struct NASBench101ImportTiming: Sendable {
  public var records: Int
  public var bytes: Int
  /// Per import: wall-clock and process CPU seconds.
  public var seconds: [Double]
  public var cpuSeconds: [Double]

  public var medianRecordsPerSecond: Double { Double(records) / ProcessClock.median(seconds) }

  /// A file of `cells` cells (spread over the whole enumeration, so every vertex count appears)
  /// with `runs` runs each at 108 epochs; values are arbitrary but deterministic.
  public static func syntheticFile(cells: Int, runs: Int = 3) -> [UInt8] {
    let all = NASBench101Space.enumeratedCells
    let count = min(cells, all.count)
    var writer = NASBench101RecordWriter()
    for k in 0..<count {
      let cell = all[k * all.count / count]
      for run in 0..<runs {
        let u = Double((k * 7919 + run * 104_729) % 10_007) / 10_007
        let final = NASBench101RecordWriter.Evaluation(currentEpoch: 108, trainingTime: 1000 + 3000 * u, trainAccuracy: 1,
                                                       validationAccuracy: 0.8 + 0.15 * u, testAccuracy: 0.79 + 0.15 * u)
        let half = NASBench101RecordWriter.Evaluation(currentEpoch: 54, trainingTime: 500 + 1500 * u, trainAccuracy: 0.8,
                                                      validationAccuracy: 0.7 + 0.1 * u, testAccuracy: 0.69 + 0.1 * u)
        writer.append(.init(cell: cell, epochs: 108, trainableParameters: Int32(1_000_000 + k),
                            evaluations: [.init(currentEpoch: 0, trainingTime: 0, trainAccuracy: 0.1, validationAccuracy: 0.1, testAccuracy: 0.1),
                                          half, final]))
      }
    }
    return writer.bytes
  }

  /// Writes the synthetic file to a temporary folder and imports it `repeats` times into a
  /// temporary data directory (the whole command: read, check, fingerprint, write the table).
  public static func measure(cells: Int, runs: Int = 3, threads: Int, repeats: Int) throws -> NASBench101ImportTiming {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("agnet-bench-import-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("synthetic.tfrecord")
    let bytes = syntheticFile(cells: cells, runs: runs)
    try Data(bytes).write(to: file)
    let data = DataDirectory(folder.appendingPathComponent("data"))
    let importer = NASBench101Importer(threads: threads)
    var timing = NASBench101ImportTiming(records: 0, bytes: bytes.count, seconds: [], cpuSeconds: [])
    for _ in 0..<repeats {
      let ((_, summary), seconds, cpuSeconds) = try ProcessClock.timed { try importer.importFile(file, into: data, replace: true) }
      timing.seconds.append(seconds)
      timing.cpuSeconds.append(cpuSeconds)
      timing.records = summary.records
    }
    return timing
  }
}
