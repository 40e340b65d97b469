import Foundation
import Monitoring
import Runs

/// The runs under the dashboard's folder and what the page shows of them, read through
/// `RunStatusReader` (files only, never written or locked). A run is read again only when a file
/// in it changed (names, sizes and modification times), so many clients polling many runs cost
/// one directory listing per run and request; and the answers themselves are kept for
/// `freshness` (the page polls every 2 seconds), so any number of clients cost at most one reading
/// of the folder per `freshness`.
public actor RunCatalog {
  public let root: URL
  public let freshness: Duration
  private var cache: [String: (fingerprint: [String], status: RunStatus)] = [:]
  private var answers: [String: (time: ContinuousClock.Instant, text: String?)] = [:]

  public init(root: URL, freshness: Duration = .milliseconds(500)) {
    self.root = root.standardizedFileURL
    self.freshness = freshness
  }

  /// The text of `key`'s answer, made by `make` at most once per `freshness`.
  public func answer(_ key: String, _ make: (isolated RunCatalog) -> String?) -> String? {
    let now = ContinuousClock.now
    if let kept = answers[key], now - kept.time < freshness { return kept.text }
    // Names asked for that are no runs must not grow the table without bound.
    if answers.count > 10_000 { answers.removeAll() }
    let text = make(self)
    answers[key] = (now, text)
    return text
  }

  /// The runs by name: the folder itself when it is a run, else its sub-folders that are runs. A
  /// folder of search runs without `results.json` is taken for a folder of runs, not for an
  /// unfinished comparison.
  public func runNames() -> [String] {
    let own = ["config.json", RunKind.askTellFileName, "results.json"]
    if own.contains(where: { FileManager.default.fileExists(atPath: root.appendingPathComponent($0).path) }) { return ["."] }
    let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
    return names.filter { !$0.hasPrefix(".") && RunKind.of(root.appendingPathComponent($0)) != nil }.sorted()
  }

  /// The status of a run by name; nil for a name that is no run under the folder (never a path
  /// outside it).
  public func status(of name: String) -> RunStatus? {
    guard runNames().contains(name) else { return nil }
    let url = name == "." ? root : root.appendingPathComponent(name)
    let fingerprint = Self.fingerprint(url)
    if let cached = cache[name], cached.fingerprint == fingerprint { return cached.status }
    let status = RunStatusReader().read(url)
    cache[name] = (fingerprint, status)
    return status
  }

  /// Names, sizes and modification times of a run's files (and its method runs' files).
  static func fingerprint(_ url: URL) -> [String] {
    let manager = FileManager.default
    var entries: [String] = []
    func add(_ folder: URL, prefix: String, depth: Int) {
      for name in ((try? manager.contentsOfDirectory(atPath: folder.path)) ?? []).sorted() {
        let file = folder.appendingPathComponent(name)
        guard let attributes = try? manager.attributesOfItem(atPath: file.path) else { continue }
        if attributes[.type] as? FileAttributeType == .typeDirectory {
          if depth > 0 { add(file, prefix: prefix + name + "/", depth: depth - 1) }
          continue
        }
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        entries.append("\(prefix)\(name) \(attributes[.size] as? Int ?? 0) \(modified)")
      }
    }
    add(url, prefix: "", depth: 1)
    return entries
  }
}
