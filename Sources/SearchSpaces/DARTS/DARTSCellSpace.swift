import Foundation
import Randomness

/// Single DARTS cells, normal or reduction alike: the space the AG-Net generator is trained on
/// and decodes into, and the half of an architecture each phase of the DARTS search varies.
///
/// The AG-Net graph of a cell follows the published NAS-Bench-301 encoding: every edge becomes a
/// node carrying its operation, so a cell is 11 nodes — the inputs c_{k−2} (type `input`) and
/// c_{k−1} (`input_1`), the eight edge nodes (edges 2k, 2k+1 of intermediate node k+2 are nodes
/// 2k+2, 2k+3), and the output. An edge node reading cell input 0 or 1 has an edge from that
/// node; one reading intermediate node m has edges from both edge nodes of m (a node is the sum
/// of its two edges); every edge node feeds the output, which concatenates them all. The edge
/// 0→1 is always present: the generator emits it with a fixed logit, and it carries no choice.
public struct DARTSCellSpace: SearchSpace {
  public typealias Cell = DARTSCell

  public init() {}

  /// Named like the architecture space: generator files are found by space name
  /// (`models/darts-generator.agnet`), and this is the space they generate.
  public var name: String { BuiltInSpace.darts.name }

  public static let nodeTypes = ["output", "input", "input_1", "identity"] + DARTSOp.allCases.map(\.name)
  public static let inputType1 = 2
  public static let graphNodes = 11

  public var vocabulary: GraphVocabulary { GraphVocabulary(nodeTypes: DARTSCellSpace.nodeTypes, maxNodes: DARTSCellSpace.graphNodes) }

  /// Reads a cell's edge list, `[('sep_conv_3x3', 0), ('skip_connect', 1), …]`.
  public func parseCell(_ text: String) throws -> DARTSCell {
    do {
      var parser = GenotypeParser(text)
      return try DARTSCell(edges: try parser.cellEdges())
    } catch let error as InputError {
      throw InputError("invalid DARTS cell: \(error.message)")
    }
  }

  public func format(_ cell: DARTSCell) -> String { cell.genotypeList }

  /// DARTS has no tables; the one column holds the edge list (which contains commas: quote it
  /// when writing CSV).
  public var cellColumns: [String] { ["cell"] }

  public func parseCell(columns: [Substring]) throws -> DARTSCell {
    guard columns.count == 1 else { throw InputError("expected 1 cell column (cell), got \(columns.count)") }
    return try parseCell(String(columns[0]))
  }

  public func cellColumnValues(_ cell: DARTSCell) -> [String] { [cell.genotypeList] }

  /// Uniform over distinct cells: per node, an input pair uniform over the pairs of distinct
  /// earlier nodes, and an operation per edge.
  public func randomCell(using rng: inout Xoshiro256StarStar) -> DARTSCell {
    var edges: [DARTSCell.Edge] = []
    for node in 0..<DARTSCell.intermediateNodes {
      let choices = node + 2
      let first = rng.below(choices)
      let second = (first + 1 + rng.below(choices - 1)) % choices
      let (low, high) = (min(first, second), max(first, second))
      edges.append(DARTSCell.Edge(op: DARTSOp(rawValue: rng.below(7))!, input: low))
      edges.append(DARTSCell.Edge(op: DARTSOp(rawValue: rng.below(7))!, input: high))
    }
    return DARTSCell(canonical: edges)
  }

  /// Every cell one edge away: the edge's operation changed (by edge, then op), then the edge's
  /// input changed to another earlier node its node does not read yet (by edge, then input).
  /// 48 operation changes and 12 input changes, all distinct.
  public func neighbours(of cell: DARTSCell) -> [DARTSCell] {
    var result: [DARTSCell] = []
    result.reserveCapacity(60)
    let edges = cell.edges
    for (index, edge) in edges.enumerated() {
      for op in DARTSOp.allCases where op != edge.op {
        result.append(cell.replacing(edge: index, with: DARTSCell.Edge(op: op, input: edge.input))!)
      }
    }
    for (index, edge) in edges.enumerated() {
      let sibling = edges[index ^ 1]
      for input in 0...(index / 2 + 1) where input != edge.input && input != sibling.input {
        result.append(cell.replacing(edge: index, with: DARTSCell.Edge(op: edge.op, input: input))!)
      }
    }
    return result
  }

  /// A neighbour drawn uniformly: one edge's operation or input changed.
  public func mutate(_ cell: DARTSCell, using rng: inout Xoshiro256StarStar) -> DARTSCell {
    let candidates = neighbours(of: cell)
    return candidates[rng.below(candidates.count)]
  }

  /// The graph node of edge node `edge` (0…7), and the output.
  static func edgeNode(_ edge: Int) -> Int { edge + 2 }
  static let outputNode = 10

  /// The graph nodes a DARTS node's value comes from: the input itself, or both edge nodes of an
  /// intermediate node.
  static func graphNodes(ofDARTSNode node: Int) -> [Int] {
    node < 2 ? [node] : [edgeNode(2 * (node - 2)), edgeNode(2 * (node - 2) + 1)]
  }

  public func graph(of cell: DARTSCell) -> CellGraph {
    var edges = [Bool](repeating: false, count: CellGraph.edgeSlots(DARTSCellSpace.graphNodes))
    edges[CellGraph.edgeIndex(from: 0, to: 1)] = true
    var types = [GraphVocabulary.inputType, DARTSCellSpace.inputType1]
    for (index, edge) in cell.edges.enumerated() {
      types.append(edge.op.nodeType)
      for source in DARTSCellSpace.graphNodes(ofDARTSNode: edge.input) {
        edges[CellGraph.edgeIndex(from: source, to: DARTSCellSpace.edgeNode(index))] = true
      }
      edges[CellGraph.edgeIndex(from: DARTSCellSpace.edgeNode(index), to: DARTSCellSpace.outputNode)] = true
    }
    types.append(GraphVocabulary.outputType)
    return CellGraph(nodeTypes: types, edges: edges)
  }

  /// Redraws the edges into the eight edge nodes of a sampled graph (`edges`: all 55 slots) as
  /// one choice each: edge node t of node k reads one of nodes 0…k−1, drawn with probabilities
  /// softmax(score), where a cell input's score is the logit of its edge into t and an
  /// intermediate node's the mean of the logits of its two edge nodes into t; the second edge
  /// node of a node never draws what the first drew. This is how the published decoder reads a
  /// node's inputs from edge scores (it keeps the two best), drawn instead of taken, so that a
  /// generator trained on marginals still yields valid, varied cells; edges independent of each
  /// other could only rarely form a cell. Draws one categorical per edge node, in node order.
  public static func drawSources(edges: inout [Bool], edgeLogits: UnsafePointer<Float>, using rng: inout Xoshiro256StarStar) {
    precondition(edges.count == CellGraph.edgeSlots(graphNodes), "a DARTS cell graph has 55 edge slots")
    var firstSource = 0
    for index in 0..<DARTSCell.edgeCount {
      let target = edgeNode(index)
      for source in 0..<target { edges[CellGraph.edgeIndex(from: source, to: target)] = false }
      let candidates = (0...(index / 2 + 1)).filter { index % 2 == 0 || $0 != firstSource }
      let scores = candidates.map { node -> Double in
        let sources = graphNodes(ofDARTSNode: node)
        return sources.reduce(0.0) { $0 + Double(edgeLogits[CellGraph.edgeIndex(from: $1, to: target)]) } / Double(sources.count)
      }
      let top = scores.max()!
      let chosen = candidates[rng.categorical(scores.map { Foundation.exp($0 - top) })]
      for source in graphNodes(ofDARTSNode: chosen) { edges[CellGraph.edgeIndex(from: source, to: target)] = true }
      firstSource = chosen
    }
  }

  /// The cell a generated graph stands for. It must have 11 nodes: `input`, `input_1`, eight
  /// operations, `output`. Each edge node must read exactly one earlier DARTS node — an edge from
  /// cell input 0 or 1, or from one or both edge nodes of an earlier intermediate node — and the
  /// two edge nodes of a node must read different nodes. Edges that carry no choice are ignored:
  /// 0→1, those between the two edge nodes of one node, and those into the output (which
  /// concatenates every node whatever they say), as the published decoder ignores them.
  public func cell(from graph: CellGraph) -> DARTSCell? {
    guard graph.nodeCount == DARTSCellSpace.graphNodes,
          graph.nodeTypes[0] == GraphVocabulary.inputType,
          graph.nodeTypes[1] == DARTSCellSpace.inputType1,
          graph.nodeTypes[DARTSCellSpace.outputNode] == GraphVocabulary.outputType else { return nil }
    var edges: [DARTSCell.Edge] = []
    edges.reserveCapacity(DARTSCell.edgeCount)
    for index in 0..<DARTSCell.edgeCount {
      let target = DARTSCellSpace.edgeNode(index)
      guard let op = DARTSOp(nodeType: graph.nodeTypes[target]) else { return nil }
      var input: Int?
      for node in 0..<(index / 2 + 2) where DARTSCellSpace.graphNodes(ofDARTSNode: node).contains(where: { graph.hasEdge(from: $0, to: target) }) {
        guard input == nil else { return nil }
        input = node
      }
      guard let input else { return nil }
      edges.append(DARTSCell.Edge(op: op, input: input))
    }
    return try? DARTSCell(edges: edges)
  }
}
