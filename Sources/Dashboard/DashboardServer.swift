import Foundation
import Hummingbird
import Logging
import Monitoring
import NIOCore
import Runs

/// `agnet dashboard`: serves the page and its JSON (`/api/runs`, `/api/run?name=`) for the runs
/// under a folder. Read-only: every answer comes from `RunCatalog`, which reads run files and
/// writes nothing. With a token, every request must carry it (`Authorization: Bearer TOKEN` or
/// `?token=TOKEN`, which the page passes on) or is refused with 401.
public struct DashboardServer: Sendable {
  public var runs: URL
  public var host: String
  public var port: Int
  public var token: String?
  /// How often the page asks for new data.
  public var refreshSeconds: Double

  public init(runs: URL, host: String = "127.0.0.1", port: Int = 8080, token: String? = nil, refreshSeconds: Double = 2) {
    self.runs = runs
    self.host = host
    self.port = port
    self.token = token
    self.refreshSeconds = refreshSeconds
  }

  /// Whether `host` is a loopback address (binding elsewhere needs a token).
  public static func isLoopback(_ host: String) -> Bool {
    host == "localhost" || host == "::1" || host.hasPrefix("127.")
  }

  /// Serves until SIGINT or SIGTERM; `ready` gets the address once the server listens (with
  /// `port` 0, the port the system chose).
  public func run(ready: @escaping @Sendable (String) -> Void) async throws {
    let catalog = RunCatalog(root: runs)
    let router = Router()
    if let token { router.add(middleware: TokenCheck(token: token)) }
    let page = DashboardPage.html(refreshSeconds: refreshSeconds)
    router.get("/") { _, _ in Self.response(page, type: "text/html; charset=utf-8") }
    let root = runs.standardizedFileURL.path
    router.get("/api/runs") { _, _ in
      let text = await catalog.answer("runs") { catalog in
        let list = catalog.runNames().compactMap { name in catalog.status(of: name).map { DashboardJSON.summary(name: name, $0) } }
        return JSONValue.object(["root": .string(root), "runs": .array(list)]).line
      }
      return Self.response(text ?? "{}", type: "application/json")
    }
    router.get("/api/run") { request, _ in
      let name = request.uri.queryParameters.get("name") ?? ""
      guard let text = await catalog.answer("run/" + name, { $0.status(of: name).map { DashboardJSON.detail(name: name, $0).line } })
      else {
        return Self.response(#"{"error": "no such run"}"#, type: "application/json", status: .notFound)
      }
      return Self.response(text, type: "application/json")
    }
    var logger = Logger(label: "agnet-dashboard") { StreamLogHandler.standardError(label: $0) }
    logger.logLevel = .error
    let host = self.host
    let app = Application(
      router: router, configuration: .init(address: .hostname(host, port: port), serverName: "agnet"),
      onServerRunning: { channel in
        let shown = host.contains(":") ? "[\(host)]" : host
        ready("http://\(shown):\(channel.localAddress?.port ?? 0)/")
      }, logger: logger)
    try await app.runService()
  }

  static func response(_ body: String, type: String, status: HTTPResponse.Status = .ok) -> Response {
    var headers = HTTPFields()
    headers[.contentType] = type
    headers[.cacheControl] = "no-store"
    return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
  }
}

/// Refuses (401) every request without the token.
struct TokenCheck<Context: RequestContext>: RouterMiddleware {
  let token: String

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
    let bearer = request.headers[.authorization].map { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : "" }
    let given = bearer ?? request.uri.queryParameters.get("token")
    guard let given, Self.same(given, token) else {
      return DashboardServer.response(#"{"error": "a valid token is required"}"#, type: "application/json",
                                      status: .unauthorized)
    }
    return try await next(request, context)
  }

  /// Compares in time independent of where the texts differ.
  static func same(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8), y = Array(b.utf8)
    guard x.count == y.count else { return false }
    return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
  }
}
