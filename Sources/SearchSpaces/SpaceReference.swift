import Foundation

/// What `--space NAME|FILE` names: a built-in space's name, else the path of a space file
/// (docs/cli.md, "Naming a space"). Every command resolves the argument here, so the contract and
/// its errors are the same everywhere.
public enum SpaceReference {
  /// The space `text` names. A built-in name wins over a file of the same name (write `./darts`
  /// for the file). An unknown name that is no existing path is a `UsageError` listing the
  /// built-in names; a path that cannot be read, or whose space cannot be loaded, an
  /// `InputError` naming it.
  public static func resolve(_ text: String) throws -> BuiltInSpace {
    if let space = BuiltInSpace(rawValue: text) { return space }
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

  /// Where a space file becomes a space: this version reads none (user-defined spaces come with
  /// the next version), so it names the file and says so.
  static func loadSpaceFile(_ contents: Data, path: String) throws -> BuiltInSpace {
    throw InputError("space files are not yet supported by this version; use a built-in space (\(BuiltInSpace.names.joined(separator: ", ")))",
                     file: path)
  }
}
