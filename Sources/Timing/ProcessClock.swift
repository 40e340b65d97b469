import Dispatch
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// The two clocks every timing reads: wall time and the process's CPU time over all threads.
/// On a machine shared with other work CPU time is the steadier of the two, so every timing
/// reports both.
public enum ProcessClock {
  /// CPU seconds the whole process has used so far (all threads).
  public static func cpuSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
  }

  /// Runs `work` once and returns its result with the wall and CPU seconds it took.
  public static func timed<T>(_ work: () throws -> T) rethrows -> (result: T, seconds: Double, cpuSeconds: Double) {
    let start = DispatchTime.now().uptimeNanoseconds
    let cpuStart = cpuSeconds()
    let result = try work()
    return (result, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, cpuSeconds() - cpuStart)
  }

  /// The median of `values` (the mean of the middle two for an even count); 0 when empty.
  public static func median(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return 0 }
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }
}
