import Foundation
import Installation
import NeuralCore

/// The pretrained generators that ship with the package, in the top-level `models/` folder as
/// `<space>-generator.agnet`.
///
/// Found through, in order: `$AGNET_MODELS`; the install prefix's `share/agnet/models` (the
/// archive, the wheel); a `models/` folder beside the executable or up to three folders above it
/// (a `swift build` binary lives in `.build/<triple>/<config>/`). Never a path compiled in.
public enum ShippedGenerator {
  public static func fileName(space: String) -> String { "\(space)-generator.agnet" }

  public static func candidateFolders(executable: URL = InstallLayout.executable) -> [URL] {
    var folders: [URL] = []
    if let override = ProcessInfo.processInfo.environment["AGNET_MODELS"] { folders.append(URL(fileURLWithPath: override)) }
    return folders + InstallLayout.candidates("models", executable: executable)
  }

  /// The shipped generator file of `space`, or a `CheckpointError` saying where it looked.
  public static func url(space: String) throws -> URL {
    let name = fileName(space: space)
    let folders = candidateFolders()
    for folder in folders {
      let url = folder.appendingPathComponent(name)
      if FileManager.default.fileExists(atPath: url.path) { return url }
    }
    throw CheckpointError("no shipped generator for \(space); looked in \(folders.map(\.path).joined(separator: ", ")) (set AGNET_MODELS or pass --checkpoint)", file: name)
  }

  public static func load(space: String) throws -> Generator { try Generator(contentsOf: try url(space: space)) }
}
