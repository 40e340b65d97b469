/// `timing.json`: the wall-clock seconds each finished trial took (summed over the sessions of a
/// resumed trial). Kept apart from the trial files, which are identical however a run was done.
public struct TimingLog: Codable, Equatable, Sendable {
  public struct Entry: Codable, Equatable, Sendable {
    public var trial: Int
    public var wallSeconds: Double

    enum CodingKeys: String, CodingKey {
      case trial
      case wallSeconds = "wall_seconds"
    }
  }

  /// Sorted by trial.
  public private(set) var trials: [Entry] = []

  public init() {}

  public mutating func record(trial: Int, wallSeconds: Double) {
    trials.removeAll { $0.trial == trial }
    trials.append(Entry(trial: trial, wallSeconds: wallSeconds))
    trials.sort { $0.trial < $1.trial }
  }

  public func seconds(ofTrial trial: Int) -> Double? { trials.first { $0.trial == trial }?.wallSeconds }
}
