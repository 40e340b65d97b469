import Foundation

/// A file a user names (a table, a tell file, a run's JSON), read whole with the reason for a
/// failure in plain words: a directory, a device or FIFO (which would block or read nothing), a
/// loop of symbolic links, a missing file or a refused permission each say so, instead of
/// Foundation's `NSCocoaErrorDomain` codes. Every reader of such files goes through here.
public enum InputFile {
  /// The bytes of the regular file at `path`; throws an `InputError` naming it.
  public static func read(_ path: String) throws -> Data {
    var status = stat()
    guard stat(path, &status) == 0 else { throw InputError(problem(errno), file: path) }
    switch status.st_mode & S_IFMT {
    case S_IFREG: break
    case S_IFDIR: throw InputError("it is a directory; give a file", file: path)
    default: throw InputError("it is not a regular file (a device, FIFO or socket); give a file", file: path)
    }
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { throw InputError(problem(errno), file: path) }
    let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    do { return try handle.readToEnd() ?? Data() } catch {
      throw InputError("cannot read the file: \(error.localizedDescription)", file: path)
    }
  }

  /// Why `stat` or `open` failed, in words.
  static func problem(_ code: Int32) -> String {
    switch code {
    case ENOENT: return "no such file"
    case ELOOP: return "cannot read the file: its symbolic links form a loop"
    default: return "cannot read the file: \(String(cString: strerror(code)))"
    }
  }
}
