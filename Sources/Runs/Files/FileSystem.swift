import Foundation
import SearchSpaces

/// Directory operations whose failures are one plain line naming the path (`InputError`), not
/// Foundation's `NSCocoaErrorDomain` dumps.
public enum FileSystem {
  /// Creates `url` and its missing parents; an existing directory is fine. (POSIX calls, so that
  /// the reason is the system's own: "Not a directory", "Permission denied".)
  public static func createDirectory(_ url: URL) throws {
    var path = ""
    for component in url.standardizedFileURL.path.split(separator: "/") {
      path += "/" + component
      if mkdir(path, 0o777) == 0 || errno == EEXIST { continue }
      throw InputError("cannot create the directory: \(String(cString: strerror(errno)))", file: url.path)
    }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw InputError("cannot use it as a directory: it is a file", file: url.path)
    }
  }

  /// The names in a directory.
  public static func contents(of url: URL) throws -> [String] {
    do { return try FileManager.default.contentsOfDirectory(atPath: url.path) } catch {
      throw InputError("cannot list the directory: \(reason(error))", file: url.path)
    }
  }

  /// A Foundation file error in plain words: the operating system's reason ("Not a directory",
  /// "Permission denied") when it gives one.
  public static func reason(_ error: Error) -> String {
    var current = error as NSError
    while current.domain != NSPOSIXErrorDomain, let underlying = current.userInfo[NSUnderlyingErrorKey] as? Error {
      current = underlying as NSError
    }
    if current.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(current.code))) }
    switch current.code {
    case NSFileWriteOutOfSpaceError: return String(cString: strerror(ENOSPC))
    case NSFileWriteNoPermissionError, NSFileReadNoPermissionError: return String(cString: strerror(EACCES))
    case NSFileNoSuchFileError, NSFileReadNoSuchFileError: return String(cString: strerror(ENOENT))
    case NSFileWriteFileExistsError: return String(cString: strerror(EEXIST))
    default: return "the operation failed"
    }
  }
}
