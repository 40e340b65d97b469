/// A run's settings as `config.json` stores them: a plain object, one value per setting the run
/// uses (see `MethodSettings`, which writes and reads it).
public struct Hyperparameters: Codable, Equatable, Sendable {
  public private(set) var values: [String: ParameterValue]

  public init(_ values: [String: ParameterValue] = [:]) { self.values = values }

  public init(from decoder: Decoder) throws { values = try [String: ParameterValue](from: decoder) }
  public func encode(to encoder: Encoder) throws { try values.encode(to: encoder) }
}
