import Foundation
import SearchSpaces

/// Runs the Python interpreter the user chose and collects its output.
struct PythonRunner {
  struct Result {
    var status: Int32
    var standardOutput: String
    var standardError: String

    /// Python's word on what went wrong, as one bounded line: after a traceback its exception
    /// line with any continuation lines (a message holding a newline), else the lines of standard
    /// error that say something, joined; never a fragment such as a lone quote.
    var lastErrorLine: String {
      var lines = standardError.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      if let traceback = lines.lastIndex(where: { $0.hasPrefix("Traceback (most recent call last)") }) {
        lines = Array(lines[(traceback + 1)...].drop { $0.hasPrefix(" ") })
      }
      let meaningful = lines.map { $0.trimmingCharacters(in: .whitespaces) }.filter { line in line.contains { $0.isLetter || $0.isNumber } }
      guard !meaningful.isEmpty else { return "exit status \(status)" }
      let line = meaningful.joined(separator: " ")
      return line.count <= Self.maxErrorLength ? line : line.prefix(Self.maxErrorLength) + "…"
    }

    static let maxErrorLength = 300
  }

  var python: String

  /// Runs `python arguments…`; a missing interpreter is an `InputError` that says what to do.
  func run(_ arguments: [String]) throws -> Result {
    let process = Process()
    if python.contains("/") {
      process.executableURL = URL(fileURLWithPath: python)
      process.arguments = arguments
    } else {
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments = [python] + arguments
    }
    // Files, not pipes: a chatty child can never block on a full pipe, and no reader thread is needed.
    let logs = FileManager.default.temporaryDirectory.appendingPathComponent("agnet-python-\(UUID().uuidString)")
    let outputFile = logs.appendingPathExtension("out"), errorFile = logs.appendingPathExtension("err")
    _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
    defer {
      try? FileManager.default.removeItem(at: outputFile)
      try? FileManager.default.removeItem(at: errorFile)
    }
    process.standardOutput = try FileHandle(forWritingTo: outputFile)
    process.standardError = try FileHandle(forWritingTo: errorFile)
    process.standardInput = FileHandle.nullDevice
    // SIGTERM, SIGINT or SIGHUP stop the child too, then the caller unwinds and removes its
    // temporary files; by default agnet would die at once and leave both behind.
    let signals: [Int32] = [SIGTERM, SIGINT, SIGHUP]
    let received = ReceivedSignal()
    let sources = signals.map { number -> DispatchSourceSignal in
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
      source.setEventHandler {
        received.set(number)
        if process.isRunning { kill(process.processIdentifier, number) }
      }
      source.resume()
      return source
    }
    defer {
      for (number, source) in zip(signals, sources) {
        source.cancel()
        signal(number, SIG_DFL)
      }
    }
    do { try process.run() } catch {
      throw InputError("cannot run \(python) (\(error.localizedDescription)); install Python 3 or pass --python PATH")
    }
    if let number = received.value { kill(process.processIdentifier, number) } // arrived while starting
    process.waitUntilExit()
    if let number = received.value { throw InterruptedBySignal(signal: number) }
    let outputData = (try? Data(contentsOf: outputFile)) ?? Data()
    let errorData = (try? Data(contentsOf: errorFile)) ?? Data()
    // `env` exits 127 when it cannot find the program.
    if process.terminationStatus == 127 && !python.contains("/") {
      throw InputError("\(python) was not found on PATH; install Python 3 or pass --python PATH")
    }
    return Result(status: process.terminationStatus,
                  standardOutput: String(decoding: outputData, as: UTF8.self),
                  standardError: String(decoding: errorData, as: UTF8.self))
  }
}

/// The signal a handler saw, read by the waiting thread.
private final class ReceivedSignal: @unchecked Sendable {
  private let lock = NSLock()
  private var number: Int32?
  func set(_ value: Int32) { lock.lock(); number = number ?? value; lock.unlock() }
  var value: Int32? { lock.lock(); defer { lock.unlock() }; return number }
}
