/// A NAS-Bench-101 graph before pruning, as a user or a generator may give it: vertex 0 is the
/// input, the last vertex the output, edges go from lower to higher vertices.
///
/// `cell(ops:)` applies the official rules (`ModelSpec` pruning, then `NASBench.is_valid`): drop
/// every vertex not on an input→output path; the graph is invalid when the input does not reach
/// the output, and the pruned graph must have at most 7 vertices and 9 edges and an operation on
/// every interior vertex.
struct NASBench101DAG {
  /// Per vertex, the mask of its successors (all higher than the vertex).
  var successors: [UInt64]

  /// At most 64 vertices (a mask per vertex).
  init(successors: [UInt64]) {
    precondition(successors.count <= 64, "at most 64 vertices")
    self.successors = successors
  }

  /// From table-convention adjacency bits (edge x→y is bit y·(y−1)/2 + x), up to 11 vertices.
  init(vertexCount: Int, adjacencyBits: UInt64) {
    var successors = [UInt64](repeating: 0, count: vertexCount)
    for y in 1..<max(vertexCount, 1) {
      for x in 0..<y where adjacencyBits >> UInt64(CellGraph.edgeIndex(from: x, to: y)) & 1 == 1 {
        successors[x] |= 1 << UInt64(y)
      }
    }
    self.init(successors: successors)
  }

  var vertexCount: Int { successors.count }

  /// The mask of vertices reachable from the input and reaching the output; 0 when the input
  /// does not reach the output (then nothing survives pruning and the graph is invalid).
  func pathVertices() -> UInt64 {
    let n = vertexCount
    guard n >= 2 else { return 0 }
    var fromInput: UInt64 = 1
    for v in 0..<n where fromInput >> UInt64(v) & 1 == 1 { fromInput |= successors[v] }
    var toOutput: UInt64 = 1 << UInt64(n - 1)
    for v in stride(from: n - 2, through: 0, by: -1) where successors[v] & toOutput != 0 {
      toOutput |= 1 << UInt64(v)
    }
    let kept = fromInput & toOutput
    return kept >> UInt64(n - 1) & 1 == 1 ? kept : 0
  }

  /// The vertices on an input→output path, ascending; nil when the input does not reach the output.
  func keptVertices() -> [Int]? {
    let kept = pathVertices()
    guard kept != 0 else { return nil }
    return (0..<vertexCount).filter { kept >> UInt64($0) & 1 == 1 }
  }

  /// The adjacency bits among `kept` (from `keptVertices`, at most 11 of them), renumbered 0….
  func prunedAdjacencyBits(_ kept: [Int]) -> UInt64 {
    var mask: UInt64 = 0
    var newIndex = [Int](repeating: -1, count: vertexCount)
    for (index, v) in kept.enumerated() {
      newIndex[v] = index
      mask |= 1 << UInt64(v)
    }
    var bits: UInt64 = 0
    for x in kept {
      var targets = successors[x] & mask
      while targets != 0 {
        let y = targets.trailingZeroBitCount
        targets &= targets - 1
        bits |= 1 << UInt64(CellGraph.edgeIndex(from: newIndex[x], to: newIndex[y]))
      }
    }
    return bits
  }

  enum Invalidity: Error, CustomStringConvertible, Equatable {
    case disconnected
    case tooManyVertices(Int)
    case tooManyEdges(Int)
    case notAnOperation(vertex: Int)

    var description: String {
      switch self {
      case .disconnected: return "the input does not reach the output"
      case .tooManyVertices(let n): return "\(n) vertices after pruning (at most \(NASBench101Cell.maxVertices))"
      case .tooManyEdges(let n): return "\(n) edges after pruning (at most \(NASBench101Cell.maxEdges))"
      case .notAnOperation(let v): return "vertex \(v) is on an input→output path but is not an operation"
      }
    }
  }

  /// The pruned, validated cell, with `ops[v − 1]` the op of interior vertex v (nil: the vertex
  /// is not an operation, e.g. a misplaced input or output, which is fine only if pruned away).
  func cell(ops: [NASBench101Op?]) -> Result<NASBench101Cell, Invalidity> {
    precondition(ops.count == max(vertexCount - 2, 0), "one op per interior vertex")
    guard let keptVertices = keptVertices() else { return .failure(.disconnected) }
    guard keptVertices.count <= NASBench101Cell.maxVertices else { return .failure(.tooManyVertices(keptVertices.count)) }
    let bits = UInt32(prunedAdjacencyBits(keptVertices))
    guard bits.nonzeroBitCount <= NASBench101Cell.maxEdges else { return .failure(.tooManyEdges(bits.nonzeroBitCount)) }
    var packed: UInt16 = 0
    for (position, v) in keptVertices.enumerated() where position > 0 && position < keptVertices.count - 1 {
      guard let op = ops[v - 1] else { return .failure(.notAnOperation(vertex: v)) }
      packed |= UInt16(op.rawValue) << UInt16(2 * (position - 1))
    }
    return .success(NASBench101Cell(prunedVertexCount: keptVertices.count, adjacencyBits: bits, packedOps: packed))
  }
}
