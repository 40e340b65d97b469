/// A NAS-Bench-101 cell: a DAG of 2…7 vertices (vertex 0 the input, the last the output) with one
/// operation on each interior vertex, at most 9 edges, every vertex on an input→output path.
///
/// Stored pruned, exactly as the official `ModelSpec` prunes, with its NAS-Bench-101 fingerprint
/// computed once. Equality and hashing go by the fingerprint, so two isomorphic cells are the
/// same cell even when their vertex numbering differs; the stored structure is whichever of them
/// was built. A cell value is always valid: every initializer checks.
public struct NASBench101Cell: Sendable {
  public static let maxVertices = 7
  public static let maxEdges = 9

  let storedVertexCount: UInt8
  let storedAdjacencyBits: UInt32
  /// Interior op codes, 2 bits each, vertex i at bits 2(i−1).
  let packedOps: UInt16
  /// The official fingerprint (the `hash` column of every NAS-Bench-101 table).
  public let fingerprint: MD5Digest

  /// A cell from a structure known to be pruned and valid (enumeration, moves).
  init(prunedVertexCount: Int, adjacencyBits: UInt32, packedOps: UInt16) {
    storedVertexCount = UInt8(prunedVertexCount)
    storedAdjacencyBits = adjacencyBits
    self.packedOps = packedOps
    fingerprint = DAGFingerprint.compute(vertexCount: prunedVertexCount, adjacencyBits: adjacencyBits) { v in Int(packedOps >> UInt16(2 * (v - 1)) & 3) }
  }

  /// A cell from the table convention: `vertexCount` (2…7) vertices, upper-triangular
  /// `adjacencyBits` (edge x→y, x < y, is bit y·(y−1)/2 + x) and the ops of vertices 1…V−2.
  /// The structure may be unpruned; it is pruned as the official `ModelSpec` prunes and must then
  /// be valid. Throws `InputError` saying why not.
  public init(vertexCount: Int, adjacencyBits: Int, ops: [NASBench101Op]) throws {
    let described = "\(vertexCount) vertices, adjacency_bits \(adjacencyBits), ops \(InputError.quoted(String(ops.map(\.digit))))"
    guard (2...NASBench101Cell.maxVertices).contains(vertexCount) else {
      throw InputError("invalid NAS-Bench-101 cell (\(described)): vertices must be 2…\(NASBench101Cell.maxVertices)")
    }
    guard adjacencyBits >= 0, adjacencyBits >> CellGraph.edgeSlots(vertexCount) == 0 else {
      throw InputError("invalid NAS-Bench-101 cell (\(described)): adjacency_bits must be 0 ≤ bits < 2^\(CellGraph.edgeSlots(vertexCount)) for \(vertexCount) vertices")
    }
    guard ops.count == vertexCount - 2 else {
      throw InputError("invalid NAS-Bench-101 cell (\(described)): \(vertexCount) vertices need \(vertexCount - 2) ops, got \(ops.count)")
    }
    let dag = NASBench101DAG(vertexCount: vertexCount, adjacencyBits: UInt64(adjacencyBits))
    switch dag.cell(ops: ops) {
    case .success(let cell): self = cell
    case .failure(let reason): throw InputError("invalid NAS-Bench-101 cell (\(described)): \(reason)")
    }
  }

  public var vertexCount: Int { Int(storedVertexCount) }

  /// Upper-triangular adjacency of the stored (pruned) structure: edge x→y is bit y·(y−1)/2 + x.
  public var adjacencyBits: Int { Int(storedAdjacencyBits) }

  public var edgeCount: Int { storedAdjacencyBits.nonzeroBitCount }

  public func hasEdge(from x: Int, to y: Int) -> Bool {
    x < y && y < vertexCount && storedAdjacencyBits >> UInt32(CellGraph.edgeIndex(from: x, to: y)) & 1 == 1
  }

  /// The op of interior vertex `vertex` (1…V−2).
  public func op(at vertex: Int) -> NASBench101Op {
    precondition(vertex >= 1 && vertex <= vertexCount - 2, "vertex \(vertex) is not an interior vertex")
    return NASBench101Op(rawValue: Int(packedOps >> UInt16(2 * (vertex - 1)) & 3))!
  }

  /// Ops of vertices 1…V−2.
  public var ops: [NASBench101Op] { vertexCount > 2 ? (1...vertexCount - 2).map(op(at:)) : [] }

  /// The ops as table digits, e.g. "02001" (empty for the 2-vertex cell).
  public var opsDigits: String { String(ops.map(\.digit)) }

  /// `vertices:adjacency_bits:ops`, e.g. `7:1101347:10200`: the cell's compact text form.
  public var text: String { "\(vertexCount):\(adjacencyBits):\(opsDigits)" }
}

extension NASBench101Cell: Hashable, Comparable {
  public static func == (a: Self, b: Self) -> Bool { a.fingerprint == b.fingerprint }
  public func hash(into hasher: inout Hasher) { hasher.combine(fingerprint) }
  /// Fingerprint order ("hash order" of the NAS-Bench-101 tables).
  public static func < (a: Self, b: Self) -> Bool { a.fingerprint < b.fingerprint }
}

extension NASBench101Cell: CustomStringConvertible {
  public var description: String { text }
}

extension NASBench101Cell {
  /// Parses the compact text form `vertices:adjacency_bits:ops` (ops as table digits 0 conv3x3,
  /// 1 conv1x1, 2 maxpool3x3; empty for 2 vertices). Throws `InputError`.
  public init(text: String) throws {
    let parts = text.trimmingWhitespace.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 3 else {
      throw InputError("invalid NAS-Bench-101 cell \(InputError.quoted(text)): expected vertices:adjacency_bits:ops, e.g. 7:1101347:10200")
    }
    do {
      try self.init(vertices: parts[0], adjacencyBits: parts[1], ops: parts[2])
    } catch let error as InputError {
      throw InputError("invalid NAS-Bench-101 cell \(InputError.quoted(text)): \(error.message)")
    }
  }

  /// From the texts of the table columns `vertices`, `adjacency_bits`, `ops`.
  init(vertices: Substring, adjacencyBits: Substring, ops: Substring) throws {
    guard let vertexCount = Int(vertices.trimmingWhitespace) else {
      throw InputError("vertices \(InputError.quoted(vertices)) is not an integer")
    }
    guard let bits = Int(adjacencyBits.trimmingWhitespace) else {
      throw InputError("adjacency_bits \(InputError.quoted(adjacencyBits)) is not an integer")
    }
    try self.init(vertexCount: vertexCount, adjacencyBits: bits, ops: try NASBench101Cell.ops(digits: ops))
  }

  /// Table digits, e.g. "02001", as ops.
  static func ops<S: StringProtocol>(digits: S) throws -> [NASBench101Op] {
    try digits.trimmingWhitespace.unicodeScalars.map { char in
      guard char.isASCII, let op = NASBench101Op(rawValue: Int(char.value) - Int(UInt8(ascii: "0"))) else {
        throw InputError("ops \(InputError.quoted(digits)) must be digits 0 (conv3x3), 1 (conv1x1), 2 (maxpool3x3)")
      }
      return op
    }
  }
}

extension NASBench101Cell: Codable {
  // In files a cell is the object {hash, vertices, adjacency_bits, ops} of the tables; decoding
  // recomputes the fingerprint and rejects a hash that does not match.
  enum CodingKeys: String, CodingKey {
    case hash, vertices, ops
    case adjacencyBits = "adjacency_bits"
  }

  public init(from decoder: Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let hash = try container.decode(String.self, forKey: .hash)
    let vertices = try container.decode(Int.self, forKey: .vertices)
    let bits = try container.decode(Int.self, forKey: .adjacencyBits)
    let ops = try container.decode(String.self, forKey: .ops)
    do {
      let structure = try NASBench101Cell(vertexCount: vertices, adjacencyBits: bits, ops: try NASBench101Cell.ops(digits: ops))
      try self.init(hash: hash, structure: structure)
    } catch let error as InputError {
      throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
    }
  }

  /// `structure`, after checking that `hash` is its fingerprint.
  init(hash: String, structure: NASBench101Cell) throws {
    guard let expected = MD5Digest(hex: hash.trimmingWhitespace) else {
      throw InputError("hash \(InputError.quoted(hash)) is not 32 hex digits")
    }
    guard expected == structure.fingerprint else {
      throw InputError("hash \(hash) does not match the cell \(structure.text), whose fingerprint is \(structure.fingerprint.hex)")
    }
    self = structure
  }

  public func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(fingerprint.hex, forKey: .hash)
    try container.encode(vertexCount, forKey: .vertices)
    try container.encode(adjacencyBits, forKey: .adjacencyBits)
    try container.encode(opsDigits, forKey: .ops)
  }
}
