import Randomness

/// `family = "k-inputs"`: each intermediate node reads k distinct earlier nodes, one op per
/// input (DARTS). Nodes 0…inputs−1 are the cell's inputs, then the intermediate nodes, then the
/// output, which concatenates the intermediate nodes (those edges carry no choice and are not
/// listed). The AG-Net graph follows the DARTS encoding of method document §8: the input nodes
/// (types `input`, `input_1`, …, chained 0→1→…), one node per chosen edge carrying its op (the
/// edges of intermediate node m in source order), the output; an edge node reading input a has an
/// edge from a, one reading intermediate node m has edges from all k edge nodes of m, and every
/// edge node feeds the output.
struct KInputsRules: CellRules {
  let inputs: Int
  let nodes: Int
  let k: Int
  let opCount: Int
  /// Per intermediate node (0-based), its allowed ops.
  let allowed: [[UInt8]]

  static let enumerationLimit = 5_000_000

  init(file: SpaceFile) {
    inputs = file.inputs
    nodes = file.nodes
    k = file.k
    opCount = file.ops.count
    allowed = (0..<file.nodes).map { m in file.allowedOps(into: file.inputs + m).map(UInt8.init) }
  }

  var nodeCount: Int { inputs + nodes + 1 }
  var extraNodeTypes: [String] { (1..<inputs).map { "input_\($0)" } }
  var graphNodes: Int { inputs + nodes * k + 1 }

  var candidateCount: Int? {
    var total = 1
    for m in 0..<nodes {
      let choices = KInputsRules.binomial(inputs + m, k)
      var factor = choices
      for _ in 0..<k {
        let (product, overflow) = factor.multipliedReportingOverflow(by: allowed[m].count)
        if overflow { return nil }
        factor = product
      }
      let (product, overflow) = total.multipliedReportingOverflow(by: factor)
      if overflow { return nil }
      total = product
    }
    return total
  }

  var isEnumerable: Bool { candidateCount.map { $0 <= KInputsRules.enumerationLimit } ?? false }

  static func binomial(_ n: Int, _ r: Int) -> Int {
    guard r >= 0, r <= n else { return 0 }
    var result = 1
    for i in 0..<r { result = result * (n - i) / (i + 1) }
    return result
  }

  /// One intermediate node's choice: its k sources ascending and their ops.
  struct Choice: Equatable {
    var sources: [Int]
    var ops: [UInt8]
  }

  func choices(of part: FileCell.Part) -> [Choice] {
    var result: [Choice] = []
    var index = 0
    for m in 0..<nodes {
      let target = inputs + m
      var choice = Choice(sources: [], ops: [])
      for source in 0..<target where part.hasEdge(from: source, to: target) {
        choice.sources.append(source)
        choice.ops.append(part.ops[index])
        index += 1
      }
      result.append(choice)
    }
    return result
  }

  func part(_ choices: [Choice]) -> FileCell.Part {
    var edges: UInt64 = 0
    var ops: [UInt8] = []
    for (m, choice) in choices.enumerated() {
      for (source, op) in zip(choice.sources, choice.ops) {
        edges |= 1 << UInt64(CellGraph.edgeIndex(from: source, to: inputs + m))
        ops.append(op)
      }
    }
    return FileCell.Part(nodeCount: nodeCount, edges: edges, ops: ops)
  }

  /// Every k-subset of 0…count−1 in lexicographic order.
  static func subsets(of count: Int, size: Int) -> [[Int]] {
    guard size > 0 else { return [[]] }
    guard count >= size else { return [] }
    return (size - 1..<count).flatMap { last in subsets(of: last, size: size - 1).map { $0 + [last] } }
      .sorted { $0.lexicographicallyPrecedes($1) }
  }

  /// Node by node (the first most significant), sources before ops, each in ascending order.
  func forEachCell(_ body: (FileCell.Part) -> Void) {
    let options: [[Choice]] = (0..<nodes).map { m in
      let opTuples = (0..<KInputsRules.power(allowed[m].count, k)).map { code -> [UInt8] in
        var rest = code
        var tuple = [UInt8](repeating: 0, count: k)
        for i in stride(from: k - 1, through: 0, by: -1) {
          tuple[i] = allowed[m][rest % allowed[m].count]
          rest /= allowed[m].count
        }
        return tuple
      }
      return KInputsRules.subsets(of: inputs + m, size: k).flatMap { sources in opTuples.map { Choice(sources: sources, ops: $0) } }
    }
    var index = [Int](repeating: 0, count: nodes)
    while true {
      body(part((0..<nodes).map { options[$0][index[$0]] }))
      var m = nodes - 1
      while m >= 0 {
        index[m] += 1
        if index[m] < options[m].count { break }
        index[m] = 0
        m -= 1
      }
      if m < 0 { return }
    }
  }

  static func power(_ base: Int, _ k: Int) -> Int { (0..<k).reduce(1) { value, _ in value * base } }

  /// Uniform over cells: per node, k distinct sources drawn one by one without replacement,
  /// then an op per source.
  func randomPart(using rng: inout Xoshiro256StarStar) -> FileCell.Part {
    var choices: [Choice] = []
    for m in 0..<nodes {
      var pool = Array(0..<(inputs + m))
      var sources: [Int] = []
      for _ in 0..<k { sources.append(pool.remove(at: rng.below(pool.count))) }
      sources.sort()
      choices.append(Choice(sources: sources, ops: sources.map { _ in allowed[m][rng.below(allowed[m].count)] }))
    }
    return part(choices)
  }

  /// Op changes (by edge, then op), then source changes (by edge, then new source), as the
  /// built-in DARTS cell lists them.
  func neighbours(of part: FileCell.Part) -> [FileCell.Part] {
    let current = choices(of: part)
    var result: [FileCell.Part] = []
    for (m, choice) in current.enumerated() {
      for slot in 0..<k {
        for op in allowed[m] where op != choice.ops[slot] {
          var changed = current
          changed[m].ops[slot] = op
          result.append(self.part(changed))
        }
      }
    }
    for (m, choice) in current.enumerated() {
      for slot in 0..<k {
        for source in 0..<(inputs + m) where !choice.sources.contains(source) {
          var pairs = Array(zip(choice.sources, choice.ops))
          pairs[slot].0 = source
          pairs.sort { $0.0 < $1.0 }
          var changed = current
          changed[m] = Choice(sources: pairs.map(\.0), ops: pairs.map(\.1))
          result.append(self.part(changed))
        }
      }
    }
    return result
  }

  /// A neighbour drawn uniformly.
  func mutate(_ part: FileCell.Part, using rng: inout Xoshiro256StarStar) -> FileCell.Part {
    uniformNeighbour(of: part, using: &rng)
  }

  func edgeNode(_ m: Int, _ slot: Int) -> Int { inputs + m * k + slot }

  /// The graph nodes a node's value comes from: an input itself, or all edge nodes of an
  /// intermediate node.
  func graphSources(of node: Int) -> [Int] {
    node < inputs ? [node] : (0..<k).map { edgeNode(node - inputs, $0) }
  }

  func graph(of part: FileCell.Part) -> CellGraph {
    let n = graphNodes
    var edges = [Bool](repeating: false, count: CellGraph.edgeSlots(n))
    var types = [GraphVocabulary.inputType] + (1..<max(inputs, 1)).map { 1 + $0 }
    for i in 1..<max(inputs, 1) { edges[CellGraph.edgeIndex(from: i - 1, to: i)] = true }
    let typeBase = 1 + inputs
    for (m, choice) in choices(of: part).enumerated() {
      for slot in 0..<k {
        let node = edgeNode(m, slot)
        types.append(typeBase + Int(choice.ops[slot]))
        for source in graphSources(of: choice.sources[slot]) { edges[CellGraph.edgeIndex(from: source, to: node)] = true }
        edges[CellGraph.edgeIndex(from: node, to: n - 1)] = true
      }
    }
    types.append(GraphVocabulary.outputType)
    return CellGraph(nodeTypes: types, edges: edges)
  }

  /// Each edge node must read exactly one earlier node (an input, or one or more edge nodes of one
  /// intermediate node) and the k edge nodes of a node distinct ones; edges carrying no choice
  /// (between inputs, within a node's edge nodes, into the output) are ignored.
  func part(from graph: CellGraph) -> FileCell.Part? {
    let n = graphNodes
    guard graph.nodeCount == n, graph.nodeTypes[n - 1] == GraphVocabulary.outputType else { return nil }
    for i in 0..<inputs where graph.nodeTypes[i] != (i == 0 ? GraphVocabulary.inputType : 1 + i) { return nil }
    let typeBase = 1 + inputs
    var choices: [Choice] = []
    for m in 0..<nodes {
      var pairs: [(Int, UInt8)] = []
      for slot in 0..<k {
        let node = edgeNode(m, slot)
        let op = graph.nodeTypes[node] - typeBase
        guard op >= 0, op < opCount, allowed[m].contains(UInt8(op)) else { return nil }
        var source: Int?
        for candidate in 0..<(inputs + m) where graphSources(of: candidate).contains(where: { graph.hasEdge(from: $0, to: node) }) {
          guard source == nil else { return nil }
          source = candidate
        }
        guard let source, !pairs.contains(where: { $0.0 == source }) else { return nil }
        pairs.append((source, UInt8(op)))
      }
      pairs.sort { $0.0 < $1.0 }
      choices.append(Choice(sources: pairs.map(\.0), ops: pairs.map(\.1)))
    }
    return part(choices)
  }

  func validated(_ part: FileCell.Part) -> Result<FileCell.Part, CellProblem> {
    guard part.nodeCount == nodeCount, part.edges >> UInt64(CellGraph.edgeSlots(inputs + nodes)) == 0 else {
      return .failure(CellProblem("edges must go into intermediate nodes \(inputs)…\(inputs + nodes - 1) (the output's inputs are implicit)"))
    }
    for source in 0..<inputs {
      for target in 0..<inputs where source < target && part.hasEdge(from: source, to: target) {
        return .failure(CellProblem("edge [\(source),\(target)] goes into a cell input"))
      }
    }
    for (m, choice) in choices(of: part).enumerated() {
      guard choice.sources.count == k else {
        return .failure(CellProblem("node \(inputs + m) has \(choice.sources.count) inputs; each intermediate node has \(k)"))
      }
      for op in choice.ops where !allowed[m].contains(op) {
        return .failure(CellProblem("node \(inputs + m) may not take op \(op) (only_on)"))
      }
    }
    return .success(part)
  }
}
