import Randomness

/// `family = "node-ops"`: an operation on each interior node, edges free in the upper triangle
/// under `max_nodes` and `max_edges` (NAS-Bench-101). Cells are pruned as NAS-Bench-101 prunes:
/// nodes off every input→output path are dropped, and the input must reach the output. With
/// `merge_isomorphic`, a cell is stored as the first of its isomorphism class in enumeration order
/// (the smallest adjacency bits, then labels, over all interior renumberings), which for
/// NAS-Bench-101 is the official representative.
struct NodeOpsRules: CellRules {
  let maxNodes: Int
  let maxEdges: Int
  let opCount: Int
  let merge: Bool
  /// Per node count, the interior renumberings (identity first) tried by `canonical`.
  let permutations: [[[Int]]]

  init(file: SpaceFile) {
    maxNodes = file.maxNodes
    maxEdges = file.maxEdges ?? CellGraph.edgeSlots(file.maxNodes)
    opCount = file.ops.count
    merge = file.mergeIsomorphic
    permutations = (0...file.maxNodes).map { n in
      file.mergeIsomorphic && n >= 3 ? DAGStructureScan.permutations(of: Array(1..<(n - 1))) : []
    }
  }

  var extraNodeTypes: [String] { [] }
  var graphNodes: Int { maxNodes }

  /// Labelled structures of 2…max_nodes nodes.
  var candidateCount: Int? {
    var total = 0
    for n in 2...maxNodes {
      let slots = CellGraph.edgeSlots(n)
      guard slots < 62 else { return nil }
      var count = 1 << slots
      for _ in 0..<(n - 2) {
        let (product, overflow) = count.multipliedReportingOverflow(by: opCount)
        if overflow { return nil }
        count = product
      }
      let (sum, overflow) = total.addingReportingOverflow(count)
      if overflow { return nil }
      total = sum
    }
    return total
  }

  /// The structure scan lists DAGs of up to 7 nodes (2^21 adjacency patterns at most).
  var isEnumerable: Bool {
    maxNodes <= DAGFingerprint.maxVertices && DAGStructureScan.power(opCount, maxNodes - 2) <= DAGStructureScan.maxLabellings
  }

  func forEachCell(_ body: (FileCell.Part) -> Void) {
    for n in 2...maxNodes {
      DAGStructureScan(vertexCount: n, labelCount: opCount, maxEdges: maxEdges).forEachRepresentative(merging: merge) { bits, labels in
        body(FileCell.Part(nodeCount: n, edges: UInt64(bits), ops: Array(labels)))
      }
    }
  }

  /// The pruned, checked and (when merging) canonical cell of an unpruned DAG whose interior
  /// node v has op `ops[v − 1]` (nil: not an op, allowed only off every path).
  func cell(successors: [UInt64], ops: [UInt8?]) -> Result<FileCell.Part, CellProblem> {
    let dag = NASBench101DAG(successors: successors)
    guard let keptNodes = dag.keptVertices() else { return .failure(CellProblem("the input does not reach the output")) }
    guard keptNodes.count <= maxNodes else {
      return .failure(CellProblem("\(keptNodes.count) nodes after pruning (max_nodes is \(maxNodes))"))
    }
    let bits = dag.prunedAdjacencyBits(keptNodes)
    guard bits.nonzeroBitCount <= maxEdges else {
      return .failure(CellProblem("\(bits.nonzeroBitCount) edges after pruning (max_edges is \(maxEdges))"))
    }
    var labels: [UInt8] = []
    for v in keptNodes.dropFirst().dropLast() {
      guard let op = ops[v - 1] else { return .failure(CellProblem("node \(v) is on an input→output path but has no op")) }
      labels.append(op)
    }
    let part = FileCell.Part(nodeCount: keptNodes.count, edges: bits, ops: labels)
    return .success(merge ? canonical(part) : part)
  }

  func successors(of part: FileCell.Part) -> [UInt64] {
    var result = [UInt64](repeating: 0, count: part.nodeCount)
    for (x, y) in part.edgeList { result[x] |= 1 << UInt64(y) }
    return result
  }

  /// The first of the cell's class in enumeration order: the smallest (adjacency bits, labels)
  /// over all renumberings of the interior nodes that keep edges upper-triangular.
  func canonical(_ part: FileCell.Part) -> FileCell.Part {
    let n = part.nodeCount
    guard n >= 4 else { return part }
    var best = part
    let list = part.edgeList
    renumberings: for perm in permutations[n].dropFirst() {
      let image = [0] + perm + [n - 1]
      var bits: UInt64 = 0
      for (x, y) in list {
        guard image[x] < image[y] else { continue renumberings }
        bits |= 1 << UInt64(CellGraph.edgeIndex(from: image[x], to: image[y]))
      }
      guard bits <= best.edges else { continue }
      var labels = [UInt8](repeating: 0, count: n - 2)
      for v in 1..<(n - 1) { labels[image[v] - 1] = part.ops[v - 1] }
      if bits < best.edges || labels.lexicographicallyPrecedes(best.ops) {
        best = FileCell.Part(nodeCount: n, edges: bits, ops: labels)
      }
    }
    return best
  }

  /// The generative process: a node count uniform in 2…max_nodes, each edge present with
  /// probability ½, ops uniform; pruned and redrawn until valid. Not uniform over distinct cells
  /// (`FileSpace` draws from the enumeration when the space is enumerable).
  func randomPart(using rng: inout Xoshiro256StarStar) -> FileCell.Part {
    while true {
      let n = 2 + rng.below(maxNodes - 1)
      var successors = [UInt64](repeating: 0, count: n)
      for y in 1..<n {
        for x in 0..<y where rng.below(2) == 1 { successors[x] |= 1 << UInt64(y) }
      }
      let ops = (0..<(n - 2)).map { _ in UInt8?(UInt8(rng.below(opCount))) }
      if case .success(let part) = cell(successors: successors, ops: ops) { return part }
    }
  }

  /// One change: an interior op, an edge toggled, or an edge split by a new node (as for
  /// NAS-Bench-101: without splits no change could add a node).
  enum Move {
    case changeOp(node: Int, op: UInt8)
    case toggleEdge(from: Int, to: Int)
    case splitEdge(from: Int, to: Int, op: UInt8)
  }

  /// Op changes (by node, then op), edge toggles (by edge slot), splits (by present edge, then
  /// op; only below max_nodes and max_edges).
  func moves(of part: FileCell.Part) -> [Move] {
    let n = part.nodeCount
    var result: [Move] = []
    for v in stride(from: 1, to: n - 1, by: 1) {
      for op in 0..<UInt8(opCount) where op != part.ops[v - 1] { result.append(.changeOp(node: v, op: op)) }
    }
    for y in 1..<n {
      for x in 0..<y { result.append(.toggleEdge(from: x, to: y)) }
    }
    if n < maxNodes && part.edgeCount < maxEdges {
      for (x, y) in part.edgeList {
        for op in 0..<UInt8(opCount) { result.append(.splitEdge(from: x, to: y, op: op)) }
      }
    }
    return result
  }

  func applying(_ move: Move, to part: FileCell.Part) -> FileCell.Part? {
    let n = part.nodeCount
    var successors = self.successors(of: part)
    var ops: [UInt8?] = part.ops
    switch move {
    case let .changeOp(node, op):
      ops[node - 1] = op
    case let .toggleEdge(x, y):
      successors[x] ^= 1 << UInt64(y)
    case let .splitEdge(x, y, op):
      // The new node takes number y; nodes from y on move up by one.
      let renumber = { (v: Int) in v < y ? v : v + 1 }
      var moved = [UInt64](repeating: 0, count: n + 1)
      for (source, target) in part.edgeList where !(source == x && target == y) {
        moved[renumber(source)] |= 1 << UInt64(renumber(target))
      }
      moved[x] |= 1 << UInt64(y)
      moved[y] |= 1 << UInt64(y + 1)
      successors = moved
      ops.insert(op, at: y - 1)
    }
    return try? cell(successors: successors, ops: ops).get()
  }

  func neighbours(of part: FileCell.Part) -> [FileCell.Part] {
    var seen: Set<FileCell.Part> = [part]
    var result: [FileCell.Part] = []
    for move in moves(of: part) {
      if let neighbour = applying(move, to: part), seen.insert(neighbour).inserted { result.append(neighbour) }
    }
    return result
  }

  /// A move drawn uniformly until it gives a valid cell different from `part`.
  func mutate(_ part: FileCell.Part, using rng: inout Xoshiro256StarStar) -> FileCell.Part {
    let moves = moves(of: part)
    for _ in 0..<1_000 {
      if let child = applying(moves[rng.below(moves.count)], to: part), child != part { return child }
    }
    return uniformNeighbour(of: part, using: &rng)
  }

  func graph(of part: FileCell.Part) -> CellGraph {
    var edges = [Bool](repeating: false, count: CellGraph.edgeSlots(part.nodeCount))
    for slot in edges.indices { edges[slot] = part.edges >> UInt64(slot) & 1 == 1 }
    return CellGraph(nodeTypes: [GraphVocabulary.inputType] + part.ops.map { 2 + Int($0) } + [GraphVocabulary.outputType], edges: edges)
  }

  /// First node the input, last the output; nodes off every input→output path are pruned
  /// whatever their type; the rest must be ops within the limits.
  func part(from graph: CellGraph) -> FileCell.Part? {
    let n = graph.nodeCount
    guard n >= 2, n <= 64, graph.nodeTypes[0] == GraphVocabulary.inputType, graph.nodeTypes[n - 1] == GraphVocabulary.outputType else { return nil }
    var successors = [UInt64](repeating: 0, count: n)
    for y in 1..<n {
      for x in 0..<y where graph.hasEdge(from: x, to: y) { successors[x] |= 1 << UInt64(y) }
    }
    let ops = graph.nodeTypes[1..<(n - 1)].map { type in (2..<(2 + opCount)).contains(type) ? UInt8(type - 2) : nil }
    return try? cell(successors: successors, ops: ops).get()
  }

  func validated(_ part: FileCell.Part) -> Result<FileCell.Part, CellProblem> {
    guard part.ops.count == max(part.nodeCount - 2, 0), part.nodeCount >= 2 else {
      return .failure(CellProblem("a cell of n nodes has n − 2 ops"))
    }
    return cell(successors: successors(of: part), ops: part.ops)
  }
}
