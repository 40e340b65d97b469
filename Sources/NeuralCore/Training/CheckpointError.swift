/// A checkpoint file that cannot be used: missing, damaged, or made for a model of another
/// shape. `description` is one line naming the file.
public struct CheckpointError: Error, CustomStringConvertible, Equatable, Sendable {
  public var file: String
  public var message: String

  public init(_ message: String, file: String) {
    self.message = message
    self.file = file
  }

  public var description: String { "\(file): \(message)" }
}
