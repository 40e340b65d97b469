import Randomness

/// The DARTS space (Liu et al. 2019; NAS-Bench-301): architectures of one normal and one
/// reduction cell (`DARTSCell`), about 10¹⁸ of them. Cells print and parse as DARTS genotype
/// text. There are no tables: architectures are evaluated by the user's code (ask/tell).
///
/// The AG-Net graph of an architecture is the two cell graphs of `DARTSCellSpace` side by side
/// (normal nodes 0…10, reduction nodes 11…21, no edge between them); the generator itself is
/// trained on single cells, and the DARTS search varies one cell at a time (`DARTSTwoPhaseSearch`).
public struct DARTSSpace: SearchSpace {
  public typealias Cell = DARTSGenotype

  public let cellSpace = DARTSCellSpace()

  public init() {}

  public var name: String { BuiltInSpace.darts.name }

  public var vocabulary: GraphVocabulary {
    GraphVocabulary(nodeTypes: DARTSCellSpace.nodeTypes, maxNodes: 2 * DARTSCellSpace.graphNodes)
  }

  public func parseCell(_ text: String) throws -> DARTSGenotype { try DARTSGenotype(text: text) }

  public func format(_ genotype: DARTSGenotype) -> String { genotype.text }

  /// DARTS has no tables; the one column holds the genotype text (which contains commas: quote
  /// it when writing CSV).
  public var cellColumns: [String] { ["genotype"] }

  public func parseCell(columns: [Substring]) throws -> DARTSGenotype {
    guard columns.count == 1 else { throw InputError("expected 1 cell column (genotype), got \(columns.count)") }
    return try DARTSGenotype(text: String(columns[0]))
  }

  public func cellColumnValues(_ genotype: DARTSGenotype) -> [String] { [genotype.text] }

  /// Two independent uniform cells, normal first.
  public func randomCell(using rng: inout Xoshiro256StarStar) -> DARTSGenotype {
    let normal = cellSpace.randomCell(using: &rng)
    return DARTSGenotype(normal: normal, reduce: cellSpace.randomCell(using: &rng))
  }

  /// The normal cell's neighbours (with this reduction cell), then the reduction cell's.
  public func neighbours(of genotype: DARTSGenotype) -> [DARTSGenotype] {
    cellSpace.neighbours(of: genotype.normal).map { DARTSGenotype(normal: $0, reduce: genotype.reduce) }
      + cellSpace.neighbours(of: genotype.reduce).map { DARTSGenotype(normal: genotype.normal, reduce: $0) }
  }

  /// One cell, drawn with equal chances, mutated (`DARTSCellSpace.mutate`): uniform over the
  /// neighbours, as both cells have 60.
  public func mutate(_ genotype: DARTSGenotype, using rng: inout Xoshiro256StarStar) -> DARTSGenotype {
    var result = genotype
    if rng.below(2) == 0 {
      result.normal = cellSpace.mutate(genotype.normal, using: &rng)
    } else {
      result.reduce = cellSpace.mutate(genotype.reduce, using: &rng)
    }
    return result
  }

  public func graph(of genotype: DARTSGenotype) -> CellGraph {
    let (normal, reduce) = (cellSpace.graph(of: genotype.normal), cellSpace.graph(of: genotype.reduce))
    let n = DARTSCellSpace.graphNodes
    var edges = [Bool](repeating: false, count: CellGraph.edgeSlots(2 * n))
    for j in 1..<n {
      for i in 0..<j {
        edges[CellGraph.edgeIndex(from: i, to: j)] = normal.hasEdge(from: i, to: j)
        edges[CellGraph.edgeIndex(from: i + n, to: j + n)] = reduce.hasEdge(from: i, to: j)
      }
    }
    return CellGraph(nodeTypes: normal.nodeTypes + reduce.nodeTypes, edges: edges)
  }

  /// Both halves must be valid cells (`DARTSCellSpace.cell(from:)`) with no edge between them.
  public func cell(from graph: CellGraph) -> DARTSGenotype? {
    let n = DARTSCellSpace.graphNodes
    guard graph.nodeCount == 2 * n else { return nil }
    var halves = [[Bool]](repeating: [Bool](repeating: false, count: CellGraph.edgeSlots(n)), count: 2)
    for j in 1..<(2 * n) {
      for i in 0..<j where graph.hasEdge(from: i, to: j) {
        guard (i < n) == (j < n) else { return nil }
        halves[j / n][CellGraph.edgeIndex(from: i % n, to: j % n)] = true
      }
    }
    guard let normal = cellSpace.cell(from: CellGraph(nodeTypes: Array(graph.nodeTypes[..<n]), edges: halves[0])),
          let reduce = cellSpace.cell(from: CellGraph(nodeTypes: Array(graph.nodeTypes[n...]), edges: halves[1])) else { return nil }
    return DARTSGenotype(normal: normal, reduce: reduce)
  }
}
