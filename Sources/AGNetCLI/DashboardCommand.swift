import ArgumentParser
import Dashboard
import Foundation

/// `agnet dashboard`: a local web page of the runs in a folder.
struct DashboardCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "dashboard",
    abstract: "Serve a web page that shows the runs in a folder while they run.",
    usage: "agnet dashboard --runs <dir> [<options>]",
    discussion: """
      Lists every run under --runs (search, compare, ask/tell; the folder itself may be one) \
      with its state, and for a chosen run the best-so-far curve of each trial with the median \
      and quartile band, the best cells, the Pareto front of hardware-aware runs and the pending \
      asks. The page asks for new data every 2 seconds. Run files are only read, never written \
      or locked: runs may be written, killed and resumed meanwhile, and a damaged one is shown \
      as broken beside the others.

      Binds 127.0.0.1 by default. --host with another address needs --token; with a token, every \
      request without it is refused (401), on loopback too: open http://HOST:PORT/?token=TOKEN. \
      The first line on stdout is the address served. Stop with Ctrl-C.

      Examples:
        agnet dashboard --runs runs
        agnet dashboard --runs runs --port 9000
        agnet dashboard --runs runs --host 0.0.0.0 --token "$(openssl rand -hex 16)"
      """)

  @Option(help: ArgumentHelp("The folder of runs (or one run).", valueName: "dir"))
  var runs: String

  @Option(help: ArgumentHelp("The address to bind.", valueName: "address"))
  var host = "127.0.0.1"

  @Option(help: "The port (0: any free port).")
  var port = 8080

  @Option(help: ArgumentHelp("Require this token on every request (needed off loopback).", valueName: "token"))
  var token: String?

  func validate() throws {
    guard !runs.isEmpty else { throw ValidationError("--runs needs a directory.") }
    guard (0...65535).contains(port) else { throw ValidationError("--port must be 0…65535.") }
    if let token, token.count < 8 { throw ValidationError("--token must have at least 8 characters.") }
    guard token != nil || DashboardServer.isLoopback(host) else {
      throw ValidationError("--host \(host) is not a loopback address: give --token TOKEN so that only you can read the runs.")
    }
  }

  func run() throws {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: runs, isDirectory: &isDirectory), isDirectory.boolValue else {
      printError("\(runs): no such directory")
      throw ExitCode(1)
    }
    let server = DashboardServer(runs: URL(fileURLWithPath: runs), host: host, port: port, token: token)
    let done = DispatchSemaphore(value: 0)
    let failure = FailureBox()
    Task {
      do {
        try await server.run { address in
          print("Serving \(address) (runs under \(server.runs.standardizedFileURL.path))")
          fflush(stdout)
        }
      } catch {
        failure.error = error
      }
      done.signal()
    }
    done.wait()
    if let error = failure.error {
      printError("cannot serve on \(host):\(port): \(error)")
      throw ExitCode(1)
    }
  }
}

/// The server's error, handed from its task to the command's thread.
private final class FailureBox: @unchecked Sendable {
  var error: Error?
}
