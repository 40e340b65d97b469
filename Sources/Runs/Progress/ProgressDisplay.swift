import Foundation

/// Progress of running trials on standard error. On a terminal: one line per running trial,
/// redrawn in place (at most ten times a second) with its queries, best so far, rate and ETA, and
/// a total. Elsewhere (a log file on a cluster, CI): a line per finished trial and, every
/// `interval`, one plain line per running trial, so a log shows a long trial moving.
public final class ProgressDisplay: RunObserver, @unchecked Sendable {
  private let isTerminal: Bool
  private let interval: Duration
  private let write: (String) -> Void
  private let now: () -> ContinuousClock.Instant
  private var totalJobs = 0
  private let trialsPerMethod: Int
  private let lock = NSLock()
  private var running: [(key: String, status: TrialStatus, rate: RateMeter)] = []
  private var finishedJobs = 0
  private var drawnLines = 0
  private var lastDraw: ContinuousClock.Instant
  private var lastPlain: ContinuousClock.Instant

  /// - Parameters:
  ///   - trialsPerMethod: the run's number of trials (for "trial 3/10").
  ///   - interval: without a terminal, the time between two lines of a running trial.
  ///   - now: the clock (tests set it).
  public init(trialsPerMethod: Int, isTerminal: Bool = ProgressDisplay.standardErrorIsTerminal,
              interval: Duration = .seconds(30), now: @escaping () -> ContinuousClock.Instant = { .now },
              write: @escaping (String) -> Void = ProgressDisplay.writeToStandardError) {
    self.trialsPerMethod = trialsPerMethod
    self.isTerminal = isTerminal
    self.interval = interval
    self.now = now
    self.write = write
    lastDraw = now() - .seconds(1)
    lastPlain = now()
  }

  public static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

  public static func writeToStandardError(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }

  public func willRun(trials: Int) {
    lock.lock()
    totalJobs = trials
    lock.unlock()
  }

  /// Call with every status a run reports (from any thread).
  public func update(_ status: TrialStatus) {
    lock.lock()
    defer { lock.unlock() }
    let key = "\(status.method)#\(status.trial)"
    let time = now()
    if status.finished {
      running.removeAll { $0.key == key }
      finishedJobs += 1
      if isTerminal {
        draw(force: true)
      } else {
        write(finishedLine(status) + "\n")
      }
      return
    }
    if let index = running.firstIndex(where: { $0.key == key }) {
      running[index].status = status
      running[index].rate.record(queries: status.queries, at: time)
    } else {
      running.append((key, status, RateMeter(queries: status.queries, at: time)))
    }
    if isTerminal {
      draw(force: false)
    } else if time - lastPlain >= interval {
      lastPlain = time
      write(running.map { plainLine($0.status, $0.rate) + "\n" }.joined())
    }
  }

  /// Clears the bars (before the final summary is printed).
  public func finish() {
    lock.lock()
    defer { lock.unlock() }
    guard isTerminal else { return }
    write(String(repeating: "\u{1B}[1A\u{1B}[2K", count: drawnLines))
    drawnLines = 0
  }

  private func draw(force: Bool) {
    let time = now()
    guard force || time - lastDraw >= .milliseconds(100) else { return }
    lastDraw = time
    var text = String(repeating: "\u{1B}[1A", count: drawnLines)
    let lines = running.map { barLine($0.status, rate: $0.rate) } + ["\(finishedJobs)/\(totalJobs) trials done"]
    for line in lines { text += "\u{1B}[2K" + line + "\n" }
    // Lines left over from a taller previous frame.
    for _ in lines.count..<max(lines.count, drawnLines) { text += "\u{1B}[2K\n" }
    let extra = max(0, drawnLines - lines.count)
    text += String(repeating: "\u{1B}[1A", count: extra)
    drawnLines = lines.count
    write(text)
  }

  /// `re  trial   3/10 [##########··········] 160/320  best 91.234  12.5 q/s  ETA 13s`
  func barLine(_ status: TrialStatus, rate: RateMeter? = nil) -> String {
    let width = 20
    let filled = status.budget > 0 ? min(width, width * status.queries / status.budget) : 0
    let bar = String(repeating: "#", count: filled) + String(repeating: "·", count: width - filled)
    let digits = String(trialsPerMethod).count
    let trial = String(repeating: " ", count: max(0, digits - String(status.trial + 1).count)) + String(status.trial + 1)
    let queries = String(repeating: " ", count: max(0, String(status.budget).count - String(status.queries).count))
      + String(status.queries)
    let best = status.bestValid.map { "  best \(Format.value($0))" } ?? ""
    return "\(status.method.padding(toLength: max(6, status.method.count), withPad: " ", startingAt: 0)) "
      + "trial \(trial)/\(trialsPerMethod) [\(bar)] \(queries)/\(status.budget)\(best)"
      + (rate.flatMap { $0.text(remaining: status.budget - status.queries) }.map { "  " + $0 } ?? "")
  }

  /// `re trial 3/10: 160/320 queries, best 91.234, 12.5 q/s, ETA 13s`
  func plainLine(_ status: TrialStatus, _ rate: RateMeter) -> String {
    "\(status.method) trial \(status.trial + 1)/\(trialsPerMethod): \(status.queries)/\(status.budget) queries"
      + (status.bestValid.map { ", best \(Format.value($0))" } ?? "")
      + (rate.text(remaining: status.budget - status.queries, separator: ", ").map { ", " + $0 } ?? "")
  }

  func finishedLine(_ status: TrialStatus) -> String {
    "\(status.method) trial \(status.trial + 1)/\(trialsPerMethod) done: \(status.queries) queries"
      + (status.bestValid.map { ", best \(Format.value($0))" } ?? "")
  }
}

/// The rate of one trial in this session (queries since it was first seen, over the time since),
/// and the time its remaining queries take at that rate.
struct RateMeter {
  private let startQueries: Int
  private let start: ContinuousClock.Instant
  private var queries: Int
  private var last: ContinuousClock.Instant

  init(queries: Int, at time: ContinuousClock.Instant) {
    startQueries = queries
    start = time
    self.queries = queries
    last = time
  }

  mutating func record(queries: Int, at time: ContinuousClock.Instant) {
    self.queries = queries
    last = time
  }

  /// Queries per second; nil before the trial made a query in this session.
  var perSecond: Double? {
    let seconds = (last - start) / .seconds(1)
    guard queries > startQueries, seconds > 0 else { return nil }
    return Double(queries - startQueries) / seconds
  }

  /// `12.5 q/s  ETA 13s` (slow trials: `40.1 s/q  ETA 2h13m`).
  func text(remaining: Int, separator: String = "  ") -> String? {
    guard let rate = perSecond else { return nil }
    let speed = rate >= 1 ? String(format: "%.1f q/s", rate) : String(format: "%.1f s/q", 1 / rate)
    return speed + separator + "ETA " + Format.duration(Double(max(0, remaining)) / rate)
  }
}
