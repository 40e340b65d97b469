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

extension InputError {
  /// How much of a quoted input a message shows: enough to recognise it, short enough that a
  /// multi-megabyte field still gives a one-line error.
  public static let quotedLength = 60

  /// `text` in single quotes for a message, cut to `quotedLength` characters with the length of
  /// the rest told, and control characters shown as spaces so the message stays one line. Every
  /// message that quotes user input goes through here.
  public static func quoted<Text: StringProtocol>(_ text: Text) -> String {
    var shown = ""
    var count = 0
    for character in text {
      if count < quotedLength {
        shown.append(character.unicodeScalars.contains { $0.properties.generalCategory == .control } ? " " : character)
      }
      count += 1
    }
    guard count > quotedLength else { return "'\(shown)'" }
    return "'\(shown)…' (\(count - quotedLength) more characters)"
  }

  /// How many names `listed` shows.
  public static let listedCount = 20

  /// Names taken from user input (a file's columns) as a comma-separated list for a message: the
  /// first `listedCount`, each cut like `quoted` (without the quotes), the rest counted.
  public static func listed<Names: Collection>(_ names: Names) -> String where Names.Element: StringProtocol {
    let shown = names.prefix(listedCount).map { name -> String in
      let text = quoted(name)
      return text.hasSuffix("'") ? String(text.dropFirst().dropLast()) : text
    }
    let rest = names.count - shown.count
    return shown.joined(separator: ", ") + (rest > 0 ? " … (\(rest) more)" : "")
  }
}
