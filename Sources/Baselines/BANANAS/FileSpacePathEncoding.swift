import SearchSpaces

/// BANANAS's path encoding (`NASBench101PathEncoding`) on the AG-Net graph of any space file's
/// cell: one bit per input→output path, a path being the node types it passes (types after
/// `output` and `input`, i.e. the ops, numbered s = type − 2 over B = A − 2 symbols). The path
/// s₀ … s_{L−1} has the index Σ Bⁱ · (sᵢ + 1), so shorter paths come first and truncating keeps
/// the shortest. On the NAS-Bench-101 space file (ops in the official order) this is exactly the
/// built-in path encoding. Several cell types each get their own block of bits.
public struct FileSpacePathEncoding: Sendable {
  /// Bits per cell type.
  public let lengthPerType: Int
  let symbols: Int
  let types: Int

  /// At most `length` bits per cell type, fewer when the space has fewer possible paths.
  public init(space: FileSpace, length: Int) {
    symbols = max(space.vocabulary.typeCount - 2, 1)
    types = space.cellTypes?.count ?? 1
    let longest = space.vocabulary.maxNodes / types - 2
    var full = 0
    var power = 1
    for _ in 0...max(longest, 0) {
      full += power
      if full >= length { break }
      power *= symbols
    }
    lengthPerType = min(full, length)
  }

  public var featureCount: Int { lengthPerType * types }

  /// The path indices of one cell type's graph below `lengthPerType`, ascending, each once.
  public func pathIndices(of graph: CellGraph) -> [Int] {
    let n = graph.nodeCount
    // partial[v]: (index, B^length) of the paths input→v so far, those already past the
    // truncation dropped (extending a path only raises its index).
    var partial = [[(index: Int, scale: Int)]](repeating: [], count: n)
    var found: Set<Int> = []
    for v in 0..<n where graph.nodeTypes[v] == GraphVocabulary.inputType { partial[v] = [(0, 1)] }
    for v in 0..<n {
      guard !partial[v].isEmpty else { continue }
      let type = graph.nodeTypes[v]
      var here = partial[v]
      if type >= 2 {
        here = here.compactMap { path in
          let index = path.index + path.scale * (type - 2 + 1)
          return index < lengthPerType ? (index, path.scale * symbols) : nil
        }
      }
      if type == GraphVocabulary.outputType { for path in here { found.insert(path.index) } }
      for w in (v + 1)..<max(n, v + 1) where graph.hasEdge(from: v, to: w) { partial[w] += here }
      partial[v] = []
    }
    return found.sorted()
  }

  /// Sets the cell's bits in `features` (which must hold `featureCount` zeros).
  public func write(_ cell: FileCell, space: FileSpace, into features: UnsafeMutablePointer<Float>) {
    for (block, graph) in space.partGraphs(of: cell).enumerated() {
      for index in pathIndices(of: graph) { features[block * lengthPerType + index] = 1 }
    }
  }
}

extension FileSpace: BANANASEncodable {
  /// The path encoding of the cell graphs, `pathEncodingLength` bits per cell type at most; the
  /// mutation is the space's own (one change).
  public func bananasAdapter(pathEncodingLength length: Int) throws -> BANANASSpaceAdapter<Self> {
    guard length >= 1 else { throw InputError("path_encoding_length must be at least 1 (got \(length))") }
    let encoding = FileSpacePathEncoding(space: self, length: length)
    let space = self
    return BANANASSpaceAdapter(featureCount: encoding.featureCount,
                               writeFeatures: { cell, features in encoding.write(cell, space: space, into: features) },
                               mutate: { cell, _, rng in space.mutate(cell, using: &rng) })
  }
}
