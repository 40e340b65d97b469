import Foundation
import Randomness

/// A space described by a space file (`SpaceFile`, docs/spaces.md): any of the three families
/// of method document §9, with one or several cell types per architecture.
///
/// Cells print as the compact JSON of docs/spaces.md (`format`, `parseCell`), which is also the
/// one `cell` column of a user's table. The AG-Net graph of an architecture of several cell types
/// is their graphs side by side (first type's nodes first, no edge between them).
public struct FileSpace: SearchSpace {
  public typealias Cell = FileCell

  /// The description the space was built from.
  public let file: SpaceFile
  /// The text of the file, as read: what a run directory copies and checks on resume.
  public let text: String
  /// Where it was read from, for messages.
  public let path: String
  let rules: any CellRules
  let cache: Cache

  /// Edge-ops and k-inputs spaces of at most this many candidates are sampled from their list
  /// (node-ops spaces whenever enumerable: their classes are not uniform under the process).
  static let samplingListLimit = 1_000_000

  /// The distinct single cells, listed on first use (shared by copies of the space).
  final class Cache: @unchecked Sendable {
    let lock = NSLock()
    var cells: [FileCell.Part]?
  }

  /// Reads and checks the space file at `path`.
  public init(path: String) throws {
    let data = try InputFile.read(path)
    guard let text = String(data: data, encoding: .utf8) else { throw InputError("the space file is not UTF-8 text", file: path) }
    try self.init(text: text, path: path)
  }

  /// The space of a space file's text; `path` names it in errors (and gives the default name,
  /// unless `defaultName` does). A space without any valid cell is refused, saying why.
  public init(text: String, path: String, defaultName: String? = nil) throws {
    let file = try SpaceFile(text: text, path: path, defaultName: defaultName)
    self.file = file
    self.text = text
    self.path = path
    switch file.family {
    case .nodeOps: rules = NodeOpsRules(file: file)
    case .edgeOps: rules = EdgeOpsRules(file: file)
    case .kInputs: rules = KInputsRules(file: file)
    }
    cache = Cache()
    if let reason = emptinessReason {
      throw InputError("no cell satisfies the constraints: \(reason)", file: path)
    }
  }

  /// Why the space has no valid cell, or nil. Decided exactly by listing when the space is
  /// small, else from the constraints (edge-ops: a path avoiding `none` within max_edges).
  var emptinessReason: String? {
    switch file.family {
    case .nodeOps, .kInputs:
      // A node-ops space always holds input→output; a k-inputs space has k ≤ inputs.
      return nil
    case .edgeOps:
      guard let none = file.noneOp else { return nil }
      let rules = self.rules as! EdgeOpsRules
      let forced = rules.allowed.filter { !$0.contains(UInt8(none)) }.count
      if let maxEdges = file.maxEdges, forced > maxEdges {
        return "\(forced) edges cannot be none (only_on), more than max_edges = \(maxEdges)"
      }
      guard file.requirePath else { return nil }
      if let candidates = rules.candidateCount, candidates <= FileSpace.samplingListLimit, distinctSingleCellCount == 0 {
        return "no input→output path avoids none within max_edges = \(file.maxEdges.map(String.init) ?? "any")"
      }
      // Shortest path (in edges) through edges that may carry something else than none.
      var distance = [Int](repeating: Int.max, count: file.nodes)
      distance[0] = 0
      for (e, edge) in file.edges.enumerated() where rules.allowed[e].contains(where: { Int($0) != none }) && distance[edge.from] != Int.max {
        distance[edge.to] = min(distance[edge.to], distance[edge.from] + 1)
      }
      let shortest = distance[file.nodes - 1]
      if shortest == Int.max { return "no input→output path of edges that may carry an op other than none" }
      if let maxEdges = file.maxEdges, shortest > maxEdges {
        return "the shortest input→output path has \(shortest) edges, more than max_edges = \(maxEdges)"
      }
      return nil
    }
  }

  public var name: String { file.name }

  /// The cell types' names (`cell_types`), or nil for a single cell.
  public var cellTypes: [String]? { file.cellTypes.isEmpty ? nil : file.cellTypes }

  var typeCount: Int { max(file.cellTypes.count, 1) }

  /// output, input, input_1… (k-inputs), then the ops in file order; N of one cell times the
  /// number of cell types.
  public var vocabulary: GraphVocabulary {
    GraphVocabulary(nodeTypes: ["output", "input"] + rules.extraNodeTypes + file.ops, maxNodes: rules.graphNodes * typeCount)
  }

  /// The one column of a user's table: the cell text.
  public var cellColumns: [String] { ["cell"] }

  public func parseCell(columns: [Substring]) throws -> FileCell {
    guard columns.count == 1 else { throw InputError("expected 1 cell column (cell), got \(columns.count)") }
    return try parseCell(String(columns[0]))
  }

  public func cellColumnValues(_ cell: FileCell) -> [String] { [format(cell)] }

  /// Whether every cell can be listed in about a minute (`agnet space enumerate`).
  public var isEnumerable: Bool {
    guard rules.isEnumerable else { return false }
    guard typeCount > 1 else { return true }
    guard let single = rules.candidateCount else { return false }
    var total = 1
    for _ in 0..<typeCount {
      let (product, overflow) = total.multipliedReportingOverflow(by: single)
      if overflow || product > EdgeOpsRules.enumerationLimit { return false }
      total = product
    }
    return true
  }

  /// The distinct single cells in enumeration order, listed once per space value and its copies;
  /// nil when the family cannot list them in about a minute.
  public var singleCells: [FileCell.Part]? {
    guard rules.isEnumerable else { return nil }
    cache.lock.lock()
    defer { cache.lock.unlock() }
    if let cells = cache.cells { return cells }
    var cells: [FileCell.Part] = []
    rules.forEachCell { cells.append($0) }
    cache.cells = cells
    return cells
  }

  var distinctSingleCellCount: Int? { singleCells?.count }

  /// Exact when the single cells can be listed; nil otherwise (see `estimatedCellCount`).
  public var distinctCellCount: Int? {
    guard let single = distinctSingleCellCount else { return nil }
    var total = 1
    for _ in 0..<typeCount {
      let (product, overflow) = total.multipliedReportingOverflow(by: single)
      if overflow { return nil }
      total = product
    }
    return total
  }

  /// The number of cells, exact (`isExact`) when listed, else estimated: candidates times the
  /// share of 20,000 random candidates that are valid, divided for merged spaces by the
  /// interior renumberings (an upper bound of class sizes), raised to the number of cell types.
  public func cellCount() -> (count: Double, isExact: Bool) {
    if let exact = distinctCellCount { return (Double(exact), true) }
    let single: Double
    if let listed = distinctSingleCellCount {
      single = Double(listed)
    } else if file.family == .kInputs, let candidates = rules.candidateCount {
      single = Double(candidates)
    } else {
      single = estimatedSingleCellCount()
    }
    return (pow(single, Double(typeCount)), false)
  }

  func estimatedSingleCellCount() -> Double {
    switch file.family {
    case .kInputs:
      return (0..<file.nodes).reduce(1.0) { total, m in
        total * Double(KInputsRules.binomial(file.inputs + m, file.k)) * pow(Double(file.allowedOps(into: file.inputs + m).count), Double(file.k))
      }
    case .edgeOps:
      let rules = self.rules as! EdgeOpsRules
      var rng = Xoshiro256StarStar(seed: 0, stream: "space-count")
      let draws = 20_000
      var valid = 0
      for _ in 0..<draws where rules.isValid(rules.allowed.map { $0[rng.below($0.count)] }) { valid += 1 }
      return rules.allowed.reduce(1.0) { $0 * Double($1.count) } * Double(valid) / Double(draws)
    case .nodeOps:
      // Labelled full DAGs per node count: 2^slots · ops^(n−2) · (valid share of random ones).
      var rng = Xoshiro256StarStar(seed: 0, stream: "space-count")
      var total = 0.0
      let rules = self.rules as! NodeOpsRules
      for n in 2...file.maxNodes {
        let draws = 2_000
        var full = 0
        for _ in 0..<draws {
          var successors = [UInt64](repeating: 0, count: n)
          for y in 1..<n {
            for x in 0..<y where rng.below(2) == 1 { successors[x] |= 1 << UInt64(y) }
          }
          let kept = NASBench101DAG(successors: successors).pathVertices()
          if kept.nonzeroBitCount == n, successors.reduce(0, { $0 + $1.nonzeroBitCount }) <= rules.maxEdges { full += 1 }
        }
        let labelled = pow(2.0, Double(CellGraph.edgeSlots(n))) * pow(Double(file.ops.count), Double(n - 2)) * Double(full) / Double(draws)
        total += file.mergeIsomorphic ? labelled / Double((1...max(n - 2, 1)).reduce(1, *)) : labelled
      }
      return total
    }
  }

  var samplesFromList: Bool {
    guard rules.isEnumerable else { return false }
    return file.family == .nodeOps || (rules.candidateCount ?? Int.max) <= FileSpace.samplingListLimit
  }

  /// How `randomCell` draws, for `agnet space check` and docs.
  public var samplingNote: String {
    if samplesFromList { return "uniform over the distinct cells (drawn from the enumeration)" }
    switch file.family {
    case .edgeOps: return "uniform over valid cells (each edge's op uniform, redrawn until the constraints hold)"
    case .kInputs: return "uniform over cells (per node k distinct inputs, then an op each)"
    case .nodeOps:
      return "over the generative process, not uniform over distinct cells: node count uniform, each edge with probability 1/2, ops uniform, pruned, redrawn until valid"
    }
  }

  /// Per cell type, uniform over the listed cells where the family lists them, else its
  /// generative process (`samplingNote`).
  public func randomCell(using rng: inout Xoshiro256StarStar) -> FileCell {
    let listed = samplesFromList ? singleCells : nil
    return FileCell(parts: (0..<typeCount).map { _ in
      if let listed { return listed[rng.below(listed.count)] }
      return rules.randomPart(using: &rng)
    })
  }

  /// The first cell type's neighbours (others kept), then the second's, and so on.
  public func neighbours(of cell: FileCell) -> [FileCell] {
    var result: [FileCell] = []
    for (index, part) in cell.parts.enumerated() {
      for neighbour in rules.neighbours(of: part) {
        var changed = cell
        changed.parts[index] = neighbour
        result.append(changed)
      }
    }
    return result
  }

  /// One cell type drawn uniformly (when there are several), changed once (`CellRules.mutate`).
  public func mutate(_ cell: FileCell, using rng: inout Xoshiro256StarStar) -> FileCell {
    var result = cell
    let index = typeCount > 1 ? rng.below(typeCount) : 0
    result.parts[index] = rules.mutate(cell.parts[index], using: &rng)
    return result
  }

  /// The graph of each cell type on its own (`graph(of:)` puts them side by side).
  public func partGraphs(of cell: FileCell) -> [CellGraph] { cell.parts.map(rules.graph(of:)) }

  public func graph(of cell: FileCell) -> CellGraph {
    guard cell.parts.count > 1 else { return rules.graph(of: cell.parts[0]) }
    let graphs = cell.parts.map(rules.graph(of:))
    let total = graphs.reduce(0) { $0 + $1.nodeCount }
    var edges = [Bool](repeating: false, count: CellGraph.edgeSlots(total))
    var offset = 0
    for graph in graphs {
      for j in 1..<graph.nodeCount {
        for i in 0..<j where graph.hasEdge(from: i, to: j) { edges[CellGraph.edgeIndex(from: i + offset, to: j + offset)] = true }
      }
      offset += graph.nodeCount
    }
    return CellGraph(nodeTypes: graphs.flatMap(\.nodeTypes), edges: edges)
  }

  /// A single cell type: the family's rule. Several: the graph must split into that many equal
  /// blocks of `N / types` nodes with no edge between blocks, each a valid cell.
  public func cell(from graph: CellGraph) -> FileCell? {
    guard typeCount > 1 else { return rules.part(from: graph).map { FileCell(parts: [$0]) } }
    let n = rules.graphNodes
    guard graph.nodeCount == n * typeCount else { return nil }
    var blocks = [[Bool]](repeating: [Bool](repeating: false, count: CellGraph.edgeSlots(n)), count: typeCount)
    for j in 1..<graph.nodeCount {
      for i in 0..<j where graph.hasEdge(from: i, to: j) {
        guard i / n == j / n else { return nil }
        blocks[j / n][CellGraph.edgeIndex(from: i % n, to: j % n)] = true
      }
    }
    var parts: [FileCell.Part] = []
    for (index, block) in blocks.enumerated() {
      guard let part = rules.part(from: CellGraph(nodeTypes: Array(graph.nodeTypes[index * n..<(index + 1) * n]), edges: block)) else { return nil }
      parts.append(part)
    }
    return FileCell(parts: parts)
  }

  /// The fingerprint of a node-ops cell (the NAS-Bench-101 iterated hash over the file's op
  /// indices as labels); nil for other families or cells of more than 7 nodes.
  public func fingerprint(of part: FileCell.Part) -> MD5Digest? {
    guard file.family == .nodeOps, part.nodeCount <= DAGFingerprint.maxVertices else { return nil }
    return DAGFingerprint.compute(vertexCount: part.nodeCount, adjacencyBits: UInt32(part.edges)) { Int(part.ops[$0 - 1]) }
  }
}

extension FileSpace {
  /// `allCells`, or an `InputError` naming the file when the space is too large to list.
  public func enumerated() throws -> [FileCell] {
    guard isEnumerable else {
      let (count, _) = cellCount()
      throw InputError("the space has about \(String(format: "%.3g", count)) cells, too many to enumerate in about a minute "
        + "(enumerable: node-ops up to 7 nodes, other families up to \(EdgeOpsRules.enumerationLimit) candidates); draw some with agnet space sample",
        file: path)
    }
    return allCells
  }
}

extension FileSpace: EnumerableSpace {
  /// Every distinct cell (architectures: every combination of single cells, the first type most
  /// significant). Only for `isEnumerable` spaces.
  public var allCells: [FileCell] {
    guard let single = singleCells else { return [] }
    var result: [[FileCell.Part]] = [[]]
    for _ in 0..<typeCount { result = result.flatMap { prefix in single.map { prefix + [$0] } } }
    return result.map(FileCell.init(parts:))
  }
}
