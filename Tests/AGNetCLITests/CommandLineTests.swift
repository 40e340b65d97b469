import ArgumentParser
import Foundation
import XCTest
@testable import AGNetCLI

/// The command line as users type it: every documented example parses, misuse ends with exit
/// status 64, bad input with 1 and one line, and data commands keep stdout for data
/// (docs/cli.md). Everything is driven by command-line text, not by the commands' types, so that
/// how options are implemented may change under these tests.
final class CommandLineTests: XCTestCase {
  // MARK: documented examples

  func testEveryCommandsExamplesParse() throws {
    var examplesOfItself = 0
    for command in Self.leafCommands {
      let examples = Self.examples(in: command.configuration.discussion)
      XCTAssertFalse(examples.isEmpty, "\(command) documents no example under Examples:")
      var parsesToItself = false
      for example in examples {
        do {
          let parsed = try AGNetCommand.parseAsRoot(example)
          parsesToItself = parsesToItself || ObjectIdentifier(type(of: parsed)) == ObjectIdentifier(command)
        } catch {
          XCTFail("\(command)'s example `agnet \(example.joined(separator: " "))` does not parse: "
            + AGNetCommand.message(for: error))
        }
      }
      XCTAssertTrue(examples.isEmpty || parsesToItself, "no example of \(command) runs that command")
      if parsesToItself { examplesOfItself += 1 }
    }
    // Guards the extraction itself: the leaf commands are many and all have examples.
    XCTAssertGreaterThanOrEqual(Self.leafCommands.count, 20)
    XCTAssertEqual(examplesOfItself, Self.leafCommands.count)
  }

  func testHelpOfEveryCommandExitsWithZero() {
    for path in Self.commandPaths {
      XCTAssertEqual(Self.status(path + ["--help"]), 0, "agnet \(path.joined(separator: " ")) --help")
    }
  }

  // MARK: misuse: exit status 64

  func testMisuseExitsWith64() throws {
    let output = Self.temporaryDirectory().appendingPathComponent("run").path
    let search = ["search", "--benchmark", "nasbench201", "--output", output]
    let cases: [(String, [String])] = [
      ("unknown subcommand", ["frobnicate"]),
      ("unknown option", search + ["--no-such-option"]),
      ("unknown option of ask", ["ask", "--run", output, "--verbose"]),
      ("missing --output", ["search", "--benchmark", "nasbench201"]),
      ("missing --space", ["init", "--run", output, "--method", "rs"]),
      ("missing --run", ["ask"]),
      ("missing --command", ["evaluate", "--run", output]),
      ("an option without its value", search + ["--trials"]),
      ("non-integer --trials", search + ["--trials", "abc"]),
      ("a negative --seed", search + ["--seed", "-1"]),
      ("--count 0", ["ask", "--run", output, "--count", "0"]),
      ("--worker without --claim", ["ask", "--run", output, "--worker", "w1"]),
      ("--reclaim-after -1", ["ask", "--run", output, "--claim", "--reclaim-after", "-1"]),
      ("bad --trials range", ["init", "--run", output, "--space", "nasbench201", "--method", "rs", "--trials", "1-4"]),
      ("unknown benchmark", ["search", "--benchmark", "nasbench999", "--output", output]),
      ("unknown dataset", search + ["--dataset", "mnist"]),
      ("--benchmark and --table", search + ["--table", "t.csv"]),
      ("unknown method", search + ["--method", "nope"]),
      ("unknown method of init", ["init", "--run", output, "--space", "nasbench201", "--method", "nope"]),
      ("unknown --space", ["init", "--run", output, "--space", "no-such-space", "--method", "rs"]),
      ("--param without =", search + ["--method", "re", "--param", "population_size"]),
      ("--param of no method", search + ["--method", "rs", "--param", "no_such_parameter=1"]),
      ("--param of a method not run", search + ["--method", "rs", "--param", "re.population_size=3"]),
      ("--param with a bad value", search + ["--method", "re", "--param", "population_size=abc"]),
      ("bad --shard", search + ["--method", "rs", "--shard", "2/2"]),
      ("an empty --output of merge", ["merge", "--output", "", output]),
      ("--mode constraint without --max-cost", search + ["--method", "agnet-hw", "--cost", "fpga_latency_ms", "--mode", "constraint"]),
    ]
    for (what, arguments) in cases {
      XCTAssertEqual(Self.status(arguments), 64, "\(what): agnet \(arguments.joined(separator: " "))")
    }
    XCTAssertFalse(FileManager.default.fileExists(atPath: output), "a refused command left its run directory")
  }

  /// Issue 30: misuse that exited 1, ran with a value the user did not mean, or said the wrong thing.
  func testMisuseOfTheThirdPassExitsWith64AndSaysWhy() throws {
    let output = Self.temporaryDirectory().appendingPathComponent("run").path
    let search = ["search", "--benchmark", "nasbench201", "--output", output]
    let cases: [(String, [String], String)] = [
      ("a negative --seed", search + ["--seed", "-3"], "seeds are integers 0…2^63−1, not '-3'"),
      ("a --seed beyond 2^63−1", search + ["--seed", "9223372036854775808"], "seeds are integers 0…2^63−1"),
      ("a repeated --param", search + ["--method", "re", "--param", "population_size=3", "--param", "re.population_size=4"],
       "--param sets 're.population_size' twice"),
      ("--retries beyond its range", ["evaluate", "--run", output, "--command", "true", "--retries", "99999999999"],
       "--retries must be 0…100"),
      ("an empty --output of space sample", ["space", "sample", "nasbench201", "--output", ""], "--output needs a file name"),
      ("a benchmark for a space without tables", ["init", "--run", output, "--space", "darts", "--method", "re", "--benchmark", "nasbench201"],
       "the DARTS space has no tables"),
    ]
    for (what, arguments, message) in cases {
      XCTAssertEqual(Self.status(arguments), 64, "\(what): agnet \(arguments.joined(separator: " "))")
      let result = try Self.runAGNet(arguments)
      XCTAssertEqual(result.status, 64, what)
      XCTAssertTrue(result.stderr.contains(message), "\(what): \(result.stderr)")
    }
    XCTAssertFalse(FileManager.default.fileExists(atPath: output), "a refused command left its run directory")
  }

  /// Issue 30: file problems said "NSCocoaErrorDomain error 256", "cannot read the file" or that a
  /// file "does not exist"; each now says what the path is.
  func testFileProblemsSayWhatThePathIs() throws {
    let folder = Self.temporaryDirectory()
    let run = folder.appendingPathComponent("run").path
    XCTAssertEqual(Self.status(["init", "--run", run, "--space", "nasbench201", "--method", "rs"]), 0)
    let missing = folder.appendingPathComponent("missing.jsonl").path
    let aFile = folder.appendingPathComponent("a-file").path
    FileManager.default.createFile(atPath: aFile, contents: Data("x".utf8))
    let table = ["--space", "nasbench201", "--search-metric", "acc", "--output", folder.appendingPathComponent("r").path]
    let cases: [([String], String)] = [
      (["search", "--table", folder.path] + table, "\(folder.path): it is a directory"),
      (["search", "--table", "/dev/null"] + table, "/dev/null: it is not a regular file"),
      (["tell", "--run", run, "--file", missing], "\(missing): no such file"),
      (["search", "--benchmark", "nasbench201", "--data-dir", aFile, "--output", folder.appendingPathComponent("s").path],
       "the data directory \(aFile) (--data-dir) is a file, not a folder"),
    ]
    for (arguments, message) in cases {
      let result = try Self.runAGNet(arguments)
      XCTAssertEqual(result.status, 1, arguments.joined(separator: " "))
      XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, result.stderr)
      XCTAssertTrue(result.stderr.contains(message), "\(arguments.joined(separator: " ")): \(result.stderr)")
    }
  }

  // MARK: bad input: exit status 1 and one line naming it

  func testBadInputExitsWith1AndOneLineNamingIt() throws {
    let folder = Self.temporaryDirectory()
    let missingTable = folder.appendingPathComponent("missing.csv").path
    let notARun = folder.appendingPathComponent("not-a-run").path
    XCTAssertEqual(Self.status(["ask", "--run", notARun]), 1)
    XCTAssertEqual(Self.status(["search", "--table", missingTable, "--space", "nasbench201", "--search-metric", "acc",
                                "--output", folder.appendingPathComponent("r").path]), 1)
    // The message itself is on stderr, one line, and stdout stays empty.
    for (arguments, named) in [(["ask", "--run", notARun], notARun),
                               (["tell", "--run", notARun, "--file", missingTable], notARun)] {
      let result = try Self.runAGNet(arguments)
      XCTAssertEqual(result.status, 1, arguments.joined(separator: " "))
      XCTAssertEqual(result.stdout, "")
      XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, result.stderr)
      XCTAssertTrue(result.stderr.hasPrefix("agnet: ") && result.stderr.contains(named), result.stderr)
    }
  }

  // MARK: stdout is for data

  /// `agnet --version`: the version, a commit line, the matmul path, and every shipped table and
  /// generator with its folder and content version; nothing on stderr, exit 0.
  func testVersionNamesTheBuildAndEveryShippedFile() throws {
    let (status, stdout, stderr) = try Self.runAGNet(["--version"])
    XCTAssertEqual(status, 0, stderr)
    XCTAssertEqual(stderr, "")
    let lines = stdout.split(separator: "\n").map(String.init)
    XCTAssertNotNil(lines.first?.range(of: #"^agnet [0-9]+\.[0-9]+\.[0-9]+$"#, options: .regularExpression), stdout)
    XCTAssertTrue(lines.contains { $0.hasPrefix("commit: ") }, stdout)
    XCTAssertTrue(lines.contains { $0.hasPrefix("matmul: openblas") || $0.hasPrefix("matmul: swift") }, stdout)
    for file in ["nasbench201/nasbench201.csv", "nasbench201/hwnasbench_cifar10.csv", "nasbench101/nasbench101_sample30k.csv",
                 "nasbench201-generator.agnet", "nasbench101-generator.agnet", "darts-generator.agnet"] {
      let line = try XCTUnwrap(lines.first { $0.hasPrefix("  \(file) ") }, "\(file) missing from\n\(stdout)")
      XCTAssertNotNil(line.range(of: #"[0-9]+ bytes  fnv1a64 [0-9a-f]{16}$"#, options: .regularExpression), line)
    }
  }

  func testAskPrintsEventLinesAndNothingOnStdoutOnceFinished() throws {
    let run = Self.temporaryDirectory().appendingPathComponent("run").path
    let created = try Self.runAGNet(["init", "--run", run, "--space", "nasbench201", "--method", "rs", "--budget", "2",
                                     "--batch-size", "2", "--seed", "3"])
    XCTAssertEqual(created.status, 0, created.stderr)

    let asked = try Self.runAGNet(["ask", "--run", run])
    XCTAssertEqual(asked.status, 0, asked.stderr)
    XCTAssertEqual(asked.stderr, "")
    let lines = asked.stdout.split(separator: "\n")
    XCTAssertEqual(lines.count, 2, asked.stdout)
    var told: [String] = []
    for (query, line) in lines.enumerated() {
      let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], String(line))
      XCTAssertEqual(object["event"] as? String, "cell")
      XCTAssertEqual(object["schema"] as? Int, 1)
      XCTAssertEqual(object["id"] as? String, "t0-q\(query)")
      XCTAssertEqual(object["trial"] as? Int, 0)
      XCTAssertEqual(object["query"] as? Int, query)
      XCTAssertEqual(object["space"] as? String, "nasbench201")
      XCTAssertTrue((object["cell"] as? String)?.hasPrefix("|") ?? false, String(line))
      told.append("{\"id\": \"t0-q\(query)\", \"value\": \(90 + query)}")
    }
    let results = Self.temporaryDirectory().appendingPathComponent("told.jsonl")
    try Data((told.joined(separator: "\n") + "\n").utf8).write(to: results)
    let tell = try Self.runAGNet(["tell", "--run", run, "--file", results.path])
    XCTAssertEqual(tell.status, 0, tell.stderr)
    XCTAssertEqual(tell.stdout, "", "tell's outcome is a message for people")

    for arguments in [["ask", "--run", run], ["ask", "--run", run, "--claim", "--count", "1"]] {
      let finished = try Self.runAGNet(arguments)
      XCTAssertEqual(finished.status, 0, finished.stderr)
      XCTAssertEqual(finished.stdout, "", "a finished run has nothing to ask, and prints nothing on stdout")
      XCTAssertEqual(finished.stderr.split(separator: "\n").count, 1, finished.stderr)
      XCTAssertTrue(finished.stderr.contains("finished"), finished.stderr)
    }
  }

  func testSpaceSampleWritesOnlyItsCSVOnStdout() throws {
    let sampled = try Self.runAGNet(["space", "sample", "nasbench201", "--count", "3", "--seed", "1"])
    XCTAssertEqual(sampled.status, 0, sampled.stderr)
    XCTAssertEqual(sampled.stderr, "")
    let rows = sampled.stdout.split(separator: "\n")
    XCTAssertEqual(rows.count, 4, sampled.stdout)
    XCTAssertEqual(rows.first, "arch")
    XCTAssertTrue(rows.dropFirst().allSatisfy { $0.hasPrefix("|") && $0.hasSuffix("|") }, sampled.stdout)
  }

  func testAskWithEveryCellClaimedSaysSoOnStderr() throws {
    let run = Self.temporaryDirectory().appendingPathComponent("run").path
    XCTAssertEqual(try Self.runAGNet(["init", "--run", run, "--space", "nasbench201", "--method", "rs", "--budget", "4",
                                      "--batch-size", "2"]).status, 0)
    let claimed = try Self.runAGNet(["ask", "--run", run, "--claim"])
    XCTAssertEqual(claimed.stdout.split(separator: "\n").count, 2, claimed.stdout)
    let again = try Self.runAGNet(["ask", "--run", run, "--claim"])
    XCTAssertEqual(again.status, 0, again.stderr)
    XCTAssertEqual(again.stdout, "")
    XCTAssertTrue(again.stderr.contains("claimed") && !again.stderr.contains("finished"), again.stderr)
    XCTAssertEqual(try Self.runAGNet(["ask", "--run", run]).stdout, claimed.stdout, "a plain ask still lists claimed cells")
  }

  // MARK: signals

  /// Issue 30: SIGTERM during `data import hwnasbench` left the Python child running and the
  /// `agnet-hwnasbench-*` and `agnet-python-*` temporary folders behind.
  func testSIGTERMStopsThePythonChildAndRemovesTemporaryFiles() throws {
    guard let binary = Self.agnetBinary else { throw XCTSkip("no agnet binary beside the test bundle") }
    let folder = Self.temporaryDirectory()
    let temporary = folder.appendingPathComponent("tmp"), pidFile = folder.appendingPathComponent("child.pid")
    try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
    // A "Python" that records its process id and sleeps (exec: the child itself sleeps).
    let python = folder.appendingPathComponent("python")
    try Data("#!/bin/sh\necho $$ > '\(pidFile.path)'\nexec sleep 60\n".utf8).write(to: python)
    XCTAssertEqual(chmod(python.path, 0o755), 0)
    let pickle = folder.appendingPathComponent("hw.pickle")
    try Data("x".utf8).write(to: pickle)
    let process = Process()
    process.executableURL = binary
    process.arguments = ["data", "import", "hwnasbench", pickle.path, "--python", python.path,
                         "--data-dir", folder.appendingPathComponent("data").path]
    process.environment = ProcessInfo.processInfo.environment.merging(["TMPDIR": temporary.path]) { $1 }
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    var child: Int32?
    for _ in 0..<200 where child == nil {
      usleep(50_000)
      child = (try? String(contentsOf: pidFile, encoding: .utf8)).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }
    let pid = try XCTUnwrap(child, "the fake Python did not start")
    defer { kill(pid, SIGKILL) }
    usleep(200_000)
    process.terminate()
    for _ in 0..<200 where process.isRunning { usleep(50_000) }
    XCTAssertFalse(process.isRunning, "agnet did not end on SIGTERM")
    XCTAssertEqual(process.terminationReason, .uncaughtSignal)
    XCTAssertEqual(process.terminationStatus, SIGTERM)
    XCTAssertNotEqual(kill(pid, 0), 0, "the Python child is still running")
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: temporary.path), [], "temporary files left behind")
  }
}

// MARK: helpers

extension CommandLineTests {
  /// The exit status `agnet ARGUMENTS` ends with, parsed and run in this process the way
  /// `AGNetCommand.main()` does.
  static func status(_ arguments: [String]) -> Int32 {
    do {
      var command = try AGNetCommand.parseAsRoot(arguments)
      try command.run()
      return ExitCode.success.rawValue
    } catch {
      return AGNetCommand.exitCode(for: error).rawValue
    }
  }

  /// Every command path below `agnet` (`["space", "sample"]`, ...), from the configuration.
  static var commandPaths: [[String]] {
    func walk(_ command: ParsableCommand.Type, _ path: [String]) -> [[String]] {
      let children = command.configuration.subcommands
      return [path] + children.flatMap { walk($0, path + [$0._commandName]) }
    }
    return walk(AGNetCommand.self, [])
  }

  static var leafCommands: [ParsableCommand.Type] {
    func walk(_ command: ParsableCommand.Type) -> [ParsableCommand.Type] {
      let children = command.configuration.subcommands
      return children.isEmpty ? [command] : children.flatMap(walk)
    }
    return walk(AGNetCommand.self)
  }

  /// The `agnet` command lines under "Examples:" in a discussion, as argument lists: shell
  /// continuations joined, comments and pipes cut, `… && .build/release/agnet …` reduced to the
  /// agnet call.
  static func examples(in discussion: String) -> [[String]] {
    guard let start = discussion.range(of: "Examples:") else { return [] }
    var lines: [String] = []
    var pending = ""
    for raw in discussion[start.upperBound...].split(separator: "\n") {
      var line = pending + raw.trimmingCharacters(in: .whitespaces)
      if line.hasSuffix("\\") {
        line.removeLast()
        pending = line
        continue
      }
      pending = ""
      lines.append(line)
    }
    return lines.compactMap { line in
      let words = shellWords(line)
      guard let agnet = words.lastIndex(where: { $0 == "agnet" || $0.hasSuffix("/agnet") }),
            agnet == 0 || words[agnet - 1] == "&&" else { return nil }
      let arguments = words[(agnet + 1)...].prefix { !["|", "&&", ";"].contains($0) && !$0.hasPrefix("#") }
      return Array(arguments)
    }
  }

  /// Splits a command line as /bin/sh would (quotes and backslashes; no expansions).
  static func shellWords(_ line: String) -> [String] {
    var words: [String] = []
    var word: String?
    var quote: Character?
    var escaped = false
    for character in line {
      if escaped {
        word = (word ?? "") + String(character)
        escaped = false
      } else if let open = quote {
        if character == open { quote = nil } else { word = (word ?? "") + String(character) }
      } else if character == "\\" {
        escaped = true
      } else if character == "'" || character == "\"" {
        quote = character
        word = word ?? ""
      } else if character == " " || character == "\t" {
        if let finished = word { words.append(finished) }
        word = nil
      } else {
        word = (word ?? "") + String(character)
      }
    }
    if let finished = word { words.append(finished) }
    return words
  }

  static func temporaryDirectory() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("agnet-cli-tests-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// The built `agnet` beside this test bundle: the products directory of the build under test.
  static let agnetBinary: URL? = {
    var folders = Bundle.allBundles.filter { $0.bundleURL.pathExtension == "xctest" }.map { $0.bundleURL.deletingLastPathComponent() }
    if let executable = Bundle.main.executableURL { folders.append(executable.deletingLastPathComponent()) }
    folders.append(Bundle.main.bundleURL)
    return folders.map { $0.appendingPathComponent("agnet") }.first { FileManager.default.isExecutableFile(atPath: $0.path) }
  }()

  /// Runs the built `agnet` as a process, for what only a process shows: which stream a line
  /// goes to. Standard input is empty.
  static func runAGNet(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
    guard let binary = agnetBinary else {
      throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey:
        "no agnet binary beside the test bundle (swift test builds it with the tests)"])
    }
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    let folder = temporaryDirectory()
    let out = folder.appendingPathComponent("stdout"), err = folder.appendingPathComponent("stderr")
    FileManager.default.createFile(atPath: out.path, contents: nil)
    FileManager.default.createFile(atPath: err.path, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: out)
    process.standardError = try FileHandle(forWritingTo: err)
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    return (process.terminationStatus, try String(contentsOf: out, encoding: .utf8), try String(contentsOf: err, encoding: .utf8))
  }
}
