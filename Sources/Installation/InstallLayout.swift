import Foundation

/// Where the files that ship with `agnet` (tables, generators, space files, build information) are
/// found, always relative to the running executable and never through a path compiled in, so that
/// an unpacked archive, a wheel or a checkout can each be moved anywhere.
///
/// An installed `agnet` lives in an install prefix: `PREFIX/bin/agnet` beside `PREFIX/share/agnet/`
/// (the archive of `scripts/package.sh`, and `agnet/_native/` inside the wheel). In a development
/// checkout the executable is `.build/<config>/agnet` and the files are the checkout's own.
public enum InstallLayout {
  /// The running executable with symbolic links resolved (a link on `PATH` to an unpacked
  /// archive finds the archive's files).
  public static var executable: URL {
    let url = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments.first ?? ".")
    return url.resolvingSymlinksInPath()
  }

  /// `PREFIX/share/agnet` for an executable at `PREFIX/bin/agnet` (whether or not it exists).
  public static func shareFolder(executable: URL = executable) -> URL {
    executable.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("share/agnet")
  }

  /// The folders a shipped folder called `name` may be in, most specific first: the install
  /// prefix's `share/agnet/<name>`, then `<name>` in the executable's folder and up to three
  /// folders above it (a checkout's `.build/<triple>/<config>/agnet` reaches the checkout's root).
  public static func candidates(_ name: String, executable: URL = executable) -> [URL] {
    var folders = [shareFolder(executable: executable).appendingPathComponent(name)]
    var directory = executable.deletingLastPathComponent()
    for _ in 0...3 {
      folders.append(directory.appendingPathComponent(name))
      directory = directory.deletingLastPathComponent()
    }
    return folders
  }

  /// Whether `url` is an existing folder.
  public static func isDirectory(_ url: URL) -> Bool {
    var folder: ObjCBool = false
    return FileManager.default.fileExists(atPath: url.path, isDirectory: &folder) && folder.boolValue
  }
}
