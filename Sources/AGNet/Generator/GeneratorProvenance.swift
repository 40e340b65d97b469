import NeuralCore
import SearchSpaces

/// Which space a generator file was pretrained on, as its metadata records it: the space's name
/// (`space`), and for a space read from a file also the fingerprint of its canonical description
/// (`space.fingerprint`). A built-in space is known by its name, so its generator files carry no
/// fingerprint and stay as they were.
public struct GeneratorProvenance: Equatable, Sendable {
  public var space: String
  public var fingerprint: String?

  public init(space: String, fingerprint: String?) {
    (self.space, self.fingerprint) = (space, fingerprint)
  }

  /// The provenance a generator trained on `space` records.
  public init<Space: SearchSpace>(of space: Space) {
    self.init(space: space.name, fingerprint: (space as? any FingerprintedSpace)?.fingerprint)
  }

  /// What a checkpoint records; nil when it names no space (a generator written without one).
  public init?(metadata: [String: String]) {
    guard let space = metadata[GeneratorProvenance.spaceKey] else { return nil }
    self.init(space: space, fingerprint: metadata[GeneratorProvenance.fingerprintKey])
  }

  static let spaceKey = "space"
  static let fingerprintKey = "space.fingerprint"

  public var metadata: [String: String] {
    var metadata = [GeneratorProvenance.spaceKey: space]
    if let fingerprint { metadata[GeneratorProvenance.fingerprintKey] = fingerprint }
    return metadata
  }

  /// Whether a generator of this provenance draws the cells of a space of `other`'s: two space
  /// files with the same fingerprint are the same space whatever their names; otherwise the
  /// names must agree and neither may be a space file alone.
  public func isSameSpace(as other: GeneratorProvenance) -> Bool {
    if let fingerprint, let theirs = other.fingerprint { return fingerprint == theirs }
    return self == other
  }

  /// The space in messages: its name, and the start of its fingerprint when it has one.
  public var description: String {
    guard let fingerprint else { return space }
    return "\(space) (space file, fingerprint \(fingerprint.prefix(12)))"
  }
}

extension Checkpoint {
  /// Refuses (a `CheckpointError` naming `file`) a generator that records another space than
  /// `space`: another name, or a space file's fingerprint where `space` has another or none. A
  /// file that records no space is judged by its vocabulary alone (when it is decoded).
  public func requireGenerator<Space: SearchSpace>(of space: Space, file: String) throws {
    guard let recorded = GeneratorProvenance(metadata: metadata) else { return }
    let wanted = GeneratorProvenance(of: space)
    guard !recorded.isSameSpace(as: wanted) else { return }
    throw CheckpointError("was pretrained on \(recorded.description), not on \(wanted.description); "
      + "pretrain a generator on this space with `agnet pretrain --space SPACE --output G`", file: file)
  }
}
