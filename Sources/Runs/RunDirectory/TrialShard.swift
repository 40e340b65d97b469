import SearchSpaces

/// A part of a run's trials for one machine: shard `index` of `count` runs the trials `t` with
/// `t % count == index`. `agnet merge` joins the shards' directories into one run.
public struct TrialShard: Codable, Equatable, Sendable, CustomStringConvertible {
  public var index: Int
  public var count: Int

  public init(index: Int, count: Int) {
    self.index = index
    self.count = count
  }

  /// Reads `i/n` (0 ≤ i < n).
  public init(parsing text: String) throws {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, (0..<count).contains(index) else {
      throw InputError("a shard is i/n with 0 <= i < n (got \(InputError.quoted(text)))")
    }
    self.init(index: index, count: count)
  }

  public func contains(trial: Int) -> Bool { trial % count == index }

  public var description: String { "\(index)/\(count)" }
}
