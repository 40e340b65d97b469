import Foundation
import SearchSpaces

/// Which command made a run directory. A command meant for one kind refuses a directory of
/// another: `agnet search` on an ask/tell run would fill its trials from the table and delete the
/// told results, and `agnet init` on a search run would mix table trials with told ones. Growing a
/// run with the command that made it is not refused.
public enum RunKind: Sendable, Equatable {
  /// `config.json` alone: `agnet search`, one method of a comparison, or `agnet merge`'s output.
  case search
  /// `config.json` and `asktell.json`: `agnet init`, grown by ask, tell and evaluate.
  case askTell
  /// A folder of method runs (`<method>/config.json`) and, once finished, `results.json`.
  case comparison

  /// The file that makes a run an ask/tell run (AskTellConfig).
  public static let askTellFileName = "asktell.json"

  /// The kind of run in `url`; nil when it holds none.
  public static func of(_ url: URL) -> RunKind? {
    let manager = FileManager.default
    if manager.fileExists(atPath: url.appendingPathComponent(askTellFileName).path) { return .askTell }
    if manager.fileExists(atPath: url.appendingPathComponent("config.json").path) { return .search }
    if manager.fileExists(atPath: url.appendingPathComponent("results.json").path) { return .comparison }
    let children = (try? manager.contentsOfDirectory(atPath: url.path)) ?? []
    if children.contains(where: { manager.fileExists(atPath: url.appendingPathComponent($0).appendingPathComponent("config.json").path) }) {
      return .comparison
    }
    return nil
  }

  /// Refuses `url` unless it holds no run or a run of `self`. A directory holding nothing but a
  /// `config.json` is an `agnet init` killed before it wrote `asktell.json`: an ask/tell run may
  /// take it over, no result is in it.
  public func check(_ url: URL) throws {
    guard let found = RunKind.of(url), found != self else { return }
    if self == .askTell, found == .search {
      let names = ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? [])
        .filter { !$0.hasPrefix(".") }
      if names == ["config.json"] { return }
    }
    throw InputError("this directory holds \(found.what) (made by \(found.maker)), not \(what); use another directory",
                     file: url.standardizedFileURL.path)
  }

  private var what: String {
    switch self {
    case .search: return "a search run"
    case .askTell: return "an ask/tell run"
    case .comparison: return "a comparison"
    }
  }

  /// The commands that make this kind.
  private var maker: String {
    switch self {
    case .search: return "agnet search or agnet merge"
    case .askTell: return "agnet init"
    case .comparison: return "agnet compare"
    }
  }
}
