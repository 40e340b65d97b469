import Foundation
import XCTest

/// `agnet status`, the `--json` events of search, compare and evaluate, `--quiet`, and growing a
/// finished run, driven through the built `agnet` as users run it (docs/cli.md).
final class StatusAndGrowthTests: XCTestCase {
  typealias CLI = CommandLineTests

  static func search(_ output: String, _ extra: [String]) -> [String] {
    ["search", "--benchmark", "nasbench201", "--dataset", "cifar10", "--output", output] + extra
  }

  static func events(_ stdout: String, file: StaticString = #filePath, line: UInt = #line) throws -> [[String: Any]] {
    try stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map {
      let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any], String($0),
                                 file: file, line: line)
      XCTAssertEqual(object["schema"] as? Int, 1, file: file, line: line)
      return object
    }
  }

  /// The trial files of a run, by name, for byte comparisons.
  static func trialFiles(_ directory: String) throws -> [String: Data] {
    var files: [String: Data] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: directory) where name.hasPrefix("trial-") {
      files[name] = try Data(contentsOf: URL(fileURLWithPath: directory).appendingPathComponent(name))
    }
    return files
  }

  func testSearchJSONPrintsEventsAndChangesNoTrialFile() throws {
    let folder = CLI.temporaryDirectory()
    let plain = folder.appendingPathComponent("plain").path, json = folder.appendingPathComponent("json").path
    let options = ["--method", "rs", "--trials", "2", "--budget", "32", "--seed", "5"]
    let first = try CLI.runAGNet(Self.search(plain, options + ["--quiet"]))
    XCTAssertEqual(first.status, 0, first.stderr)
    XCTAssertEqual(first.stderr, "", "--quiet prints no progress")
    XCTAssertTrue(first.stdout.contains("Wrote"), first.stdout)

    let second = try CLI.runAGNet(Self.search(json, options + ["--json"]))
    XCTAssertEqual(second.status, 0, second.stderr)
    let events = try Self.events(second.stdout)
    let names = events.map { $0["event"] as! String }
    XCTAssertEqual(names.filter { $0 == "trial_started" }.count, 2, names.description)
    XCTAssertEqual(names.filter { $0 == "trial_finished" }.count, 2, names.description)
    XCTAssertEqual(names.filter { $0 == "progress" }.count, 2 * 3, "a progress event at the start and after each round of 16")
    XCTAssertEqual(names.last, "run_finished")
    let finished = try XCTUnwrap(events.first { $0["event"] as? String == "trial_finished" && $0["trial"] as? Int == 1 })
    XCTAssertEqual(finished["queries"] as? Int, 32)
    XCTAssertEqual(finished["method"] as? String, "rs")
    let best = try XCTUnwrap(finished["best"] as? [String: Any])
    XCTAssertTrue((best["cell"] as? String)?.hasPrefix("|") ?? false, "\(best)")
    XCTAssertNotNil(best["value"] as? Double)
    let started = try XCTUnwrap(events.first { $0["event"] as? String == "trial_started" && $0["trial"] as? Int == 1 })
    XCTAssertEqual(started["seed"] as? Int, 6)
    XCTAssertEqual(started["budget"] as? Int, 32)
    let lastProgress = try XCTUnwrap(events.last { $0["event"] as? String == "progress" && $0["trial"] as? Int == 1 })
    XCTAssertEqual((lastProgress["best"] as? [String: Any])?["value"] as? Double, best["value"] as? Double,
                   "the last progress shows the cell the trial reports")
    let run = try XCTUnwrap(events.last)
    XCTAssertEqual(run["trials"] as? Int, 2)
    XCTAssertEqual(run["run"] as? String, URL(fileURLWithPath: json).standardizedFileURL.path)
    XCTAssertEqual(try Self.trialFiles(plain), try Self.trialFiles(json), "events change no trial file")
    XCTAssertEqual(try Self.trialFiles(plain).count, 2)
  }

  func testStatusOfAFinishedSearchAndAComparison() throws {
    let folder = CLI.temporaryDirectory()
    let run = folder.appendingPathComponent("re").path
    XCTAssertEqual(try CLI.runAGNet(Self.search(run, ["--method", "re", "--trials", "2", "--budget", "20", "--quiet"])).status, 0)
    let text = try CLI.runAGNet(["status", "--run", run])
    XCTAssertEqual(text.status, 0, text.stderr)
    XCTAssertTrue(text.stdout.contains("finished"), text.stdout)
    XCTAssertTrue(text.stdout.contains("trials 2/2 done, 40/40 queries told"), text.stdout)
    let json = try CLI.runAGNet(["status", "--run", run, "--json"])
    XCTAssertEqual(json.status, 0, json.stderr)
    let status = try XCTUnwrap(try Self.events(json.stdout).first)
    XCTAssertEqual(status["event"] as? String, "status")
    XCTAssertEqual(status["state"] as? String, "finished")
    XCTAssertEqual(status["trials_done"] as? Int, 2)
    XCTAssertEqual(status["trials_total"] as? Int, 2)
    XCTAssertEqual(status["queries_told"] as? Int, 40)
    XCTAssertEqual(status["budget"] as? Int, 20)
    let best = try XCTUnwrap(status["best"] as? [String: Any])
    XCTAssertNotNil(best["cell"] as? String)
    XCTAssertNotNil(best["trial"] as? Int)

    let comparison = folder.appendingPathComponent("cmp").path
    let compared = try CLI.runAGNet(["compare", "--benchmark", "nasbench201", "--methods", "rs,re", "--trials", "1",
                                     "--budget", "16", "--output", comparison, "--json"])
    XCTAssertEqual(compared.status, 0, compared.stderr)
    XCTAssertEqual(try Self.events(compared.stdout).filter { $0["event"] as? String == "run_finished" }.count, 2)
    let both = try Self.events(try CLI.runAGNet(["status", "--run", comparison, "--json"]).stdout)[0]
    XCTAssertEqual(both["kind"] as? String, "comparison")
    XCTAssertEqual(both["state"] as? String, "finished")
    XCTAssertEqual(both["trials_done"] as? Int, 2)
    XCTAssertEqual((both["methods"] as? [[String: Any]])?.compactMap { $0["method"] as? String }, ["re", "rs"])
  }

  func testStatusOfAnAskTellRunShowsPendingAsksAndWaits() throws {
    let run = CLI.temporaryDirectory().appendingPathComponent("run").path
    XCTAssertEqual(try CLI.runAGNet(["init", "--run", run, "--space", "nasbench201", "--method", "rs", "--budget", "4",
                                     "--batch-size", "2", "--trials", "2"]).status, 0)
    let new = try CLI.runAGNet(["status", "--run", run, "--json"])
    XCTAssertEqual(new.status, 75, "not finished: ask again later")
    XCTAssertEqual(try Self.events(new.stdout)[0]["state"] as? String, "new")
    XCTAssertEqual(try CLI.runAGNet(["ask", "--run", run, "--json"]).status, 0)
    let waiting = try CLI.runAGNet(["status", "--run", run, "--json"])
    XCTAssertEqual(waiting.status, 75)
    let status = try Self.events(waiting.stdout)[0]
    XCTAssertEqual(status["state"] as? String, "waiting")
    XCTAssertEqual(status["pending"] as? Int, 4, "two cells of each of two trials")
    let asks = try XCTUnwrap(status["pending_asks"] as? [[String: Any]])
    XCTAssertEqual(asks.compactMap { $0["id"] as? String }, ["t0-q0", "t0-q1", "t1-q0", "t1-q1"])
    XCTAssertNotNil(asks[0]["age_seconds"] as? Double)
    let text = try CLI.runAGNet(["status", "--run", run])
    XCTAssertTrue(text.stdout.contains("pending t1-q1"), text.stdout)
  }

  func testStatusOfADamagedRunSaysWhatIsWrong() throws {
    let run = CLI.temporaryDirectory().appendingPathComponent("run").path
    XCTAssertEqual(try CLI.runAGNet(Self.search(run, ["--method", "rs", "--trials", "2", "--budget", "16", "--quiet"])).status, 0)
    try Data("{\"queries\": [".utf8).write(to: URL(fileURLWithPath: run).appendingPathComponent("trial-1.json"))
    let broken = try CLI.runAGNet(["status", "--run", run, "--json"])
    XCTAssertEqual(broken.status, 1)
    let status = try Self.events(broken.stdout)[0]
    XCTAssertEqual(status["state"] as? String, "broken")
    XCTAssertEqual(status["trials_done"] as? Int, 1, "the readable trial still counts")
    XCTAssertEqual(broken.stderr.split(separator: "\n").count, 1, broken.stderr)
    XCTAssertTrue(broken.stderr.contains("trial-1.json"), broken.stderr)
    let missing = try CLI.runAGNet(["status", "--run", run + "-nothing"])
    XCTAssertEqual(missing.status, 1)
  }

  /// A held lock is a process at work: status says running, and growing the run is refused.
  func testARunAnotherProcessHoldsIsRunningAndCannotGrow() throws {
    let run = CLI.temporaryDirectory().appendingPathComponent("run").path
    let options = ["--method", "rs", "--trials", "1", "--quiet"]
    XCTAssertEqual(try CLI.runAGNet(Self.search(run, options + ["--budget", "16"])).status, 0)
    try FileManager.default.removeItem(atPath: run + "/summary.json")
    let descriptor = open(run + "/.lock", O_RDWR)
    XCTAssertEqual(flock(descriptor, LOCK_EX | LOCK_NB), 0)
    defer { close(descriptor) }
    let status = try CLI.runAGNet(["status", "--run", run, "--json"])
    XCTAssertEqual(try Self.events(status.stdout)[0]["state"] as? String, "running", status.stdout)
    let before = try Self.trialFiles(run)
    let grow = try CLI.runAGNet(Self.search(run, options + ["--budget", "32"]))
    XCTAssertEqual(grow.status, 1)
    XCTAssertTrue(grow.stderr.contains("cannot be grown while another process writes it"), grow.stderr)
    XCTAssertEqual(try Self.trialFiles(run), before)
  }

  /// Growing gives the trial files of a run made with the larger budget and trials from the
  /// start: re asks one cell at a time, rs and agnet 16, and no method reads the budget.
  func testAGrownRunEqualsARunMadeLargeFromTheStart() throws {
    let folder = CLI.temporaryDirectory()
    for (method, small, large) in [("re", "20", "40"), ("rs", "32", "64"), ("agnet", "32", "48")] {
      let grown = folder.appendingPathComponent("grown-\(method)").path
      let direct = folder.appendingPathComponent("direct-\(method)").path
      let base = ["--method", method, "--seed", "2", "--quiet"]
      XCTAssertEqual(try CLI.runAGNet(Self.search(grown, base + ["--trials", "2", "--budget", small])).status, 0)
      let grow = try CLI.runAGNet(Self.search(grown, base + ["--trials", "3", "--budget", large]))
      XCTAssertEqual(grow.status, 0, grow.stderr)
      let made = try CLI.runAGNet(Self.search(direct, base + ["--trials", "3", "--budget", large]))
      XCTAssertEqual(made.status, 0, made.stderr)
      let files = try Self.trialFiles(grown)
      XCTAssertEqual(files.count, 3, method)
      XCTAssertEqual(files, try Self.trialFiles(direct), "\(method): grown \(small) → \(large) differs from a run of \(large)")
      let status = try Self.events(try CLI.runAGNet(["status", "--run", grown, "--json"]).stdout)[0]
      XCTAssertEqual(status["queries_told"] as? Int, 3 * Int(large)!)
      XCTAssertEqual(status["state"] as? String, "finished")
    }
    // Shrinking, or changing anything else, stays refused.
    let grown = folder.appendingPathComponent("grown-re").path
    for change in [["--budget", "20", "--trials", "3"], ["--budget", "40", "--trials", "3", "--seed", "9"]] {
      let refused = try CLI.runAGNet(Self.search(grown, ["--method", "re", "--quiet"] + change))
      XCTAssertEqual(refused.status, 1, change.description)
      XCTAssertTrue(refused.stderr.contains("different configuration"), refused.stderr)
    }
  }

  func testEvaluateJSONPrintsToldEvents() throws {
    let run = CLI.temporaryDirectory().appendingPathComponent("run").path
    XCTAssertEqual(try CLI.runAGNet(["init", "--run", run, "--space", "nasbench201", "--method", "rs", "--budget", "3",
                                     "--batch-size", "2"]).status, 0)
    let evaluated = try CLI.runAGNet(["evaluate", "--run", run, "--command", "echo 42.5", "--json", "--quiet"])
    XCTAssertEqual(evaluated.status, 0, evaluated.stderr)
    XCTAssertEqual(evaluated.stderr, "")
    let events = try Self.events(evaluated.stdout)
    XCTAssertEqual(events.compactMap { $0["id"] as? String }, ["t0-q0", "t0-q1", "t0-q2"])
    XCTAssertEqual(events.compactMap { $0["value"] as? Double }, [42.5, 42.5, 42.5])
    XCTAssertEqual(events.compactMap { $0["failed"] as? Bool }, [false, false, false])
    XCTAssertEqual(try CLI.runAGNet(["status", "--run", run]).status, 0, "the run is finished")
  }
}

/// Help a person can read (issue 29): 80 columns, examples unbroken, method settings only for the
/// method asked about.
final class HelpTextTests: XCTestCase {
  func testEveryHelpFitsEightyColumnsWithItsExamplesUnbroken() throws {
    for path in CommandLineTests.commandPaths {
      let help = try CommandLineTests.runAGNet(path + ["--help"])
      XCTAssertEqual(help.status, 0)
      let lines = help.stdout.split(separator: "\n", omittingEmptySubsequences: false)
      for line in lines {
        XCTAssertLessThanOrEqual(line.count, 80, "agnet \(path.joined(separator: " ")) --help: \(line)")
      }
      // ArgumentParser wraps a line too long for 80 columns at column 0: in Examples, every line
      // is indented (a command, or the continuation of one after a backslash).
      guard let start = lines.firstIndex(of: "Examples:") else { continue }
      for line in lines[(start + 1)...].prefix(while: { !$0.hasPrefix("USAGE:") && !$0.hasPrefix("OPTIONS:") })
      where !line.isEmpty {
        XCTAssertTrue(line.hasPrefix("  "), "agnet \(path.joined(separator: " ")) --help breaks an example: \(line)")
      }
    }
  }

  func testMethodSettingsAreListedOnlyForTheMethodAskedAbout() throws {
    let plain = try CommandLineTests.runAGNet(["search", "--help"]).stdout
    XCTAssertTrue(plain.contains("re: regularized evolution"), plain)
    XCTAssertFalse(plain.contains("population_size=30"), "no settings without --method")
    XCTAssertLessThan(plain.split(separator: "\n").count, 130, "151 lines before issue 29")
    let agnet = try CommandLineTests.runAGNet(["search", "--method", "agnet", "--space", "nasbench201", "--help"]).stdout
    XCTAssertTrue(agnet.contains("candidates=100"), agnet)
    XCTAssertFalse(agnet.contains("population_size=30"), "only the method asked about")
    XCTAssertFalse(agnet.contains("normal_training"), "no DARTS-only setting on nasbench201")
    let darts = try CommandLineTests.runAGNet(["method", "show", "agnet-tenas", "--space", "darts"])
    XCTAssertEqual(darts.status, 0, darts.stderr)
    XCTAssertTrue(darts.stdout.contains("normal_training="), darts.stdout)
    XCTAssertEqual(try CommandLineTests.runAGNet(["method", "show", "nope"]).status, 64)
  }
}
