import Randomness

/// The NAS-Bench-101 space: 423,624 distinct cells of at most 7 vertices and 9 edges.
///
/// Random cells are drawn from the space's cell list: by default every cell, enumerated once per
/// process on first use (about a second in release builds); `init(cells:)` gives an explicit
/// list instead (e.g. a benchmark's sampled cells, or cells read from a file).
public struct NASBench101Space: SearchSpace {
  public typealias Cell = NASBench101Cell

  let explicitCells: [NASBench101Cell]?

  /// The whole space.
  public init() { explicitCells = nil }

  /// A space whose `randomCell` draws from `cells` (uniformly) and whose `parseCell` looks
  /// hashes up in `cells`. Neighbours and mutations still range over every valid cell.
  public init(cells: [NASBench101Cell]) {
    precondition(!cells.isEmpty, "a NAS-Bench-101 space needs at least one cell")
    explicitCells = cells
  }

  /// Every NAS-Bench-101 cell in the official order, enumerated on first use and shared by the
  /// whole process.
  public static let enumeratedCells: [NASBench101Cell] = NASBench101Enumeration.cells()

  /// The cells `randomCell` draws from.
  public var allCells: [NASBench101Cell] { explicitCells ?? NASBench101Space.enumeratedCells }

  public var distinctCellCount: Int? { explicitCells?.count ?? NASBench101Enumeration.cellCount }

  public var name: String { BuiltInSpace.nasbench101.name }

  public var vocabulary: GraphVocabulary {
    GraphVocabulary(nodeTypes: ["output", "input", "conv1x1-bn-relu", "conv3x3-bn-relu", "maxpool3x3"], maxNodes: NASBench101Cell.maxVertices)
  }

  /// Reads `vertices:adjacency_bits:ops` (e.g. `7:1101347:10200`, see `NASBench101Cell.text`), or
  /// a 32-hex-digit fingerprint, which is looked up among `allCells`.
  public func parseCell(_ text: String) throws -> NASBench101Cell {
    let trimmed = text.trimmingWhitespace
    if trimmed.count == 32, !trimmed.contains(":"), let fingerprint = MD5Digest(hex: trimmed) {
      guard let cell = allCells.first(where: { $0.fingerprint == fingerprint }) else {
        throw InputError("no NAS-Bench-101 cell has the hash \(trimmed)")
      }
      return cell
    }
    return try NASBench101Cell(text: text)
  }

  public func format(_ cell: NASBench101Cell) -> String { cell.text }

  public var cellColumns: [String] { ["hash", "vertices", "adjacency_bits", "ops"] }

  /// Builds the cell from `vertices`, `adjacency_bits`, `ops` and checks that `hash` is its
  /// fingerprint.
  public func parseCell(columns: [Substring]) throws -> NASBench101Cell {
    guard columns.count == 4 else {
      throw InputError("expected 4 cell columns (hash, vertices, adjacency_bits, ops), got \(columns.count)")
    }
    let structure = try NASBench101Cell(vertices: columns[1], adjacencyBits: columns[2], ops: columns[3])
    return try NASBench101Cell(hash: String(columns[0]), structure: structure)
  }

  public func cellColumnValues(_ cell: NASBench101Cell) -> [String] {
    [cell.fingerprint.hex, String(cell.vertexCount), String(cell.adjacencyBits), cell.opsDigits]
  }

  /// Uniform over `allCells`.
  public func randomCell(using rng: inout Xoshiro256StarStar) -> NASBench101Cell {
    let cells = allCells
    return cells[rng.below(cells.count)]
  }

  /// The valid results of every move (`NASBench101Cell.moves`: op changes, edge toggles, edge
  /// splits), in move order, the first of each fingerprint kept, the cell itself left out.
  public func neighbours(of cell: NASBench101Cell) -> [NASBench101Cell] {
    var seen: Set<MD5Digest> = [cell.fingerprint]
    var result: [NASBench101Cell] = []
    for move in cell.moves {
      if let neighbour = cell.applying(move), seen.insert(neighbour.fingerprint).inserted { result.append(neighbour) }
    }
    return result
  }

  /// Draws a move uniformly from `cell.moves` until it gives a valid cell different from `cell`:
  /// so the result is uniform over the valid, changing moves (a neighbour that several moves
  /// reach is that much likelier). Always terminates: a cell with interior vertices can change an
  /// op, the 2-vertex cell can split its edge.
  public func mutate(_ cell: NASBench101Cell, using rng: inout Xoshiro256StarStar) -> NASBench101Cell {
    let moves = cell.moves
    while true {
      if let child = cell.applying(moves[rng.below(moves.count)]), child != cell { return child }
    }
  }

  /// The stored (pruned) cell: input, the interior ops as AG-Net node types, output.
  public func graph(of cell: NASBench101Cell) -> CellGraph {
    var edges = [Bool](repeating: false, count: CellGraph.edgeSlots(cell.vertexCount))
    for slot in edges.indices { edges[slot] = cell.adjacencyBits >> slot & 1 == 1 }
    return CellGraph(nodeTypes: [GraphVocabulary.inputType] + cell.ops.map(\.nodeType) + [GraphVocabulary.outputType], edges: edges)
  }

  /// The cell a generated graph stands for, by the official rules: the first node must be the
  /// input and the last the output; nodes off every input→output path are pruned (whatever their
  /// type); the rest must be operations, at most 7 nodes with at most 9 edges.
  public func cell(from graph: CellGraph) -> NASBench101Cell? {
    let n = graph.nodeCount
    guard n >= 2, n <= 64, graph.nodeTypes[0] == GraphVocabulary.inputType,
          graph.nodeTypes[n - 1] == GraphVocabulary.outputType else { return nil }
    var successors = [UInt64](repeating: 0, count: n)
    for y in 1..<n {
      for x in 0..<y where graph.hasEdge(from: x, to: y) { successors[x] |= 1 << UInt64(y) }
    }
    let ops = graph.nodeTypes[1..<(n - 1)].map(NASBench101Op.init(nodeType:))
    return try? NASBench101DAG(successors: successors).cell(ops: ops).get()
  }
}
