import Foundation

/// What `--space NAME|FILE` names: a built-in space's name, else the path of a space file
/// (docs/cli.md, "Naming a space"). Every command resolves the argument here, so the contract and
/// its errors are the same everywhere.
public enum SpaceReference {
  /// The space `text` names. A built-in name wins over a file of the same name (write `./darts`
  /// for the file). An unknown name that is no existing path is a `UsageError` listing the
  /// built-in names; a path that cannot be read, or whose space cannot be loaded, an
  /// `InputError` naming it.
  public static func resolve(_ text: String) throws -> SpaceChoice {
    if let space = BuiltInSpace(rawValue: text) { return .builtIn(space) }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: text, isDirectory: &isDirectory) else {
      throw UsageError("unknown space \(InputError.quoted(text)) (no such file either); the spaces are: \(BuiltInSpace.names.joined(separator: ", "))")
    }
    guard !isDirectory.boolValue else { throw InputError("is a directory, not a space file", file: text) }
    let contents: Data
    do {
      contents = try Data(contentsOf: URL(fileURLWithPath: text))
    } catch {
      throw InputError("cannot read the space file", file: text)
    }
    return try loadSpaceFile(contents, path: text)
  }

  /// Where a space file becomes a space (docs/spaces.md).
  static func loadSpaceFile(_ contents: Data, path: String) throws -> SpaceChoice {
    guard let text = String(data: contents, encoding: .utf8) else { throw InputError("the space file is not UTF-8 text", file: path) }
    return .file(try FileSpace(text: text, path: path))
  }
}
