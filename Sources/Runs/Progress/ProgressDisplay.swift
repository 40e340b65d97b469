import Foundation

/// Progress of running trials on standard error: on a terminal, one bar per running trial, redrawn
/// in place (at most ten times a second), and a total; elsewhere (a log file, CI) only a line per
/// finished trial.
public final class ProgressDisplay: RunObserver, @unchecked Sendable {
  private let isTerminal: Bool
  private let write: (String) -> Void
  private var totalJobs = 0
  private let trialsPerMethod: Int
  private let lock = NSLock()
  private var running: [(key: String, status: TrialStatus)] = []
  private var finishedJobs = 0
  private var drawnLines = 0
  private var lastDraw = ContinuousClock.now - .seconds(1)

  /// - Parameter trialsPerMethod: the run's number of trials (for "trial 3/10").
  public init(trialsPerMethod: Int, isTerminal: Bool = ProgressDisplay.standardErrorIsTerminal,
              write: @escaping (String) -> Void = ProgressDisplay.writeToStandardError) {
    self.trialsPerMethod = trialsPerMethod
    self.isTerminal = isTerminal
    self.write = write
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
    } else {
      running.append((key, status))
    }
    if isTerminal { draw(force: false) }
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
    let now = ContinuousClock.now
    guard force || now - lastDraw >= .milliseconds(100) else { return }
    lastDraw = now
    var text = String(repeating: "\u{1B}[1A", count: drawnLines)
    let lines = running.map { barLine($0.status) } + ["\(finishedJobs)/\(totalJobs) trials done"]
    for line in lines { text += "\u{1B}[2K" + line + "\n" }
    // Lines left over from a taller previous frame.
    for _ in lines.count..<max(lines.count, drawnLines) { text += "\u{1B}[2K\n" }
    let extra = max(0, drawnLines - lines.count)
    text += String(repeating: "\u{1B}[1A", count: extra)
    drawnLines = lines.count
    write(text)
  }

  /// `re  trial   3/10 [##########··········] 160/320  best 91.234`
  func barLine(_ status: TrialStatus) -> String {
    let width = 24
    let filled = status.budget > 0 ? min(width, width * status.queries / status.budget) : 0
    let bar = String(repeating: "#", count: filled) + String(repeating: "·", count: width - filled)
    let digits = String(trialsPerMethod).count
    let trial = String(repeating: " ", count: max(0, digits - String(status.trial + 1).count)) + String(status.trial + 1)
    let queries = String(repeating: " ", count: max(0, String(status.budget).count - String(status.queries).count))
      + String(status.queries)
    let best = status.bestValid.map { "  best \(Format.value($0))" } ?? ""
    return "\(status.method.padding(toLength: max(6, status.method.count), withPad: " ", startingAt: 0)) "
      + "trial \(trial)/\(trialsPerMethod) [\(bar)] \(queries)/\(status.budget)\(best)"
  }

  func finishedLine(_ status: TrialStatus) -> String {
    "\(status.method) trial \(status.trial + 1)/\(trialsPerMethod) done: \(status.queries) queries"
      + (status.bestValid.map { ", best \(Format.value($0))" } ?? "")
  }
}
