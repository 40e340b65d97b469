import Foundation
import SearchSpaces

/// Reading and writing the JSON files of runs and reports: sorted keys, pretty printed, a final
/// newline, and every write atomic (a reader or a restart never sees half a file).
public enum JSONFiles {
  public static func encode<T: Encodable>(_ value: T) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    var data = try encoder.encode(value)
    data.append(0x0A)
    return data
  }

  public static func write<T: Encodable>(_ value: T, to url: URL) throws {
    try AtomicFile.write(try encode(value), to: url)
  }

  /// Decodes `url`; a missing or malformed file is an `InputError` naming it.
  public static func read<T: Decodable>(_ type: T.Type, from url: URL) throws -> T {
    let data = try InputFile.read(url.path)
    do {
      return try JSONDecoder().decode(type, from: data)
    } catch {
      throw InputError("not a valid \(String(describing: T.self)) file: \(describeDecodingError(error))", file: url.path)
    }
  }

  package static func describeDecodingError(_ error: Error) -> String {
    func path(_ context: DecodingError.Context) -> String {
      let keys = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }
      return keys.isEmpty ? "" : " at \(keys.joined(separator: "."))"
    }
    switch error {
    case DecodingError.keyNotFound(let key, let context): return "missing key '\(key.stringValue)'\(path(context))"
    case DecodingError.typeMismatch(_, let context): return "wrong type\(path(context)): \(context.debugDescription)"
    case DecodingError.valueNotFound(_, let context): return "missing value\(path(context))"
    case DecodingError.dataCorrupted(let context): return "\(context.debugDescription)\(path(context))"
    default: return String(describing: error)
    }
  }
}

/// Writes a file by writing a temporary file beside it and renaming it over the target: POSIX
/// `rename` is atomic, so a kill at any moment leaves either the old or the new file. (No fsync:
/// this protects against a killed process, not against losing power.)
public enum AtomicFile {
  /// Temporary files are named `.<name>.tmp-<pid>-<n>`; a restart removes leftovers.
  static let temporaryMarker = ".tmp-"
  private static let counter = Counter()

  public static func write(_ data: Data, to url: URL) throws {
    let directory = url.deletingLastPathComponent()
    let temporary = directory.appendingPathComponent(
      ".\(url.lastPathComponent)\(temporaryMarker)\(getpid())-\(counter.next())")
    // Plain POSIX calls: FileManager.createFile writes atomically itself, with an fsync each time,
    // which made a checkpoint per round cost milliseconds.
    let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard descriptor >= 0 else {
      throw InputError("cannot write the file: \(String(cString: strerror(errno)))", file: url.path)
    }
    let written = data.withUnsafeBytes { buffer -> Bool in
      var offset = 0
      while offset < buffer.count {
        let n = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
        if n < 0 && errno == EINTR { continue }
        guard n > 0 else { return false }
        offset += n
      }
      return true
    }
    let reason = String(cString: strerror(errno))
    guard close(descriptor) == 0, written else {
      try? FileManager.default.removeItem(at: temporary)
      throw InputError("cannot write the file: \(reason)", file: url.path)
    }
    guard rename(temporary.path, url.path) == 0 else {
      let reason = String(cString: strerror(errno))
      try? FileManager.default.removeItem(at: temporary)
      throw InputError("cannot replace the file: \(reason)", file: url.path)
    }
  }

  /// Removes temporary files left in `directory` by a killed process.
  static func removeLeftovers(in directory: URL) throws {
    for name in try FileSystem.contents(of: directory) where isTemporary(name) {
      let file = directory.appendingPathComponent(name)
      do { try FileManager.default.removeItem(at: file) } catch {
        throw InputError("cannot remove a temporary file: \(FileSystem.reason(error))", file: file.path)
      }
    }
  }

  static func isTemporary(_ name: String) -> Bool { name.hasPrefix(".") && name.contains(temporaryMarker) }

  private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> Int {
      lock.lock()
      defer { lock.unlock() }
      value += 1
      return value
    }
  }
}
