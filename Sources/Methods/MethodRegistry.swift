import SearchSpaces

/// The methods `agnet search` and `agnet compare` can run, by name. A new method (AG-Net,
/// BANANAS) plugs in by conforming to `SearchMethod` and being added to `standard`.
public struct MethodRegistry: Sendable {
  public let methods: [any SearchMethod]

  public init(_ methods: [any SearchMethod]) { self.methods = methods }

  public static let standard = MethodRegistry([
    AGNetMethod(),
    AGNetXGBMethod(),
    AGNetPlusMethod(),
    HardwareAwareAGNetMethod(),
    TENASAGNetMethod(),
    RandomSearchMethod(),
    RegularizedEvolutionMethod(),
    LocalSearchMethod(),
    BANANASMethod(),
  ])

  public var names: [String] { methods.map(\.name) }

  public func method(named name: String) throws -> any SearchMethod {
    guard let method = methods.first(where: { $0.name == name }) else {
      throw UsageError("unknown method \(InputError.quoted(name)); available: \(names.joined(separator: ", "))")
    }
    return method
  }

  /// One line per method with its settings and their defaults, for `--help` texts.
  public var helpText: String { helpText(space: nil) }

  /// One line per method with the settings a search of a table uses, for `search` and `compare`
  /// (the table spaces, NAS-Bench-201 and -101, use the same settings; DARTS's phase sizes are
  /// left out).
  public var tableHelpText: String { helpText(space: BuiltInSpace.nasbench201.name) }

  /// One line per method, its name and what it is, without settings (help texts list a method's
  /// settings only when asked about it).
  public var summaryText: String { methods.map { "\($0.name): \($0.summary)" }.joined(separator: "\n") }

  /// One line per method with the settings a run on `space` uses (all when nil).
  public func helpText(space: String?) -> String {
    methods.map { $0.helpLine(space: space) }.joined(separator: "\n")
  }
}
