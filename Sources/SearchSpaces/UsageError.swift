/// A command line that asks for something impossible (an unknown method or parameter, a value
/// out of range, a limit exceeded), found by the library rather than by the argument parser. The
/// CLI prints the message on one line and exits 64, where an `InputError` (a bad file, a bad
/// result) exits 1. Thrown before any file is written, so the run directory stays as it was.
public struct UsageError: Error, CustomStringConvertible, Equatable, Sendable {
  public var message: String

  public init(_ message: String) { self.message = message }

  public var description: String { message }
}
