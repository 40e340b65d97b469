import SearchSpaces

/// A space BANANAS has a published encoding and mutation for: the op one-hot on NAS-Bench-201, the
/// path encoding on NAS-Bench-101 (truncated to `pathEncodingLength`), and the reference code's
/// mutations (`BANANASMutation`). Conforming gives the adapter its typed cells, so no cast is
/// needed; `BANANASSpaceAdapter.standard(for:)` finds the conformance of a space it is handed.
public protocol BANANASEncodable: SearchSpace {
  /// Throws `InputError` for a setting the encoding cannot take.
  func bananasAdapter(pathEncodingLength: Int) throws -> BANANASSpaceAdapter<Self>
}

extension NASBench201Space: BANANASEncodable {
  /// The op one-hot; the path length does not apply.
  public func bananasAdapter(pathEncodingLength: Int) throws -> BANANASSpaceAdapter<Self> {
    BANANASSpaceAdapter(featureCount: NASBench201OneHotEncoding.featureCount,
                        writeFeatures: { cell, features in NASBench201OneHotEncoding.write(cell, into: features) },
                        mutate: { cell, rate, rng in BANANASMutation.mutate(cell, rate: rate, using: &rng) })
  }
}

extension NASBench101Space: BANANASEncodable {
  /// The path encoding's first `pathEncodingLength` (1…364) paths.
  public func bananasAdapter(pathEncodingLength length: Int) throws -> BANANASSpaceAdapter<Self> {
    let full = NASBench101PathEncoding.fullLength
    guard (1...full).contains(length) else {
      throw InputError("path_encoding_length must be 1…\(full) (got \(length))")
    }
    return BANANASSpaceAdapter(featureCount: length,
                               writeFeatures: { cell, features in NASBench101PathEncoding.write(cell, length: length, into: features) },
                               mutate: { cell, rate, rng in BANANASMutation.mutate(cell, rate: rate, using: &rng) })
  }
}
