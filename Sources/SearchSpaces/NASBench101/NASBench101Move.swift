/// One elementary change of a NAS-Bench-101 cell: what `neighbours` lists and `mutate` draws.
///
/// Besides changing one op and toggling one edge, a move may split an edge with a new vertex:
/// on pruned cells edge toggles alone can only keep or shrink the vertex count (a new vertex needs
/// an in-edge and an out-edge at once), so without splits a search could never grow a cell, and
/// the 2-vertex cell would have no neighbour at all.
public enum NASBench101Move: Hashable, Sendable {
  /// Interior vertex `vertex` gets operation `op`.
  case changeOp(vertex: Int, op: NASBench101Op)
  /// The edge in slot `slot` (x→y is slot y·(y−1)/2 + x) is added or removed; vertices that leave
  /// every input→output path are pruned.
  case toggleEdge(slot: Int)
  /// The existing edge in slot `slot`, x→y, becomes x→v→y through a new vertex v with `op`.
  case splitEdge(slot: Int, op: NASBench101Op)
}

extension NASBench101Cell {
  /// Every elementary change, in a fixed order: op changes (by vertex, then op code), edge toggles
  /// (by slot), then edge splits (by slot, then op code; only while the cell has fewer than 7
  /// vertices and 9 edges, as a split adds one of each). Some may give an invalid cell (`applying`
  /// returns nil) or an isomorphic one.
  public var moves: [NASBench101Move] {
    var moves: [NASBench101Move] = []
    for vertex in stride(from: 1, to: vertexCount - 1, by: 1) {
      let current = op(at: vertex)
      for op in NASBench101Op.allCases where op != current { moves.append(.changeOp(vertex: vertex, op: op)) }
    }
    let slots = CellGraph.edgeSlots(vertexCount)
    for slot in 0..<slots { moves.append(.toggleEdge(slot: slot)) }
    if vertexCount < NASBench101Cell.maxVertices && edgeCount < NASBench101Cell.maxEdges {
      for slot in 0..<slots where storedAdjacencyBits >> UInt32(slot) & 1 == 1 {
        for op in NASBench101Op.allCases { moves.append(.splitEdge(slot: slot, op: op)) }
      }
    }
    return moves
  }

  /// The cell after `move`, pruned; nil when the result is not a valid cell (or the move does not
  /// apply to this cell).
  public func applying(_ move: NASBench101Move) -> NASBench101Cell? {
    let n = vertexCount
    switch move {
    case let .changeOp(vertex, op):
      guard vertex >= 1 && vertex <= n - 2 else { return nil }
      let shift = UInt16(2 * (vertex - 1))
      let packed = packedOps & ~(3 << shift) | UInt16(op.rawValue) << shift
      return NASBench101Cell(prunedVertexCount: n, adjacencyBits: storedAdjacencyBits, packedOps: packed)
    case let .toggleEdge(slot):
      guard slot >= 0 && slot < CellGraph.edgeSlots(n) else { return nil }
      let dag = NASBench101DAG(vertexCount: n, adjacencyBits: UInt64(storedAdjacencyBits ^ (1 << UInt32(slot))))
      return try? dag.cell(ops: ops).get()
    case let .splitEdge(slot, op):
      guard slot >= 0 && slot < CellGraph.edgeSlots(n), storedAdjacencyBits >> UInt32(slot) & 1 == 1 else { return nil }
      let (x, y) = NASBench101Cell.edgeEnds(slot)
      // The new vertex takes number y; old vertices from y on move up by one.
      let renumber = { (v: Int) in v < y ? v : v + 1 }
      var successors = [UInt64](repeating: 0, count: n + 1)
      for target in 1..<n {
        for source in 0..<target where hasEdge(from: source, to: target) && !(source == x && target == y) {
          successors[renumber(source)] |= 1 << UInt64(renumber(target))
        }
      }
      successors[x] |= 1 << UInt64(y)
      successors[y] |= 1 << UInt64(y + 1)
      var newOps: [NASBench101Op?] = ops
      newOps.insert(op, at: y - 1)
      return try? NASBench101DAG(successors: successors).cell(ops: newOps).get()
    }
  }

  /// (x, y) of edge slot y·(y−1)/2 + x.
  static func edgeEnds(_ slot: Int) -> (from: Int, to: Int) {
    var y = 1
    while CellGraph.edgeIndex(from: 0, to: y + 1) <= slot { y += 1 }
    return (slot - CellGraph.edgeIndex(from: 0, to: y), y)
  }
}
