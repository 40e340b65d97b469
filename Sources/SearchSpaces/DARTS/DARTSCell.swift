/// One DARTS cell (normal or reduction): intermediate nodes 2…5, each the sum of two edges; an
/// edge applies one operation to one earlier node (0 and 1 are the cell's inputs). As in DARTS's
/// derived genotypes and NAS-Bench-301, the two inputs of a node differ, and the node is the
/// same whichever edge is listed first: the canonical form lists them by input.
///
/// Stored packed (6 bits per edge: op, then input), so a cell is one integer that hashes and
/// compares fast; edges 2k and 2k+1 belong to node k+2.
public struct DARTSCell: Hashable, Comparable, Sendable {
  public static let intermediateNodes = 4
  public static let edgeCount = 2 * intermediateNodes
  /// 7⁸ operation choices for each of the 1·3·6·10 choices of input pairs.
  public static let cellCount = 5_764_801 * 180

  /// One edge of a node: `op` applied to node `input`.
  public struct Edge: Hashable, Sendable {
    public var op: DARTSOp
    public var input: Int

    public init(op: DARTSOp, input: Int) {
      self.op = op
      self.input = input
    }
  }

  public let code: UInt64

  /// The cell of these 8 edges (in node order, either order within a node); throws an
  /// `InputError` naming what is wrong, calling the cell `name` ("normal", "reduce").
  public init(edges: [Edge], name: String = "cell") throws {
    guard edges.count == DARTSCell.edgeCount else {
      throw InputError("\(name) has \(edges.count) edges; a DARTS cell has 8 (two for each of nodes 2…5)")
    }
    for node in 0..<DARTSCell.intermediateNodes {
      let (a, b) = (edges[2 * node], edges[2 * node + 1])
      for edge in [a, b] where !(0...(node + 1)).contains(edge.input) {
        throw InputError("\(name) node \(node + 2) reads node \(edge.input); it may read only nodes 0…\(node + 1)")
      }
      guard a.input != b.input else {
        throw InputError("\(name) node \(node + 2) reads node \(a.input) twice; the two inputs of a node must differ")
      }
    }
    self.init(canonical: DARTSCell.canonical(edges))
  }

  /// Edges already valid and canonical.
  init(canonical edges: [Edge]) {
    var code: UInt64 = 0
    for (index, edge) in edges.enumerated() {
      code |= UInt64(edge.op.rawValue | edge.input << 3) << UInt64(6 * index)
    }
    self.code = code
  }

  /// Each node's two edges ordered by input.
  static func canonical(_ edges: [Edge]) -> [Edge] {
    var result = edges
    for node in 0..<DARTSCell.intermediateNodes where result[2 * node].input > result[2 * node + 1].input {
      result.swapAt(2 * node, 2 * node + 1)
    }
    return result
  }

  public func edge(_ index: Int) -> Edge {
    let bits = Int(code >> UInt64(6 * index) & 63)
    return Edge(op: DARTSOp(rawValue: bits & 7)!, input: bits >> 3)
  }

  public var edges: [Edge] { (0..<DARTSCell.edgeCount).map(edge) }

  /// The cell with edge `index` replaced (made canonical again); nil when the result is not a
  /// valid cell.
  public func replacing(edge index: Int, with edge: Edge) -> DARTSCell? {
    var edges = self.edges
    edges[index] = edge
    return try? DARTSCell(edges: edges)
  }

  /// DARTS's list form: `[('sep_conv_3x3', 0), ('skip_connect', 1), …]`.
  public var genotypeList: String {
    "[" + edges.map { "('\($0.op.name)', \($0.input))" }.joined(separator: ", ") + "]"
  }

  public static func < (a: Self, b: Self) -> Bool { a.code < b.code }
}

extension DARTSCell: Codable {
  // In files a cell is its edge list, as DARTS writes it.
  public init(from decoder: Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    do { self = try DARTSCellSpace().parseCell(text) } catch let error as InputError {
      throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
    }
  }

  public func encode(to encoder: Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(genotypeList)
  }
}
