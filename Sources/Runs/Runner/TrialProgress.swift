/// A trial in flight, as the runner knows it: what its state file stores beside the optimizer's
/// state, and what progress displays are shown after each round.
public struct TrialProgress<Cell: Codable & Hashable & Sendable>: Codable, Equatable, Sendable {
  public var trial: Int
  public var seed: UInt64
  public var queries: [QueryRecord<Cell>]
  public var rounds: [RoundRecord]

  public init(trial: Int, seed: UInt64, queries: [QueryRecord<Cell>] = [], rounds: [RoundRecord] = []) {
    self.trial = trial
    self.seed = seed
    self.queries = queries
    self.rounds = rounds
  }

  /// The best search metric so far (nil before the first query).
  public var bestValid: Double? { queries.lazy.map(\.value).max() }
}
