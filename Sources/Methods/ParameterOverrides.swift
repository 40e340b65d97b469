import SearchSpaces

/// Hyperparameter overrides from the command line (`--param name=value`, repeatable), sorted out
/// per method: `re.population_size=50` applies to `re` only; `population_size=50` to every chosen
/// method that declares it.
public enum ParameterOverrides {
  /// Overrides per method name. Throws `UsageError` for a malformed item, a method prefix that is
  /// not among `methods`, a name that none of the targeted methods declares, or a parameter set twice.
  public static func parse(_ items: [String], methods: [any SearchMethod]) throws -> [String: [String: String]] {
    try parse(items, runs: methods.map { ($0.name, $0) })
  }

  /// Overrides per run name, for runs that may share a method under different names (a
  /// comparison's variants): the prefix of `name.param=value` is a run's name.
  public static func parse(_ items: [String], runs: [(name: String, method: any SearchMethod)]) throws -> [String: [String: String]] {
    var result: [String: [String: String]] = [:]
    for item in items {
      guard let equals = item.firstIndex(of: "="), equals != item.startIndex else {
        throw UsageError("--param \(InputError.quoted(item)) must look like name=value or method.name=value")
      }
      let key = String(item[..<equals]), value = String(item[item.index(after: equals)...])
      let targets: [(name: String, method: any SearchMethod)]
      let name: String
      if let dot = key.firstIndex(of: ".") {
        let prefix = String(key[..<dot])
        guard let run = runs.first(where: { $0.name == prefix }) else {
          throw UsageError("--param \(InputError.quoted(item)): \(InputError.quoted(prefix)) is not one of the methods run (\(runs.map(\.name).joined(separator: ", ")))")
        }
        targets = [run]
        name = String(key[key.index(after: dot)...])
      } else {
        targets = runs.filter { run in run.method.parameterNames.contains(key) }
        name = key
        guard !targets.isEmpty else {
          let known = runs.flatMap { run in run.method.parameterNames.map { "\(run.name).\($0)" } }
          throw UsageError("--param \(InputError.quoted(item)): no method run has a parameter \(InputError.quoted(key))"
            + (known.isEmpty ? "" : "; parameters: \(known.joined(separator: ", "))"))
        }
      }
      for run in targets {
        // Last-wins would silently drop a value the user typed.
        guard result[run.name]?[name] == nil else {
          throw UsageError("--param sets \(InputError.quoted(run.name + "." + name)) twice; give each parameter once")
        }
        result[run.name, default: [:]][name] = value
      }
    }
    return result
  }
}
