import AGNet
import Foundation
import SearchSpaces

/// Throughput of generator pretraining, for `agnet bench neural`.
public enum PretrainingTiming {
  public struct Result: Sendable {
    public var samplesPerSecond: Double
    /// Process CPU time (all threads) per sample: the steadier number on a shared machine.
    public var cpuMicrosecondsPerSample: Double
  }

  /// Trains `samples` samples of a fresh NAS-Bench-201 generator (after a one-batch warm-up)
  /// and times them.
  public static func nasBench201(samples: Int = 6_400) -> Result {
    var options = PretrainingOptions(samples: samples + 32, seed: 1)
    options.tickSamples = samples + 32
    let run = Pretraining(space: NASBench201Space(), options: options)
    run.trainNextBatch()
    let (_, wall, cpu) = ProcessClock.timed { while !run.isFinished { run.trainNextBatch() } }
    return Result(samplesPerSecond: Double(samples) / wall, cpuMicrosecondsPerSample: 1e6 * cpu / Double(samples))
  }
}
