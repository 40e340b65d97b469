import Foundation
import TOMLKit

/// A user's cell space as its TOML file describes it (docs/spaces.md): the family, the
/// operations, the size and the constraints, checked for consistency. `FileSpace` searches it.
///
/// Every problem is an `InputError` naming the file and the key, and the line when the key is
/// written on a line of its own (TOMLKit keeps no positions of values, so the line is found by
/// looking for `key =` in the text).
public struct SpaceFile: Hashable, Sendable {
  /// How a cell's choices are laid out (method document §9).
  public enum Family: String, Hashable, Sendable, CaseIterable {
    /// Operations on nodes, edges chosen freely under limits (NAS-Bench-101).
    case nodeOps = "node-ops"
    /// Operations on every edge of a fixed DAG, `none` included (NAS-Bench-201).
    case edgeOps = "edge-ops"
    /// Each intermediate node picks k earlier nodes as inputs, with an operation each (DARTS).
    case kInputs = "k-inputs"
  }

  /// The space's name in runs and messages (`name`, else the file name without extension).
  public var name: String
  public var family: Family
  /// Operation names in file order; an op's index is its label (node-ops fingerprints) and its
  /// place in enumeration order.
  public var ops: [String]
  /// Names of the cell types of an architecture (`cell_types`); empty: one cell.
  public var cellTypes: [String]
  /// Whether isomorphic cells are one cell (node-ops only).
  public var mergeIsomorphic: Bool
  /// node-ops: at most this many nodes, input and output included.
  public var maxNodes: Int
  /// node-ops: at most this many edges; edge-ops: at most this many edges whose op is not `none`.
  public var maxEdges: Int?
  /// edge-ops: nodes of the fixed DAG (input 0, output last); k-inputs: intermediate nodes.
  public var nodes: Int
  /// edge-ops: the DAG's edges ordered by target, then source.
  public var edges: [Edge]
  /// edge-ops: the op meaning "no connection" (`none`), by index.
  public var noneOp: Int?
  /// edge-ops: some input→output path must avoid `none`.
  public var requirePath: Bool
  /// k-inputs: cell inputs (nodes 0…inputs−1) and inputs chosen per intermediate node.
  public var inputs: Int
  public var k: Int
  /// Per op index: the nodes whose incoming edges may carry it (nil: every node).
  public var onlyOn: [Int: Set<Int>]

  public struct Edge: Hashable, Sendable {
    public var from: Int
    public var to: Int
  }

  /// The largest DAG a space file may describe: its edges fit one 64-bit word.
  public static let maxDAGNodes = 11
  /// Operations per space (node-ops labels are 4-bit).
  public static let maxOps = DAGFingerprint.maxLabel + 1

  static let commonKeys = ["name", "family", "ops", "cell_types"]
  static let familyKeys: [Family: [String]] = [
    .nodeOps: ["max_nodes", "max_edges", "merge_isomorphic"],
    .edgeOps: ["nodes", "edges", "none", "max_edges", "require_path", "only_on", "merge_isomorphic"],
    .kInputs: ["inputs", "nodes", "k", "only_on", "merge_isomorphic"],
  ]

  /// Reads the file at `path`.
  public init(path: String) throws {
    let data = try InputFile.read(path)
    guard let text = String(data: data, encoding: .utf8) else { throw InputError("the space file is not UTF-8 text", file: path) }
    try self.init(text: text, path: path)
  }

  /// Parses a space file's text; `path` names it in errors and gives the default name, unless
  /// `defaultName` does (a copy kept in a run directory under another file name).
  public init(text: String, path: String, defaultName: String? = nil) throws {
    let table: TOMLTable
    do { table = try TOMLTable(string: text) } catch let error as TOMLParseError {
      throw InputError("not valid TOML: \(error.description)", file: path, line: error.source.begin.line)
    }
    var reader = Reader(table: table, text: text, path: path)
    let familyName = try reader.string("family")
    guard let family = Family(rawValue: familyName) else {
      throw reader.error("family must be one of \(Family.allCases.map(\.rawValue).joined(separator: ", ")), not \(InputError.quoted(familyName))", key: "family")
    }
    self.family = family
    let allowed = Set(SpaceFile.commonKeys + SpaceFile.familyKeys[family]!)
    for key in table.keys.sorted() where !allowed.contains(key) {
      throw reader.error("unknown key \(InputError.quoted(key)) for a \(family.rawValue) space; its keys are: \((SpaceFile.commonKeys + SpaceFile.familyKeys[family]!).joined(separator: ", "))", key: key)
    }
    let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    name = try reader.optionalString("name") ?? defaultName ?? stem
    if BuiltInSpace(rawValue: name) != nil {
      throw reader.error("the space is named \(InputError.quoted(name)), a built-in space's name; set name = \"…\" to another", key: "name")
    }
    guard SpaceFile.isPlainName(name) else {
      throw reader.error("name \(InputError.quoted(name)) must be letters, digits and _ . + - only", key: "name")
    }
    ops = try reader.names("ops")
    guard !ops.isEmpty else { throw reader.error("ops is empty; list at least one operation", key: "ops") }
    guard ops.count <= SpaceFile.maxOps else { throw reader.error("at most \(SpaceFile.maxOps) operations, got \(ops.count)", key: "ops") }
    cellTypes = try reader.optionalNames("cell_types") ?? []
    if cellTypes.count == 1 { throw reader.error("cell_types lists one type; leave it out for a single cell, or list several", key: "cell_types") }
    mergeIsomorphic = try reader.optionalBool("merge_isomorphic") ?? false
    maxNodes = 0
    maxEdges = nil
    nodes = 0
    edges = []
    noneOp = nil
    requirePath = false
    inputs = 0
    k = 0
    onlyOn = [:]
    switch family {
    case .nodeOps:
      maxNodes = try reader.int("max_nodes", in: 2...SpaceFile.maxDAGNodes)
      maxEdges = try reader.optionalInt("max_edges", in: 1...CellGraph.edgeSlots(maxNodes))
      if mergeIsomorphic && maxNodes > DAGFingerprint.maxVertices {
        throw reader.error("merge_isomorphic = true allows at most \(DAGFingerprint.maxVertices) nodes (max_nodes is \(maxNodes))", key: "merge_isomorphic")
      }
    case .edgeOps:
      nodes = try reader.int("nodes", in: 2...SpaceFile.maxDAGNodes)
      edges = try reader.optionalEdges("edges", nodes: nodes) ?? (1..<nodes).flatMap { to in (0..<to).map { Edge(from: $0, to: to) } }
      if let name = try reader.optionalString("none") {
        guard let index = ops.firstIndex(of: name) else { throw reader.error("none names \(InputError.quoted(name)), which is not in ops", key: "none") }
        noneOp = index
      } else {
        noneOp = ops.firstIndex(of: "none")
      }
      maxEdges = try reader.optionalInt("max_edges", in: 0...edges.count)
      requirePath = try reader.optionalBool("require_path") ?? false
      if (requirePath || maxEdges != nil) && noneOp == nil {
        throw reader.error("require_path and max_edges need an op meaning no connection: name one with none = \"…\"", key: requirePath ? "require_path" : "max_edges")
      }
      onlyOn = try reader.onlyOn(ops: ops, targets: Set(edges.map(\.to)))
      if mergeIsomorphic { throw reader.error("merge_isomorphic = true is supported for node-ops spaces only", key: "merge_isomorphic") }
    case .kInputs:
      inputs = try reader.int("inputs", in: 1...SpaceFile.maxDAGNodes - 2)
      nodes = try reader.int("nodes", in: 1...SpaceFile.maxDAGNodes - 1 - inputs)
      k = try reader.int("k", in: 1...inputs)
      onlyOn = try reader.onlyOn(ops: ops, targets: Set(inputs..<(inputs + nodes)))
      if mergeIsomorphic { throw reader.error("merge_isomorphic = true is supported for node-ops spaces only", key: "merge_isomorphic") }
    }
  }

  /// Op names and cell type names appear in cell text unescaped, so they are kept plain.
  static func isPlainName(_ text: String) -> Bool {
    !text.isEmpty && text.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "_.+-".unicodeScalars.contains($0)) }
  }

  /// The ops an edge into `node` may carry, by index.
  func allowedOps(into node: Int) -> [Int] {
    ops.indices.filter { onlyOn[$0]?.contains(node) ?? true }
  }

  /// Reads typed values from the TOML table, with errors naming the key and its line.
  struct Reader {
    let table: TOMLTable
    let lines: [Substring]
    let path: String

    init(table: TOMLTable, text: String, path: String) {
      self.table = table
      lines = text.split(separator: "\n", omittingEmptySubsequences: false)
      self.path = path
    }

    /// The first line that assigns `key` at the top of the file (`key = …`), 1-based.
    func line(of key: String) -> Int? {
      for (index, line) in lines.enumerated() {
        let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
        if trimmed.hasPrefix("[") { return nil }
        let quoted = "\"\(key)\""
        for form in [key, quoted] where trimmed.hasPrefix(form) {
          if trimmed.dropFirst(form.count).drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("=") { return index + 1 }
        }
      }
      return nil
    }

    func error(_ message: String, key: String) -> InputError {
      InputError("\(key): \(message)", file: path, line: line(of: key))
    }

    func value(_ key: String) throws -> TOMLValueConvertible {
      guard let value = table[key] else { throw InputError("missing key \(InputError.quoted(key))", file: path) }
      return value
    }

    func string(_ key: String) throws -> String {
      guard let text = try value(key).string else { throw error("must be a string", key: key) }
      return text
    }

    func optionalString(_ key: String) throws -> String? { table[key] == nil ? nil : try string(key) }

    func int(_ key: String, in range: ClosedRange<Int>) throws -> Int {
      let raw = try value(key)
      guard raw.bool == nil, let number = raw.int else { throw error("must be an integer", key: key) }
      guard range.contains(number) else { throw error("must be \(range.lowerBound)…\(range.upperBound), not \(number)", key: key) }
      return number
    }

    func optionalInt(_ key: String, in range: ClosedRange<Int>) throws -> Int? { table[key] == nil ? nil : try int(key, in: range) }

    func optionalBool(_ key: String) throws -> Bool? {
      guard let raw = table[key] else { return nil }
      guard let flag = raw.bool else { throw error("must be true or false", key: key) }
      return flag
    }

    /// A list of distinct plain names.
    func names(_ key: String) throws -> [String] {
      guard let array = try value(key).array else { throw error("must be a list of names", key: key) }
      var result: [String] = []
      for item in array {
        guard let name = item.string else { throw error("must be a list of names (strings)", key: key) }
        guard SpaceFile.isPlainName(name) else {
          throw error("\(InputError.quoted(name)) is not a plain name (letters, digits and _ . + - only)", key: key)
        }
        guard !result.contains(name) else { throw error("\(InputError.quoted(name)) is listed twice", key: key) }
        guard !["input", "output"].contains(name) && !name.hasPrefix("input_") else {
          throw error("\(InputError.quoted(name)) is reserved for the cell's input and output nodes", key: key)
        }
        result.append(name)
      }
      return result
    }

    func optionalNames(_ key: String) throws -> [String]? { table[key] == nil ? nil : try names(key) }

    /// `[[from, to], …]` with 0 ≤ from < to < nodes, each once; returned ordered by target, then source.
    func optionalEdges(_ key: String, nodes: Int) throws -> [Edge]? {
      guard let raw = table[key] else { return nil }
      guard let array = raw.array else { throw error("must be a list of [from, to] pairs", key: key) }
      var result: [Edge] = []
      for item in array {
        guard let pair = item.array, pair.count == 2, let from = pair[0].int, let to = pair[1].int, pair[0].bool == nil, pair[1].bool == nil else {
          throw error("must be a list of [from, to] pairs of node numbers", key: key)
        }
        guard from >= 0, from < to, to < nodes else {
          throw error("[\(from), \(to)] must have 0 ≤ from < to < \(nodes) (nodes are numbered in topological order)", key: key)
        }
        guard !result.contains(Edge(from: from, to: to)) else { throw error("[\(from), \(to)] is listed twice", key: key) }
        result.append(Edge(from: from, to: to))
      }
      guard !result.isEmpty else { throw error("is empty; list at least one edge", key: key) }
      return result.sorted { ($0.to, $0.from) < ($1.to, $1.from) }
    }

    /// `only_on = { op = [node, …], … }`: ops allowed only on the edges into some nodes.
    func onlyOn(ops: [String], targets: Set<Int>) throws -> [Int: Set<Int>] {
      guard let raw = table["only_on"] else { return [:] }
      guard let inner = raw.table else { throw error("must be a table op = [nodes]", key: "only_on") }
      var result: [Int: Set<Int>] = [:]
      for key in inner.keys.sorted() {
        guard let op = ops.firstIndex(of: key) else { throw error("\(InputError.quoted(key)) is not in ops", key: "only_on") }
        guard let list = inner[key]?.array else { throw error("\(key) must be a list of node numbers", key: "only_on") }
        var nodes: Set<Int> = []
        for item in list {
          guard item.bool == nil, let node = item.int, targets.contains(node) else {
            throw error("\(key) lists \(item.debugDescription), which is not a node with incoming choices (\(targets.sorted().map(String.init).joined(separator: ", ")))", key: "only_on")
          }
          nodes.insert(node)
        }
        result[op] = nodes
      }
      return result
    }
  }
}
