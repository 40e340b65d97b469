import Foundation
import XCTest
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `agnet dashboard` for real: the built binary serves a folder of runs on a free loopback port
/// and these tests ask it over HTTP (docs/dashboard.md).
final class DashboardTests: XCTestCase {
  typealias CLI = CommandLineTests

  /// A running `agnet dashboard`, stopped (SIGTERM) when the test ends.
  final class Server {
    let process = Process()
    let address: String

    init(_ arguments: [String]) throws {
      guard let binary = CLI.agnetBinary else { throw CocoaError(.fileNoSuchFile) }
      process.executableURL = binary
      process.arguments = ["dashboard", "--port", "0"] + arguments
      let pipe = Pipe()
      process.standardOutput = pipe
      process.standardError = FileHandle.nullDevice
      try process.run()
      // The first line names the address: "Serving http://127.0.0.1:PORT/ (runs under …)".
      var line = Data()
      while !line.contains(0x0A) {
        let chunk = pipe.fileHandleForReading.availableData
        guard !chunk.isEmpty else { break }
        line.append(chunk)
      }
      let text = String(decoding: line, as: UTF8.self)
      guard let start = text.range(of: "http://"), let end = text[start.lowerBound...].firstIndex(of: " ") else {
        process.terminate()
        throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "no address in \(text)"])
      }
      address = String(text[start.lowerBound..<end])
    }

    deinit {
      process.terminate()
      process.waitUntilExit()
    }

    func get(_ path: String, headers: [String: String] = [:]) throws -> (status: Int, body: Data) {
      var request = URLRequest(url: URL(string: address + path.dropFirst())!)
      for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
      let done = DispatchSemaphore(value: 0)
      nonisolated(unsafe) var answer: (Int, Data)?
      nonisolated(unsafe) var failure: Error?
      URLSession.shared.dataTask(with: request) { data, response, error in
        if let response = response as? HTTPURLResponse { answer = (response.statusCode, data ?? Data()) }
        failure = error
        done.signal()
      }.resume()
      done.wait()
      if let failure { throw failure }
      return try XCTUnwrap(answer)
    }

    func json(_ path: String) throws -> [String: Any] {
      let (status, body) = try get(path)
      XCTAssertEqual(status, 200, String(decoding: body, as: UTF8.self))
      return try XCTUnwrap(JSONSerialization.jsonObject(with: body) as? [String: Any])
    }
  }

  /// A folder with a finished search, a hardware-aware search, a comparison, an ask/tell run
  /// waiting for results, and a damaged run.
  static func makeRuns() throws -> URL {
    let folder = CLI.temporaryDirectory()
    func run(_ arguments: [String]) throws {
      let result = try CLI.runAGNet(arguments)
      XCTAssertEqual(result.status, 0, result.stderr)
    }
    let search = ["--benchmark", "nasbench201", "--trials", "2", "--budget", "16", "--quiet"]
    try run(["search", "--method", "rs", "--output", folder.appendingPathComponent("rs").path] + search)
    try run(["search", "--method", "re", "--cost", "fpga_latency_ms", "--max-cost", "2.8",
             "--output", folder.appendingPathComponent("hw").path] + search)
    try run(["compare", "--methods", "rs,ls", "--output", folder.appendingPathComponent("cmp").path] + search)
    let asks = folder.appendingPathComponent("asks").path
    try run(["init", "--run", asks, "--space", "nasbench201", "--method", "rs", "--budget", "4", "--batch-size", "2"])
    try run(["ask", "--run", asks])
    try run(["search", "--method", "rs", "--output", folder.appendingPathComponent("damaged").path] + search)
    try Data("{\"trial\": 1, \"queries\": [{\"va".utf8).write(to: folder.appendingPathComponent("damaged/trial-1.json"))
    return folder
  }

  /// Every file under `folder` with its bytes and modification time.
  static func snapshot(_ folder: URL) throws -> [String: String] {
    var files: [String: String] = [:]
    let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)!
    for case let url as URL in enumerator {
      let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
      guard attributes[.type] as? FileAttributeType == .typeRegular else { continue }
      let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
      files[url.path] = "\(modified) " + (try Data(contentsOf: url)).base64EncodedString()
    }
    return files
  }

  func testServesTheRunsReadOnly() throws {
    let folder = try Self.makeRuns()
    let before = try Self.snapshot(folder)
    let server = try Server(["--runs", folder.path])
    XCTAssertTrue(server.address.hasPrefix("http://127.0.0.1:"), server.address)

    let page = try server.get("/")
    XCTAssertEqual(page.status, 200)
    XCTAssertTrue(String(decoding: page.body, as: UTF8.self).contains("<svg id=\"curve\""))

    let list = try server.json("/api/runs")
    let runs = try XCTUnwrap(list["runs"] as? [[String: Any]])
    var states: [String: String] = [:]
    for run in runs { states[run["name"] as! String] = run["state"] as? String }
    XCTAssertEqual(states, ["asks": "waiting", "cmp": "finished", "damaged": "broken", "hw": "finished", "rs": "finished"])

    let rs = try server.json("/api/run?name=rs")
    let series = try XCTUnwrap((rs["series"] as? [[String: Any]])?.first)
    XCTAssertEqual((series["trials"] as? [[String: Any]])?.count, 2)
    let median = try XCTUnwrap(series["median"] as? [Double])
    XCTAssertEqual(median.count, 16)
    XCTAssertEqual(median, median.sorted(), "a best-so-far median never falls")
    let q1 = try XCTUnwrap(series["q1"] as? [Double]), q3 = try XCTUnwrap(series["q3"] as? [Double])
    XCTAssertTrue(zip(q1, q3).allSatisfy { $0 <= $1 })
    let best = try XCTUnwrap(rs["best_cells"] as? [[String: Any]])
    XCTAssertEqual(best.count, 10)
    XCTAssertEqual((best.first?["value"] as? Double), (rs["best"] as? [String: Any])?["value"] as? Double,
                   "the first best cell is the run's best")

    let hw = try server.json("/api/run?name=hw")
    let fronts = try XCTUnwrap(hw["pareto"] as? [[String: Any]])
    XCTAssertFalse(((fronts.first?["front"] as? [Any]) ?? []).isEmpty, "a hardware-aware run shows its front")
    XCTAssertEqual((try server.json("/api/run?name=cmp")["series"] as? [[String: Any]])?.count, 2, "one series per method")
    XCTAssertEqual((try server.json("/api/run?name=asks")["pending_asks"] as? [Any])?.count, 2)
    let damaged = try server.json("/api/run?name=damaged")
    XCTAssertTrue(((damaged["problems"] as? [String])?.first ?? "").contains("trial-1.json"))

    for name in ["nothing", "..", "../rs", "%2Fetc"] {
      XCTAssertEqual(try server.get("/api/run?name=\(name)").status, 404, name)
    }
    XCTAssertEqual(try Self.snapshot(folder), before, "the dashboard changed a run file")
  }

  func testARunStartedLaterAppears() throws {
    let folder = CLI.temporaryDirectory()
    let server = try Server(["--runs", folder.path])
    XCTAssertEqual((try server.json("/api/runs")["runs"] as? [Any])?.count, 0)
    let result = try CLI.runAGNet(["search", "--benchmark", "nasbench201", "--method", "re", "--trials", "1", "--budget", "8",
                                   "--quiet", "--output", folder.appendingPathComponent("late").path])
    XCTAssertEqual(result.status, 0)
    // Answers are kept for half a second: ask until the new run shows (at most 10 s).
    var runs: [[String: Any]] = []
    for _ in 0..<100 where runs.isEmpty {
      runs = try XCTUnwrap(try server.json("/api/runs")["runs"] as? [[String: Any]])
      if runs.isEmpty { Thread.sleep(forTimeInterval: 0.1) }
    }
    XCTAssertEqual(runs.first?["name"] as? String, "late")
    XCTAssertEqual(runs.first?["trials_done"] as? Int, 1)
  }

  func testATokenIsRequiredOnEveryRequestWhenSet() throws {
    let folder = CLI.temporaryDirectory()
    let token = "s3cret-token-42"
    let server = try Server(["--runs", folder.path, "--token", token])
    for path in ["/", "/api/runs", "/api/run?name=x"] {
      XCTAssertEqual(try server.get(path).status, 401, path)
      XCTAssertEqual(try server.get(path + (path.contains("?") ? "&" : "?") + "token=wrong-token-42").status, 401, path)
    }
    XCTAssertEqual(try server.get("/api/runs", headers: ["Authorization": "Bearer \(token)"]).status, 200)
    XCTAssertEqual(try server.get("/api/runs?token=\(token)").status, 200)
    XCTAssertEqual(try server.get("/?token=\(token)").status, 200)
  }

  func testNonLoopbackNeedsAToken() throws {
    let folder = CLI.temporaryDirectory().path
    let refused = try CLI.runAGNet(["dashboard", "--runs", folder, "--host", "0.0.0.0"])
    XCTAssertEqual(refused.status, 64)
    XCTAssertTrue(refused.stderr.contains("--token"), refused.stderr)
    XCTAssertEqual(try CLI.runAGNet(["dashboard", "--runs", folder + "/missing"]).status, 1)
  }
}
