import Foundation
import NeuralCore

/// The pretrained generators that ship with the package, in the top-level `models/` folder as
/// `<space>-generator.agnet`.
///
/// Found through, in order: `$AGNET_MODELS`; a `models/` folder beside the executable or up to
/// three folders above it (a `swift build` binary lives in `.build/<config>/`); the package the
/// binary was built from (by this source file's compile-time path).
public enum ShippedGenerator {
  public static func fileName(space: String) -> String { "\(space)-generator.agnet" }

  public static func candidateFolders(executable: URL = URL(fileURLWithPath: CommandLine.arguments.first ?? ".")) -> [URL] {
    var folders: [URL] = []
    if let override = ProcessInfo.processInfo.environment["AGNET_MODELS"] { folders.append(URL(fileURLWithPath: override)) }
    var directory = executable.resolvingSymlinksInPath().deletingLastPathComponent()
    for _ in 0...3 {
      folders.append(directory.appendingPathComponent("models"))
      directory = directory.deletingLastPathComponent()
    }
    // Sources/AGNet/Generator/ShippedGenerator.swift → package root.
    let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    folders.append(packageRoot.appendingPathComponent("models"))
    return folders
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
