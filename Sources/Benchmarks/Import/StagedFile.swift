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

  /// Copies each source beside its destination and renames them all over their destinations, or
  /// leaves every destination as it was: a destination already replaced when a later step fails
  /// is put back from a hard link to its old content (so it never goes missing meanwhile).
  static func replaceAll(_ pairs: [(source: URL, destination: URL)]) throws {
    var staged: [URL] = []
    var replaced: [(destination: URL, backup: URL?)] = []
    do {
      for (source, destination) in pairs { staged.append(try stage(copyOf: source, for: destination)) }
      for (file, (_, destination)) in zip(staged, pairs) {
        var backup: URL?
        if FileManager.default.fileExists(atPath: destination.path) {
          let kept = destination.deletingLastPathComponent().appendingPathComponent(".\(destination.lastPathComponent).previous-\(getpid())")
          unlink(kept.path)
          guard link(destination.path, kept.path) == 0 else {
            throw InputError("cannot keep the old file while replacing it (\(String(cString: strerror(errno))))", file: destination.path)
          }
          backup = kept
        }
        replaced.append((destination, backup))
        try commit(file, to: destination)
      }
    } catch {
      for (destination, backup) in replaced.reversed() {
        if let backup { rename(backup.path, destination.path) } else { unlink(destination.path) }
      }
      for file in staged { unlink(file.path) }
      throw error
    }
    for case let (_, backup?) in replaced { unlink(backup.path) }
  }

  /// Fails when `destination` exists and may not be replaced.
  static func checkReplaceable(_ destination: URL, replace: Bool, what: String) throws {
    if !replace && FileManager.default.fileExists(atPath: destination.path) {
      throw InputError("already exists; pass --force to replace it with \(what)", file: destination.path)
    }
  }
}
