import Randomness

/// `family = "edge-ops"`: an operation on every edge of a fixed DAG (NAS-Bench-201). Its AG-Net
/// graph is the DAG's line graph with an input and an output node: edge e is node e + 1, the input
/// feeds the edges leaving node 0, edge a→b feeds the edges leaving b, the edges into the last
/// node feed the output (method document §9; for NAS-Bench-201 exactly the fixed adjacency of §1).
struct EdgeOpsRules: CellRules {
  let nodes: Int
  let edges: [SpaceFile.Edge]
  /// Per edge, the ops it may carry (indices, ascending).
  let allowed: [[UInt8]]
  let noneOp: Int?
  let maxEdges: Int?
  let requirePath: Bool
  let opCount: Int
  let edgeBits: UInt64
  let fixedGraphEdges: [Bool]

  /// Enumeration looks at every combination: up to 5 million in about a minute.
  static let enumerationLimit = 5_000_000

  init(file: SpaceFile) {
    nodes = file.nodes
    edges = file.edges
    allowed = file.edges.map { edge in file.allowedOps(into: edge.to).map(UInt8.init) }
    noneOp = file.noneOp
    maxEdges = file.maxEdges
    requirePath = file.requirePath
    opCount = file.ops.count
    edgeBits = file.edges.reduce(0) { $0 | 1 << UInt64(CellGraph.edgeIndex(from: $1.from, to: $1.to)) }
    let n = file.edges.count + 2
    var graphEdges = [Bool](repeating: false, count: CellGraph.edgeSlots(n))
    for (e, edge) in file.edges.enumerated() {
      if edge.from == 0 { graphEdges[CellGraph.edgeIndex(from: 0, to: e + 1)] = true }
      if edge.to == file.nodes - 1 { graphEdges[CellGraph.edgeIndex(from: e + 1, to: n - 1)] = true }
      for (f, next) in file.edges.enumerated() where next.from == edge.to {
        graphEdges[CellGraph.edgeIndex(from: e + 1, to: f + 1)] = true
      }
    }
    fixedGraphEdges = graphEdges
  }

  var extraNodeTypes: [String] { [] }
  var graphNodes: Int { edges.count + 2 }

  var candidateCount: Int? {
    var total = 1
    for choices in allowed {
      let (product, overflow) = total.multipliedReportingOverflow(by: choices.count)
      if overflow { return nil }
      total = product
    }
    return total
  }

  var isEnumerable: Bool { candidateCount.map { $0 <= EdgeOpsRules.enumerationLimit } ?? false }

  func isValid(_ ops: [UInt8]) -> Bool {
    guard let none = noneOp.map(UInt8.init) else { return true }
    if let maxEdges, ops.lazy.filter({ $0 != none }).count > maxEdges { return false }
    guard requirePath else { return true }
    var reached: UInt64 = 1
    for (e, edge) in edges.enumerated() where ops[e] != none && reached >> UInt64(edge.from) & 1 == 1 {
      reached |= 1 << UInt64(edge.to)
    }
    return reached >> UInt64(nodes - 1) & 1 == 1
  }

  func part(_ ops: [UInt8]) -> FileCell.Part { FileCell.Part(nodeCount: nodes, edges: edgeBits, ops: ops) }

  /// Edge 0's op most significant, ops in index order: for NAS-Bench-201 with ops listed in
  /// op-code order, the built-in space's order.
  func forEachCell(_ body: (FileCell.Part) -> Void) {
    var choice = [Int](repeating: 0, count: edges.count)
    var ops = allowed.map { $0[0] }
    while true {
      if isValid(ops) { body(part(ops)) }
      var e = edges.count - 1
      while e >= 0 {
        choice[e] += 1
        if choice[e] < allowed[e].count {
          ops[e] = allowed[e][choice[e]]
          break
        }
        choice[e] = 0
        ops[e] = allowed[e][0]
        e -= 1
      }
      if e < 0 { return }
    }
  }

  /// Uniform over valid cells: each edge's op uniform over its allowed ops, redrawn until valid.
  func randomPart(using rng: inout Xoshiro256StarStar) -> FileCell.Part {
    while true {
      let ops = allowed.map { $0[rng.below($0.count)] }
      if isValid(ops) { return part(ops) }
    }
  }

  /// By edge, then op.
  func neighbours(of part: FileCell.Part) -> [FileCell.Part] {
    var result: [FileCell.Part] = []
    for e in edges.indices {
      for op in allowed[e] where op != part.ops[e] {
        var ops = part.ops
        ops[e] = op
        if isValid(ops) { result.append(self.part(ops)) }
      }
    }
    return result
  }

  /// An edge drawn uniformly, then another of its allowed ops uniformly, redrawn until valid (as
  /// NAS-Bench-201's built-in mutation draws when every op is allowed).
  func mutate(_ part: FileCell.Part, using rng: inout Xoshiro256StarStar) -> FileCell.Part {
    for _ in 0..<1_000 {
      let e = rng.below(edges.count)
      let choices = allowed[e]
      guard choices.count > 1, let current = choices.firstIndex(of: part.ops[e]) else { continue }
      var ops = part.ops
      ops[e] = choices[(current + 1 + rng.below(choices.count - 1)) % choices.count]
      if isValid(ops) { return self.part(ops) }
    }
    return uniformNeighbour(of: part, using: &rng)
  }

  func graph(of part: FileCell.Part) -> CellGraph {
    CellGraph(nodeTypes: [GraphVocabulary.inputType] + part.ops.map { 2 + Int($0) } + [GraphVocabulary.outputType], edges: fixedGraphEdges)
  }

  /// Valid when the graph has exactly the fixed adjacency, input first, output last, an allowed
  /// op on every edge node and the constraints hold.
  func part(from graph: CellGraph) -> FileCell.Part? {
    guard graph.nodeCount == graphNodes, graph.nodeTypes[0] == GraphVocabulary.inputType,
          graph.nodeTypes[graphNodes - 1] == GraphVocabulary.outputType, graph.edges == fixedGraphEdges else { return nil }
    var ops: [UInt8] = []
    for (e, type) in graph.nodeTypes[1..<(graphNodes - 1)].enumerated() {
      let op = type - 2
      guard op >= 0, op < opCount, allowed[e].contains(UInt8(op)) else { return nil }
      ops.append(UInt8(op))
    }
    return isValid(ops) ? part(ops) : nil
  }

  func validated(_ part: FileCell.Part) -> Result<FileCell.Part, CellProblem> {
    guard part.nodeCount == nodes, part.edges == edgeBits, part.ops.count == edges.count else {
      return .failure(CellProblem("a cell lists every edge of the DAG once: \(edges.map { "[\($0.from),\($0.to)]" }.joined(separator: ","))"))
    }
    for (e, op) in part.ops.enumerated() where !allowed[e].contains(op) {
      return .failure(CellProblem("edge [\(edges[e].from),\(edges[e].to)] may not carry op \(op) (only_on)"))
    }
    guard isValid(part.ops) else {
      return .failure(CellProblem(requirePath ? "the cell breaks max_edges or has no input→output path without none" : "the cell has more than max_edges edges"))
    }
    return .success(part)
  }
}
