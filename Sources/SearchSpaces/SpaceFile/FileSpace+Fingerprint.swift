/// A space file's identity for what is trained on it (AG-Net generators, `FingerprintedSpace`):
/// the MD5 of a canonical description of its cells, built from the checked fields, so comments,
/// whitespace, key order and the space's name do not change it and any change of the cells does.
extension FileSpace: FingerprintedSpace {
  public var fingerprint: String { MD5.digest(Array(canonicalDescription.utf8)).hex }

  /// One line per field, in a fixed order, sets sorted.
  public var canonicalDescription: String {
    let only = file.onlyOn.keys.sorted().map { op in "\(file.ops[op]):\(file.onlyOn[op]!.sorted().map(String.init).joined(separator: ","))" }
    return [
      "family=\(file.family.rawValue)",
      "ops=\(file.ops.joined(separator: ","))",
      "cell_types=\(file.cellTypes.joined(separator: ","))",
      "merge_isomorphic=\(file.mergeIsomorphic)",
      "max_nodes=\(file.maxNodes)",
      "max_edges=\(file.maxEdges.map(String.init) ?? "none")",
      "nodes=\(file.nodes)",
      "edges=\(file.edges.map { "\($0.from)-\($0.to)" }.joined(separator: ","))",
      "none=\(file.noneOp.map { file.ops[$0] } ?? "")",
      "require_path=\(file.requirePath)",
      "inputs=\(file.inputs)",
      "k=\(file.k)",
      "only_on=\(only.joined(separator: ";"))",
    ].joined(separator: "\n")
  }
}
