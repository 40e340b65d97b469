import NeuralCore

/// `timing.json`: the wall-clock seconds each finished trial took (summed over the sessions of a
/// resumed trial) and the matrix-multiply path of the session that finished it. Kept apart from
/// the trial files, which are identical however a run was done.
public struct TimingLog: Codable, Equatable, Sendable {
  public struct Entry: Codable, Equatable, Sendable {
    public var trial: Int
    public var wallSeconds: Double
    /// `MatmulBackend.implementation` (`openblas`, `accelerate`, `swift`); absent in files
    /// written before it was recorded.
    public var matmul: String?

    enum CodingKeys: String, CodingKey {
      case trial, matmul
      case wallSeconds = "wall_seconds"
    }
  }

  /// Sorted by trial.
  public private(set) var trials: [Entry] = []

  public init() {}

  public mutating func record(trial: Int, wallSeconds: Double, matmul: String? = MatmulBackend.preferred.implementation) {
    trials.removeAll { $0.trial == trial }
    trials.append(Entry(trial: trial, wallSeconds: wallSeconds, matmul: matmul))
    trials.sort { $0.trial < $1.trial }
  }

  public func seconds(ofTrial trial: Int) -> Double? { trials.first { $0.trial == trial }?.wallSeconds }

  public func entry(ofTrial trial: Int) -> Entry? { trials.first { $0.trial == trial } }
}
