import Foundation
import SearchSpaces

/// Where the benchmark tables (`nasbench201/nasbench201.csv`, …) are read from: the folder of
/// `--data-dir`, else `$AGNET_DATA`, else `$XDG_DATA_HOME/agnet`, else `~/.local/share/agnet`;
/// a table that folder lacks is read from the tables shipped with AGNet (`ShippedTables`).
/// Files are written (installed, imported) to the folder only.
public struct DataDirectory: Sendable, Equatable {
  /// Where the choice came from, so that an error can say which setting to change.
  public enum Origin: Sendable, Equatable {
    case commandLine
    case environment
    case userDefault
  }

  public let url: URL
  public let origin: Origin
  /// Consulted for a file `url` does not have (`resolve` sets the shipped tables; nil: none).
  public let fallback: URL?

  public init(_ url: URL, origin: Origin = .commandLine, fallback: URL? = nil) {
    self.url = url.standardizedFileURL
    self.origin = origin
    self.fallback = fallback?.standardizedFileURL
  }

  /// Resolves the data directory from a `--data-dir` value and the environment, with the
  /// shipped tables (`shipped`) behind it.
  public static func resolve(commandLine: String?,
                             environment: [String: String] = ProcessInfo.processInfo.environment,
                             shipped: URL? = ShippedTables.directory) -> DataDirectory {
    if let path = commandLine, !path.isEmpty {
      return DataDirectory(URL(fileURLWithPath: path), origin: .commandLine, fallback: shipped)
    }
    if let path = environment["AGNET_DATA"], !path.isEmpty {
      return DataDirectory(URL(fileURLWithPath: path), origin: .environment, fallback: shipped)
    }
    // The XDG spec says relative values are to be ignored.
    if let base = environment["XDG_DATA_HOME"], base.hasPrefix("/") {
      return DataDirectory(URL(fileURLWithPath: base).appendingPathComponent("agnet"), origin: .userDefault, fallback: shipped)
    }
    let home = environment["HOME"].map { URL(fileURLWithPath: $0) } ?? FileManager.default.homeDirectoryForCurrentUser
    return DataDirectory(home.appendingPathComponent(".local/share/agnet"), origin: .userDefault, fallback: shipped)
  }

  /// The path of `relativePath` in the folder, where installs and imports write.
  public func file(_ relativePath: String) -> URL { url.appendingPathComponent(relativePath) }

  /// The copy of `relativePath` a command reads: the folder's, else the shipped one, else nil.
  public func locate(_ relativePath: String) -> URL? {
    [file(relativePath), fallback?.appendingPathComponent(relativePath)]
      .compactMap { $0 }
      .first { FileManager.default.fileExists(atPath: $0.path) }
  }

  /// Whether `file` is one of the tables shipped with AGNet (for messages and notes).
  public func isShipped(_ file: URL) -> Bool {
    guard let fallback else { return false }
    return file.standardizedFileURL.path.hasPrefix(fallback.path + "/")
  }

  /// Where a command reads `relativePath` from, in words: for `agnet benchmark list`.
  public func describeSource(_ relativePath: String) -> String {
    guard let found = locate(relativePath) else { return "missing" }
    return isShipped(found) ? "shipped with agnet (\(found.path))" : "from \(found.path)"
  }

  /// How the folder was chosen, for messages.
  public var originDescription: String {
    switch origin {
    case .commandLine: return "--data-dir"
    case .environment: return "$AGNET_DATA"
    case .userDefault: return "the default; set --data-dir or $AGNET_DATA to use another"
    }
  }

  /// The file at `relativePath`, or an error that says where we looked and what to do.
  /// `remedy` is the way to obtain the file (e.g. "run `agnet data install nasbench201`").
  /// A folder the user named (`--data-dir`, `$AGNET_DATA`) must exist even when the shipped
  /// tables could stand in: a typo should not silently switch tables.
  public func existingFile(_ relativePath: String, remedy: String) throws -> URL {
    var isFolder: ObjCBool = false
    let exists = FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder)
    let folderExists = exists && isFolder.boolValue
    if folderExists || origin == .userDefault, let found = locate(relativePath) { return found }
    let where_ = folderExists
      ? "not found in the data directory \(url.path) (\(originDescription))\(fallback == nil ? "" : " nor among the tables shipped with agnet")"
      : exists
        ? "not found: the data directory \(url.path) (\(originDescription)) is a file, not a folder"
        : "not found: the data directory \(url.path) (\(originDescription)) does not exist"
    throw InputError("\(relativePath) \(where_); \(remedy), or pass --data-dir DIR for a folder that has it")
  }
}
