import SearchSpaces

/// The `--methods` list of `agnet compare`: comma-separated entries, each a method's name (`rs`)
/// or a named variant `NAME=METHOD[:param=value]…` (`wo-lso=agnet:weighting=uniform`), so one
/// comparison can hold a method several times with different hyperparameters. A variant's name is
/// its directory and its row in reports, and the prefix of `--param NAME.param=value`.
public enum MethodList {
  /// The comparison's methods in order, with `--param` items (`parameterItems`) applied; a
  /// variant's own settings win over `--param`. Throws `UsageError` (exit 64) for an empty entry, an unknown
  /// method, a malformed setting, a bad or repeated name.
  public static func choices(_ text: String, parameterItems: [String] = [],
                             registry: MethodRegistry = .standard) throws -> [MethodChoice] {
    let entries = text.split(separator: ",", omittingEmptySubsequences: false)
      .map { String($0).trimmingCharacters(in: .whitespaces) }
    guard !entries.contains("") else { throw UsageError("--methods needs names separated by commas (got \(InputError.quoted(text)))") }
    let choices = try entries.map { try entry($0, registry: registry) }
    var seen = Set<String>()
    for choice in choices where !seen.insert(choice.name).inserted {
      throw UsageError("--methods lists \(InputError.quoted(choice.name)) twice; give variants names of their own (NAME=METHOD:param=value)")
    }
    let overrides = try ParameterOverrides.parse(parameterItems, runs: choices.map { ($0.name, $0.method) })
    return choices.map { choice in
      var choice = choice
      choice.parameters = (overrides[choice.name] ?? [:]).merging(choice.parameters) { _, own in own }
      return choice
    }
  }

  private static func entry(_ text: String, registry: MethodRegistry) throws -> MethodChoice {
    let equals = text.firstIndex(of: "=")
    if let colon = text.firstIndex(of: ":"), colon < (equals ?? text.endIndex) {
      throw UsageError("--methods \(InputError.quoted(text)): a variant with parameters needs a name, e.g. my-\(text[..<colon])=\(text)")
    }
    guard let equals else { return MethodChoice(try registry.method(named: text)) }
    let name = String(text[..<equals])
    let parts = text[text.index(after: equals)...].split(separator: ":", omittingEmptySubsequences: false).map(String.init)
    let method = try registry.method(named: parts[0])
    try checkName(name, entry: text, registry: registry)
    var parameters: [String: String] = [:]
    for setting in parts.dropFirst() {
      guard let at = setting.firstIndex(of: "="), at != setting.startIndex else {
        throw UsageError("--methods \(InputError.quoted(text)): \(InputError.quoted(setting)) must look like param=value")
      }
      let key = String(setting[..<at])
      guard parameters.updateValue(String(setting[setting.index(after: at)...]), forKey: key) == nil else {
        throw UsageError("--methods \(InputError.quoted(text)): \(InputError.quoted(key)) is set twice")
      }
    }
    return MethodChoice(method, parameters: parameters, name: name)
  }

  /// Names become directory names and `--param` prefixes, and must not pass for another method.
  private static func checkName(_ name: String, entry: String, registry: MethodRegistry) throws {
    let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")
    guard !name.isEmpty, name.allSatisfy(allowed.contains), name.first != "-" else {
      throw UsageError("--methods \(InputError.quoted(entry)): the name \(InputError.quoted(name)) must be letters, digits, '-' or '_' (not starting with '-')")
    }
    guard !registry.names.contains(name) else {
      throw UsageError("--methods \(InputError.quoted(entry)): \(InputError.quoted(name)) is a method's name; call the variant something else")
    }
  }
}
