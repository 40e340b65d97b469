import Randomness

/// The NAS-Bench-201 space: 5^6 = 15,625 cells, every one valid and distinct.
public struct NASBench201Space: SearchSpace {
  public typealias Cell = NASBench201Cell

  public init() {}

  public var name: String { BuiltInSpace.nasbench201.name }

  public var vocabulary: GraphVocabulary {
    GraphVocabulary(
      nodeTypes: ["output", "input", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3", "skip_connect", "none"],
      maxNodes: 8)
  }

  /// The fixed AG-Net adjacency: each edge of the cell is a node (1…6), input is 0, output 7.
  public static let graphEdges: [(from: Int, to: Int)] = [
    (0, 1), (0, 2), (0, 4), (1, 3), (1, 5), (2, 6), (3, 6), (4, 7), (5, 7), (6, 7),
  ]

  static let fixedEdgeBits: [Bool] = {
    var bits = [Bool](repeating: false, count: CellGraph.edgeSlots(8))
    for e in graphEdges { bits[CellGraph.edgeIndex(from: e.from, to: e.to)] = true }
    return bits
  }()

  public var distinctCellCount: Int? { NASBench201Cell.cellCount }

  public var allCells: [NASBench201Cell] { (0..<NASBench201Cell.cellCount).map(NASBench201Cell.init(code:)) }

  public func parseCell(_ text: String) throws -> NASBench201Cell { try NASBench201Cell(archString: text) }

  public func format(_ cell: NASBench201Cell) -> String { cell.archString }

  public var cellColumns: [String] { ["arch"] }

  public func parseCell(columns: [Substring]) throws -> NASBench201Cell {
    guard columns.count == 1 else { throw InputError("expected 1 cell column (arch), got \(columns.count)") }
    return try NASBench201Cell(archString: String(columns[0]))
  }

  public func cellColumnValues(_ cell: NASBench201Cell) -> [String] { [cell.archString] }

  public func randomCell(using rng: inout Xoshiro256StarStar) -> NASBench201Cell {
    NASBench201Cell(code: rng.below(NASBench201Cell.cellCount))
  }

  /// The 24 cells that differ in exactly one edge, by edge then op.
  public func neighbours(of cell: NASBench201Cell) -> [NASBench201Cell] {
    var result: [NASBench201Cell] = []
    result.reserveCapacity(24)
    for edge in 0..<NASBench201Cell.edgeCount {
      let current = cell.op(at: edge)
      for op in NASBench201Op.allCases where op != current { result.append(cell.replacing(edge: edge, with: op)) }
    }
    return result
  }

  /// One edge set to a different op, both drawn uniformly.
  public func mutate(_ cell: NASBench201Cell, using rng: inout Xoshiro256StarStar) -> NASBench201Cell {
    let edge = rng.below(NASBench201Cell.edgeCount)
    let current = cell.op(at: edge).rawValue
    let shift = 1 + rng.below(NASBench201Op.allCases.count - 1)
    return cell.replacing(edge: edge, with: NASBench201Op(rawValue: (current + shift) % 5)!)
  }

  public func graph(of cell: NASBench201Cell) -> CellGraph {
    CellGraph(nodeTypes: [GraphVocabulary.inputType] + cell.ops.map(\.nodeType) + [GraphVocabulary.outputType],
              edges: NASBench201Space.fixedEdgeBits)
  }

  /// Valid when the graph has 8 nodes, exactly the fixed adjacency, input first, output last and
  /// an operation in between (method document §1).
  public func cell(from graph: CellGraph) -> NASBench201Cell? {
    guard graph.nodeCount == 8,
          graph.nodeTypes[0] == GraphVocabulary.inputType,
          graph.nodeTypes[7] == GraphVocabulary.outputType,
          graph.edges == NASBench201Space.fixedEdgeBits else { return nil }
    var ops: [NASBench201Op] = []
    for type in graph.nodeTypes[1...6] {
      guard let op = NASBench201Op(nodeType: type) else { return nil }
      ops.append(op)
    }
    return NASBench201Cell(ops: ops)
  }
}
