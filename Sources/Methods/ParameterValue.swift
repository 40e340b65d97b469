/// The value of a method's hyperparameter: what `--param name=value` sets and `config.json` stores.
public enum ParameterValue: Codable, Equatable, Sendable, CustomStringConvertible {
  case int(Int)
  case double(Double)
  case bool(Bool)
  case string(String)

  public init(from decoder: Decoder) throws {
    let c = try decoder.singleValueContainer()
    if let v = try? c.decode(Bool.self) {
      self = .bool(v)
    } else if let v = try? c.decode(Int.self) {
      self = .int(v)
    } else if let v = try? c.decode(Double.self) {
      self = .double(v)
    } else {
      self = .string(try c.decode(String.self))
    }
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.singleValueContainer()
    switch self {
    case .int(let v): try c.encode(v)
    case .double(let v): try c.encode(v)
    case .bool(let v): try c.encode(v)
    case .string(let v): try c.encode(v)
    }
  }

  /// A whole number written as a double reads back from JSON as an integer: the two are equal.
  public static func == (a: ParameterValue, b: ParameterValue) -> Bool {
    switch (a, b) {
    case let (.int(x), .int(y)): return x == y
    case let (.double(x), .double(y)): return x == y
    case let (.int(x), .double(y)), let (.double(y), .int(x)): return Double(x) == y
    case let (.bool(x), .bool(y)): return x == y
    case let (.string(x), .string(y)): return x == y
    default: return false
    }
  }

  public var description: String {
    switch self {
    case .int(let v): return String(v)
    case .double(let v): return String(v)
    case .bool(let v): return String(v)
    case .string(let v): return v
    }
  }
}
