import Foundation
import SearchSpaces

/// Runs the Python interpreter the user chose and collects its output.
struct PythonRunner {
  struct Result {
    var status: Int32
    var standardOutput: String
    var standardError: String

    /// The last non-blank line of standard error (Python's last word on what went wrong).
    var lastErrorLine: String {
      standardError.split(separator: "\n").last { !$0.allSatisfy(\.isWhitespace) }.map(String.init)
        ?? "exit status \(status)"
    }
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
    do { try process.run() } catch {
      throw InputError("cannot run \(python) (\(error.localizedDescription)); install Python 3 or pass --python PATH")
    }
    process.waitUntilExit()
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
