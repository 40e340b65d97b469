/// A cell as the AG-Net generator sees it: a DAG of `nodeCount` nodes in topological order, each
/// with a node type (an index into the space's `GraphVocabulary`), and upper-triangular edges.
///
/// Edge (i → j), i < j, has the flat index `j·(j−1)/2 + i`: edges are grouped by target, and by
/// source within a target, the order in which the generator emits them. NAS-Bench-101's
/// `adjacency_bits` use the same numbering.
public struct CellGraph: Hashable, Sendable {
  public var nodeTypes: [Int]
  public var edges: [Bool]

  public init(nodeTypes: [Int], edges: [Bool]) {
    precondition(edges.count == CellGraph.edgeSlots(nodeTypes.count), "edge count must be n(n-1)/2")
    self.nodeTypes = nodeTypes
    self.edges = edges
  }

  public var nodeCount: Int { nodeTypes.count }

  @inlinable
  public static func edgeSlots(_ nodes: Int) -> Int { nodes * (nodes - 1) / 2 }

  @inlinable
  public static func edgeIndex(from i: Int, to j: Int) -> Int { j * (j - 1) / 2 + i }

  public func hasEdge(from i: Int, to j: Int) -> Bool { edges[CellGraph.edgeIndex(from: i, to: j)] }
}

/// The node vocabulary and maximum size of a space's graphs (method document §1).
public struct GraphVocabulary: Hashable, Sendable {
  /// Node type names in index order; index 0 is always `output`, 1 `input`.
  public var nodeTypes: [String]
  /// N, the number of nodes of a full-size graph.
  public var maxNodes: Int

  public init(nodeTypes: [String], maxNodes: Int) {
    self.nodeTypes = nodeTypes
    self.maxNodes = maxNodes
  }

  public static let outputType = 0
  public static let inputType = 1

  /// A, the number of node types.
  public var typeCount: Int { nodeTypes.count }
  /// len(y) = N·A + N(N−1)/2.
  public var encodingLength: Int { maxNodes * typeCount + CellGraph.edgeSlots(maxNodes) }

  /// The flat encoding `y`: node one-hots then edge bits. Graphs shorter than N are padded with
  /// `output` nodes and no edges.
  public func encoding(of graph: CellGraph) -> [Float] {
    precondition(graph.nodeCount <= maxNodes, "graph larger than the vocabulary allows")
    var y = [Float](repeating: 0, count: encodingLength)
    for node in 0..<maxNodes {
      let type = node < graph.nodeCount ? graph.nodeTypes[node] : GraphVocabulary.outputType
      y[node * typeCount + type] = 1
    }
    let base = maxNodes * typeCount
    for j in 1..<graph.nodeCount {
      for i in 0..<j where graph.hasEdge(from: i, to: j) { y[base + CellGraph.edgeIndex(from: i, to: j)] = 1 }
    }
    return y
  }
}
