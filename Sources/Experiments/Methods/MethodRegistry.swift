import SearchSpaces

/// The methods `agnet search` and `agnet compare` can run, by name. A new method (AG-Net,
/// BANANAS) plugs in by conforming to `SearchMethod` and being added to `standard`.
public struct MethodRegistry: Sendable {
  public let methods: [any SearchMethod]

  public init(_ methods: [any SearchMethod]) { self.methods = methods }

  public static let standard = MethodRegistry([
    AGNetMethod(),
    HardwareAwareAGNetMethod(),
    RandomSearchMethod(),
    RegularizedEvolutionMethod(),
    LocalSearchMethod(),
    BANANASMethod(),
  ])

  public var names: [String] { methods.map(\.name) }

  public func method(named name: String) throws -> any SearchMethod {
    guard let method = methods.first(where: { $0.name == name }) else {
      throw UsageError("unknown method '\(name)'; available: \(names.joined(separator: ", "))")
    }
    return method
  }

  /// The methods of a comma-separated list (`--methods rs,re`), in its order: at least one, none
  /// empty, unknown or twice.
  public func methods(list: String) throws -> [any SearchMethod] {
    let names = list.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingCharacters(in: .whitespaces) }
    guard !names.contains("") else {
      throw UsageError("--methods needs method names separated by commas, without empty ones (got '\(list)')")
    }
    var seen = Set<String>()
    for name in names where !seen.insert(name).inserted {
      throw UsageError("--methods lists \(name) twice")
    }
    return try names.map(method(named:))
  }

  /// One line per method with its parameters, for `--help` texts.
  public var helpText: String {
    methods.map { method in
      let parameters = method.parameters.map { "\($0.name)=\($0.defaultValue)" }
      return "\(method.name): \(method.summary)" + (parameters.isEmpty ? "" : " [\(parameters.joined(separator: ", "))]")
    }.joined(separator: "\n")
  }
}
