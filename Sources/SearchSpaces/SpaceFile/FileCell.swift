/// A cell of a space file (`FileSpace`): one DAG per cell type of the architecture.
///
/// Values are always valid and, in a space that merges isomorphic cells, canonical (the
/// representative its enumeration lists first), so plain equality is the space's equality.
public struct FileCell: Hashable, Sendable, Codable {
  /// One per cell type, in `cell_types` order.
  public var parts: [Part]

  public init(parts: [Part]) { self.parts = parts }

  /// One cell DAG: nodes 0…nodeCount−1 in topological order (inputs first, output last).
  public struct Part: Hashable, Sendable {
    public var nodeCount: Int
    /// Edge x→y present: bit `CellGraph.edgeIndex(from: x, to: y)`.
    public var edges: UInt64
    /// node-ops: the op of each interior node 1…nodeCount−2; edge-ops and k-inputs: the op of
    /// each present edge, in edge-bit order (by target, then source). Op indices into `ops`.
    public var ops: [UInt8]

    public init(nodeCount: Int, edges: UInt64, ops: [UInt8]) {
      self.nodeCount = nodeCount
      self.edges = edges
      self.ops = ops
    }

    public func hasEdge(from x: Int, to y: Int) -> Bool { edges >> UInt64(CellGraph.edgeIndex(from: x, to: y)) & 1 == 1 }

    public var edgeCount: Int { edges.nonzeroBitCount }

    /// The present edges (from, to) in bit order.
    public var edgeList: [(from: Int, to: Int)] {
      var result: [(from: Int, to: Int)] = []
      for y in 1..<max(nodeCount, 1) {
        for x in 0..<y where hasEdge(from: x, to: y) { result.append((x, y)) }
      }
      return result
    }
  }
}

extension FileCell.Part: Codable {
  // In run files (optimizer state) a part is {"nodes", "edges": [[from, to], …], "ops"}: no
  // 64-bit integers, which JSON readers may round.
  enum CodingKeys: String, CodingKey { case nodes, edges, ops }

  public init(from decoder: Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    nodeCount = try container.decode(Int.self, forKey: .nodes)
    guard (0...SpaceFile.maxDAGNodes).contains(nodeCount) else {
      throw DecodingError.dataCorruptedError(forKey: .nodes, in: container, debugDescription: "a cell has at most \(SpaceFile.maxDAGNodes) nodes")
    }
    edges = 0
    for pair in try container.decode([[Int]].self, forKey: .edges) {
      guard pair.count == 2, pair[0] >= 0, pair[0] < pair[1], pair[1] < nodeCount else {
        throw DecodingError.dataCorruptedError(forKey: .edges, in: container, debugDescription: "an edge is [from, to] with from < to < nodes")
      }
      edges |= 1 << UInt64(CellGraph.edgeIndex(from: pair[0], to: pair[1]))
    }
    ops = try container.decode([UInt8].self, forKey: .ops)
  }

  public func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(nodeCount, forKey: .nodes)
    try container.encode(edgeList.map { [$0.from, $0.to] }, forKey: .edges)
    try container.encode(ops, forKey: .ops)
  }
}
