@testable import Runs
import XCTest

final class ProgressDisplayTests: XCTestCase {
  final class Sink: @unchecked Sendable {
    var text = ""
  }

  func status(_ queries: Int, finished: Bool = false) -> TrialStatus {
    TrialStatus(method: "re", trial: 2, queries: queries, budget: 320, bestValid: queries == 0 ? nil : 91.2346,
                finished: finished)
  }

  func testBarLine() {
    let display = ProgressDisplay(trialsPerMethod: 10, isTerminal: true) { _ in }
    XCTAssertEqual(display.barLine(status(160)), "re     trial  3/10 [##########··········] 160/320  best 91.235")
    XCTAssertEqual(display.barLine(status(0)), "re     trial  3/10 [····················]   0/320")
  }

  /// A fake clock: each reading is the time the test set.
  final class Clock: @unchecked Sendable {
    let start = ContinuousClock.now
    var seconds = 0.0
    var now: ContinuousClock.Instant { start + .milliseconds(Int(seconds * 1000)) }
  }

  func testTheBarShowsRateAndETA() {
    let clock = Clock()
    let sink = Sink()
    let display = ProgressDisplay(trialsPerMethod: 10, isTerminal: true, now: { clock.now }) { sink.text += $0 }
    display.willRun(trials: 1)
    display.update(status(0))
    clock.seconds = 8
    display.update(status(160))
    // 160 queries in 8 s: 20 per second, 160 left: 8 s.
    XCTAssertTrue(sink.text.contains("160/320  best 91.235  20.0 q/s  ETA 8s"), sink.text.debugDescription)
  }

  func testWithoutATerminalRunningTrialsArePrintedPeriodically() {
    let clock = Clock()
    let sink = Sink()
    let display = ProgressDisplay(trialsPerMethod: 10, isTerminal: false, interval: .seconds(30), now: { clock.now }) {
      sink.text += $0
    }
    display.willRun(trials: 1)
    display.update(status(0))
    clock.seconds = 10
    display.update(status(16))
    XCTAssertEqual(sink.text, "", "nothing before the interval")
    clock.seconds = 40
    display.update(status(240))
    XCTAssertEqual(sink.text, "re trial 3/10: 240/320 queries, best 91.235, 6.0 q/s, ETA 13s\n")
    clock.seconds = 50
    display.update(status(320, finished: true))
    display.finish()
    XCTAssertTrue(sink.text.hasSuffix("re trial 3/10 done: 320 queries, best 91.235\n"), sink.text)
  }

  func testOnATerminalBarsAreRedrawnInPlaceAndCleared() {
    let sink = Sink()
    let display = ProgressDisplay(trialsPerMethod: 10, isTerminal: true) { sink.text += $0 }
    display.willRun(trials: 1)
    display.update(status(16))
    XCTAssertTrue(sink.text.contains("[#···"), sink.text)
    XCTAssertTrue(sink.text.contains("0/1 trials done"), sink.text)
    display.update(status(320, finished: true))
    XCTAssertTrue(sink.text.hasSuffix("\u{1B}[2K1/1 trials done\n\u{1B}[2K\n\u{1B}[1A"), sink.text.debugDescription)
    display.finish()
    XCTAssertTrue(sink.text.hasSuffix("\u{1B}[1A\u{1B}[2K"), "the bars are cleared")
  }
}
