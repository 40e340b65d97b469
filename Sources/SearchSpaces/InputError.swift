/// A problem with something a user gave us (a file, a cell string, a flag value), told in one line
/// that names where it is. The CLI prints `description` and exits 1; nothing traps on bad input.
public struct InputError: Error, CustomStringConvertible, Equatable, Sendable {
  public var file: String?
  public var line: Int?
  public var message: String

  public init(_ message: String, file: String? = nil, line: Int? = nil) {
    self.message = message
    self.file = file
    self.line = line
  }

  public var description: String {
    switch (file, line) {
    case let (file?, line?): return "\(file):\(line): \(message)"
    case let (file?, nil): return "\(file): \(message)"
    default: return message
    }
  }

  /// The same error, located in `file` at `line` (used when a parser of one value is called by a
  /// reader of a whole file).
  public func at(file: String, line: Int?) -> InputError {
    InputError(message, file: file, line: line)
  }
}
