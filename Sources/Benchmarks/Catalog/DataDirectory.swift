import Foundation
import SearchSpaces

/// The folder that holds the benchmark tables (`nasbench201/nasbench201.csv`, …): `--data-dir`,
/// else `$AGNET_DATA`, else `$XDG_DATA_HOME/agnet`, else `~/.local/share/agnet`.
public struct DataDirectory: Sendable, Equatable {
  /// Where the choice came from, so that an error can say which setting to change.
  public enum Origin: Sendable, Equatable {
    case commandLine
    case environment
    case userDefault
  }

  public let url: URL
  public let origin: Origin

  public init(_ url: URL, origin: Origin = .commandLine) {
    self.url = url.standardizedFileURL
    self.origin = origin
  }

  /// Resolves the data directory from a `--data-dir` value and the environment.
  public static func resolve(commandLine: String?,
                             environment: [String: String] = ProcessInfo.processInfo.environment) -> DataDirectory {
    if let path = commandLine, !path.isEmpty { return DataDirectory(URL(fileURLWithPath: path), origin: .commandLine) }
    if let path = environment["AGNET_DATA"], !path.isEmpty {
      return DataDirectory(URL(fileURLWithPath: path), origin: .environment)
    }
    // The XDG spec says relative values are to be ignored.
    if let base = environment["XDG_DATA_HOME"], base.hasPrefix("/") {
      return DataDirectory(URL(fileURLWithPath: base).appendingPathComponent("agnet"), origin: .userDefault)
    }
    let home = environment["HOME"].map { URL(fileURLWithPath: $0) } ?? FileManager.default.homeDirectoryForCurrentUser
    return DataDirectory(home.appendingPathComponent(".local/share/agnet"), origin: .userDefault)
  }

  public func file(_ relativePath: String) -> URL { url.appendingPathComponent(relativePath) }

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
  public func existingFile(_ relativePath: String, remedy: String) throws -> URL {
    let file = file(relativePath)
    if FileManager.default.fileExists(atPath: file.path) { return file }
    var isFolder: ObjCBool = false
    let where_ = FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) && isFolder.boolValue
      ? "not found in the data directory \(url.path) (\(originDescription))"
      : "not found: the data directory \(url.path) (\(originDescription)) does not exist"
    throw InputError("\(relativePath) \(where_); \(remedy), or pass --data-dir DIR for a folder that has it")
  }
}
