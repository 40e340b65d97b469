import ArgumentParser
import SearchSpaces

/// `--space NAME|FILE` (and `agnet space`'s positional space) as every command takes it. Parsing
/// only keeps the text: resolving it (`SpaceReference.resolve`) can fail as misuse (exit 64) or as
/// an unreadable file (exit 1), which ArgumentParser's conversion cannot tell apart, so commands
/// call `resolve()` inside `reportingInputErrors`.
struct SpaceArgument: ExpressibleByArgument {
  let text: String

  init?(argument: String) {
    guard !argument.isEmpty else { return nil }
    text = argument
  }

  /// The built-in names and what else the argument may be, for help texts.
  static let choices = "\(BuiltInSpace.names.joined(separator: ", ")), or a space file"

  func resolve() throws -> SpaceChoice { try SpaceReference.resolve(text) }
}
