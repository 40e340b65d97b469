/// A space that its name alone does not identify: one read from a space file, where two files may
/// share a name and differ in their cells. What is trained on such a space (an AG-Net generator)
/// records the fingerprint, so it is never used on another space of the same name.
public protocol FingerprintedSpace: SearchSpace {
  /// A digest of the space's canonical description: the same for two descriptions of the same
  /// space (whitespace, key order, comments), different for spaces with other cells.
  var fingerprint: String { get }
}
