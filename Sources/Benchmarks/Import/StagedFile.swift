import Foundation
import SearchSpaces
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Replaces a table file only once its new content is complete: the content is written beside the
/// destination (same folder, so the same file system) and renamed over it, which is atomic. A
/// failed or interrupted import leaves the old table as it was.
enum StagedFile {
  /// The folder for `file`, created when missing.
  static func createFolder(for file: URL) throws {
    let folder = file.deletingLastPathComponent()
    do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
      throw InputError("cannot create the folder (\(error.localizedDescription))", file: folder.path)
    }
  }

  /// The staging name beside `destination`.
  static func stagingURL(for destination: URL) -> URL {
    destination.deletingLastPathComponent().appendingPathComponent(".\(destination.lastPathComponent).partial-\(getpid())")
  }

  /// Writes `bytes` to a staging file beside `destination` and returns it (not yet renamed).
  static func stage(_ bytes: [UInt8], for destination: URL) throws -> URL {
    try createFolder(for: destination)
    let staged = stagingURL(for: destination)
    let descriptor = open(staged.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard descriptor >= 0 else { throw InputError("cannot write (\(String(cString: strerror(errno))))", file: staged.path) }
    defer { close(descriptor) }
    var written = 0
    while written < bytes.count {
      let n = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, $0.count - written) }
      guard n > 0 else {
        let reason = String(cString: strerror(errno))
        try? FileManager.default.removeItem(at: staged)
        throw InputError("cannot write (\(reason))", file: staged.path)
      }
      written += n
    }
    return staged
  }

  /// Copies `source` to a staging file beside `destination` and returns it.
  static func stage(copyOf source: URL, for destination: URL) throws -> URL {
    try createFolder(for: destination)
    let staged = stagingURL(for: destination)
    try? FileManager.default.removeItem(at: staged)
    do { try FileManager.default.copyItem(at: source, to: staged) } catch {
      throw InputError("cannot write (\(error.localizedDescription))", file: staged.path)
    }
    return staged
  }

  /// Renames `staged` over `destination` in one step.
  static func commit(_ staged: URL, to destination: URL) throws {
    guard rename(staged.path, destination.path) == 0 else {
      let reason = String(cString: strerror(errno))
      try? FileManager.default.removeItem(at: staged)
      throw InputError("cannot replace the file (\(reason))", file: destination.path)
    }
  }

  /// Fails when `destination` exists and may not be replaced.
  static func checkReplaceable(_ destination: URL, replace: Bool, what: String) throws {
    if !replace && FileManager.default.fileExists(atPath: destination.path) {
      throw InputError("already exists; pass --force to replace it with \(what)", file: destination.path)
    }
  }
}
