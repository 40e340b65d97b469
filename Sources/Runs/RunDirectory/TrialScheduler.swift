import Foundation

/// One trial to run: independent of every other, so jobs may run in any order and in parallel.
public struct TrialJob: Sendable {
  public let method: String
  public let trial: Int
  let body: @Sendable () throws -> Void

  public init(method: String, trial: Int, body: @escaping @Sendable () throws -> Void) {
    self.method = method
    self.trial = trial
    self.body = body
  }
}

/// Runs trial jobs on a fixed number of threads, taking them in order. After a failure no new job
/// starts; the jobs already running finish (their progress is saved after every round anyway), and
/// the error of the earliest failed job is thrown.
public enum TrialScheduler {
  public static func run(_ jobs: [TrialJob], workers: Int) throws {
    guard workers >= 1 else { throw TrialSchedulerError.noWorkers }
    let queue = JobQueue(jobs)
    if workers == 1 || jobs.count <= 1 {
      queue.work()
    } else {
      let done = DispatchSemaphore(value: 0)
      let count = min(workers, jobs.count)
      for _ in 0..<count {
        let thread = Thread {
          queue.work()
          done.signal()
        }
        thread.stackSize = 16 << 20
        thread.start()
      }
      for _ in 0..<count { done.wait() }
    }
    if let error = queue.firstError { throw error }
  }

  private final class JobQueue: @unchecked Sendable {
    private let jobs: [TrialJob]
    private let lock = NSLock()
    private var next = 0
    private var errors: [(index: Int, error: Error)] = []

    init(_ jobs: [TrialJob]) { self.jobs = jobs }

    func work() {
      while let index = take() {
        do {
          try jobs[index].body()
        } catch {
          lock.lock()
          errors.append((index, error))
          lock.unlock()
        }
      }
    }

    private func take() -> Int? {
      lock.lock()
      defer { lock.unlock() }
      guard errors.isEmpty, next < jobs.count else { return nil }
      next += 1
      return next - 1
    }

    var firstError: Error? {
      lock.lock()
      defer { lock.unlock() }
      return errors.min { $0.index < $1.index }?.error
    }
  }
}

public enum TrialSchedulerError: Error, CustomStringConvertible {
  case noWorkers
  public var description: String { "--jobs must be at least 1" }
}
