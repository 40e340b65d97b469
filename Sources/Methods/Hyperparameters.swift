import SearchSpaces

/// A hyperparameter a method declares: its name on the command line and in `config.json`, its
/// default (which also fixes its kind), and a line of help.
public struct MethodParameter: Sendable {
  public var name: String
  public var defaultValue: ParameterValue
  public var help: String

  public init(_ name: String, default defaultValue: ParameterValue, help: String) {
    self.name = name
    self.defaultValue = defaultValue
    self.help = help
  }
}

/// The resolved hyperparameters of one method in one run: every declared parameter with its value
/// (the default unless overridden). Stored in `config.json` as a plain object.
public struct Hyperparameters: Codable, Equatable, Sendable {
  public private(set) var values: [String: ParameterValue]

  public init(_ values: [String: ParameterValue] = [:]) { self.values = values }

  public init(from decoder: Decoder) throws { values = try [String: ParameterValue](from: decoder) }
  public func encode(to encoder: Encoder) throws { try values.encode(to: encoder) }

  /// The declared parameters with `overrides` ("name" → text) applied; throws `UsageError` for an
  /// unknown name or a value of the wrong kind.
  public static func resolve(_ parameters: [MethodParameter], overrides: [String: String],
                             method: String) throws -> Hyperparameters {
    var values: [String: ParameterValue] = [:]
    for parameter in parameters { values[parameter.name] = parameter.defaultValue }
    for name in overrides.keys.sorted() {
      let text = overrides[name]!
      guard let parameter = parameters.first(where: { $0.name == name }) else {
        let known = parameters.map(\.name)
        throw UsageError("method \(method) has no parameter '\(name)'"
          + (known.isEmpty ? " (it takes none)" : "; its parameters are: \(known.joined(separator: ", "))"))
      }
      guard let value = parameter.defaultValue.parsingSameKind(text) else {
        throw UsageError("parameter \(method).\(name) must be \(parameter.defaultValue.kindName), not '\(text)'")
      }
      values[name] = value
    }
    return Hyperparameters(values)
  }

  public func int(_ name: String) throws -> Int {
    if case .int(let v)? = values[name] { return v }
    throw missing(name, "an integer")
  }

  public func double(_ name: String) throws -> Double {
    switch values[name] {
    case .double(let v)?: return v
    case .int(let v)?: return Double(v) // a whole number read back from JSON
    default: throw missing(name, "a number")
    }
  }

  public func bool(_ name: String) throws -> Bool {
    if case .bool(let v)? = values[name] { return v }
    throw missing(name, "true or false")
  }

  public func string(_ name: String) throws -> String {
    if case .string(let v)? = values[name] { return v }
    throw missing(name, "a string")
  }

  private func missing(_ name: String, _ kind: String) -> InputError {
    InputError("hyperparameter '\(name)' is missing or not \(kind)")
  }
}
