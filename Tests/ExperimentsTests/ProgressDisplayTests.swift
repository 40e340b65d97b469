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
    XCTAssertEqual(display.barLine(status(160)), "re     trial  3/10 [############············] 160/320  best 91.235")
    XCTAssertEqual(display.barLine(status(0)), "re     trial  3/10 [························]   0/320")
  }

  func testWithoutATerminalOnlyFinishedTrialsArePrinted() {
    let sink = Sink()
    let display = ProgressDisplay(trialsPerMethod: 10, isTerminal: false) { sink.text += $0 }
    display.willRun(trials: 1)
    display.update(status(16))
    display.update(status(320))
    XCTAssertEqual(sink.text, "")
    display.update(status(320, finished: true))
    display.finish()
    XCTAssertEqual(sink.text, "re trial 3/10 done: 320 queries, best 91.235\n")
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
