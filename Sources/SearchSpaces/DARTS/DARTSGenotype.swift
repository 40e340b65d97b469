/// A DARTS architecture: a normal and a reduction cell, written as DARTS's genotype text
///
///     Genotype(normal=[('sep_conv_3x3', 0), …], normal_concat=[2, 3, 4, 5], reduce=[…], reduce_concat=[2, 3, 4, 5])
///
/// which DARTS, PC-DARTS, TE-NAS and NAS-Bench-301 code reads with `eval` given
/// `Genotype = namedtuple('Genotype', 'normal normal_concat reduce reduce_concat')`. Every
/// intermediate node is concatenated, as in every DARTS-space network.
public struct DARTSGenotype: Hashable, Comparable, Sendable {
  public var normal: DARTSCell
  public var reduce: DARTSCell

  public init(normal: DARTSCell, reduce: DARTSCell) {
    self.normal = normal
    self.reduce = reduce
  }

  public static let concat = [2, 3, 4, 5]

  public var text: String {
    let concat = "[" + DARTSGenotype.concat.map(String.init).joined(separator: ", ") + "]"
    return "Genotype(normal=\(normal.genotypeList), normal_concat=\(concat), reduce=\(reduce.genotypeList), reduce_concat=\(concat))"
  }

  /// Reads genotype text: the four fields by keyword in any order, quotes ' or ", any spacing,
  /// tuples or lists, and `range(2, 6)` for the concatenations (PC-DARTS writes it so). Throws an
  /// `InputError` naming what is wrong.
  public init(text: String) throws {
    do {
      var parser = GenotypeParser(text)
      let fields = try parser.genotype()
      func cell(_ name: String) throws -> DARTSCell {
        guard let edges = fields.cells[name] else { throw InputError("missing \(name)=[…]") }
        guard let concat = fields.concats[name + "_concat"] else { throw InputError("missing \(name)_concat=[2, 3, 4, 5]") }
        guard concat == DARTSGenotype.concat else {
          throw InputError("\(name)_concat is \(concat); this space concatenates every intermediate node, [2, 3, 4, 5]")
        }
        return try DARTSCell(edges: edges, name: name)
      }
      self.init(normal: try cell("normal"), reduce: try cell("reduce"))
    } catch let error as InputError {
      throw InputError("invalid DARTS genotype: \(error.message)")
    }
  }

  public static func < (a: Self, b: Self) -> Bool { (a.normal, a.reduce) < (b.normal, b.reduce) }
}

extension DARTSGenotype: Codable {
  // In files an architecture is its genotype text, what DARTS code reads.
  public init(from decoder: Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    do { try self.init(text: text) } catch let error as InputError {
      throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
    }
  }

  public func encode(to encoder: Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(text)
  }
}

/// A recursive-descent reader of the Python expression subset genotypes are written in.
struct GenotypeParser {
  enum Token: Equatable {
    case name(String), integer(Int), string(String), symbol(Character), end
  }

  struct Fields {
    var cells: [String: [DARTSCell.Edge]] = [:]
    var concats: [String: [Int]] = [:]
  }

  /// The nodes of a DARTS cell: two inputs and the intermediate nodes; no concatenation can name more.
  static let nodeCount = 2 + DARTSCell.intermediateNodes

  private let characters: [Character]
  private var position = 0

  init(_ text: String) { characters = Array(text) }

  mutating func genotype() throws -> Fields {
    guard case .name("Genotype") = try next() else { throw InputError("it must start with Genotype(") }
    try expect("(")
    var fields = Fields()
    while true {
      let token = try next()
      if token == .symbol(")") { break }
      guard case .name(let key) = token else { throw unexpected(token, wanted: "a field name") }
      try expect("=")
      switch key {
      case "normal", "reduce":
        guard fields.cells[key] == nil else { throw InputError("\(key) is given twice") }
        fields.cells[key] = try edgeList(key)
      case "normal_concat", "reduce_concat":
        guard fields.concats[key] == nil else { throw InputError("\(key) is given twice") }
        fields.concats[key] = try integers(key)
      default:
        throw InputError("unknown field \(InputError.quoted(key)); a genotype has normal, normal_concat, reduce, reduce_concat")
      }
      let separator = try next()
      if separator == .symbol(")") { break }
      guard separator == .symbol(",") else { throw unexpected(separator, wanted: "',' or ')'") }
    }
    let rest = try next()
    guard rest == .end else { throw unexpected(rest, wanted: "the end of the text") }
    return fields
  }

  /// One cell's edge list and nothing after it (a cell on its own, as `DARTSCellSpace` reads it).
  mutating func cellEdges() throws -> [DARTSCell.Edge] {
    let edges = try edgeList("the cell")
    let rest = try next()
    guard rest == .end else { throw unexpected(rest, wanted: "the end of the text") }
    return edges
  }

  /// `[(op, input), …]` or the same as a tuple.
  private mutating func edgeList(_ field: String) throws -> [DARTSCell.Edge] {
    let close = try opening()
    var edges: [DARTSCell.Edge] = []
    while true {
      var token = try next()
      if token == .symbol(close) { break }
      guard token == .symbol("(") || token == .symbol("[") else { throw unexpected(token, wanted: "an edge ('op', input) in \(field)") }
      let edgeClose: Character = token == .symbol("(") ? ")" : "]"
      token = try next()
      guard case .string(let name) = token else { throw unexpected(token, wanted: "an operation name in \(field)") }
      guard let op = DARTSOp(name: name) else {
        throw InputError("unknown operation \(InputError.quoted(name)) in \(field) (edge \(edges.count)); the operations are "
          + DARTSOp.allCases.map(\.name).joined(separator: ", "))
      }
      try expect(",")
      token = try next()
      guard case .integer(let input) = token else { throw unexpected(token, wanted: "an input node number in \(field)") }
      if try peek() == .symbol(",") { _ = try next() }
      try expect(edgeClose)
      edges.append(DARTSCell.Edge(op: op, input: input))
      token = try next()
      if token == .symbol(close) { break }
      guard token == .symbol(",") else { throw unexpected(token, wanted: "',' or '\(close)' in \(field)") }
    }
    return edges
  }

  /// `[2, 3, 4, 5]`, a tuple, or `range(a, b)`.
  private mutating func integers(_ field: String) throws -> [Int] {
    if case .name("range") = try peek() {
      _ = try next()
      try expect("(")
      guard case .integer(let low) = try next(), try next() == .symbol(","), case .integer(let high) = try next() else {
        throw InputError("\(field) must be range(2, 6) or [2, 3, 4, 5]")
      }
      try expect(")")
      // Checked before anything is materialised: a range can name billions of nodes.
      guard low >= 0, high <= GenotypeParser.nodeCount else {
        throw InputError("\(field) is range(\(low), \(high)); a DARTS cell has nodes 0…\(GenotypeParser.nodeCount - 1) and concatenates [2, 3, 4, 5]")
      }
      return low < high ? Array(low..<high) : []
    }
    let close = try opening()
    var values: [Int] = []
    while true {
      var token = try next()
      if token == .symbol(close) { break }
      guard case .integer(let value) = token else { throw unexpected(token, wanted: "a node number in \(field)") }
      guard values.count < GenotypeParser.nodeCount else {
        throw InputError("\(field) lists more than \(GenotypeParser.nodeCount) nodes; a DARTS cell has nodes 0…\(GenotypeParser.nodeCount - 1) and concatenates [2, 3, 4, 5]")
      }
      values.append(value)
      token = try next()
      if token == .symbol(close) { break }
      guard token == .symbol(",") else { throw unexpected(token, wanted: "',' or '\(close)' in \(field)") }
    }
    return values
  }

  /// Reads `[` or `(` and returns the matching closer.
  private mutating func opening() throws -> Character {
    let token = try next()
    switch token {
    case .symbol("["): return "]"
    case .symbol("("): return ")"
    default: throw unexpected(token, wanted: "'['")
    }
  }

  private mutating func expect(_ symbol: Character) throws {
    let token = try next()
    guard token == .symbol(symbol) else { throw unexpected(token, wanted: "'\(symbol)'") }
  }

  private func unexpected(_ token: Token, wanted: String) -> InputError {
    let found: String
    switch token {
    case .name(let n): found = InputError.quoted(n)
    case .integer(let i): found = "\(i)"
    case .string(let s): found = InputError.quoted(s)
    case .symbol(let c): found = "'\(c)'"
    case .end: found = "the end of the text"
    }
    return InputError("expected \(wanted) at character \(position), found \(found)")
  }

  private mutating func peek() throws -> Token {
    let saved = position
    defer { position = saved }
    return try next()
  }

  private mutating func next() throws -> Token {
    while position < characters.count, characters[position].isWhitespace { position += 1 }
    guard position < characters.count else { return .end }
    let start = position
    let c = characters[position]
    if c.isLetter || c == "_" {
      while position < characters.count, characters[position].isLetter || characters[position].isNumber || characters[position] == "_" {
        position += 1
      }
      return .name(String(characters[start..<position]))
    }
    if c.isASCII && c.isNumber {
      while position < characters.count, characters[position].isASCII && characters[position].isNumber { position += 1 }
      guard let value = Int(String(characters[start..<position])) else { throw InputError("number too large at character \(start)") }
      return .integer(value)
    }
    if c == "'" || c == "\"" {
      position += 1
      while position < characters.count, characters[position] != c { position += 1 }
      guard position < characters.count else { throw InputError("unterminated string at character \(start)") }
      position += 1
      return .string(String(characters[(start + 1)..<(position - 1)]))
    }
    if "()[],=".contains(c) {
      position += 1
      return .symbol(c)
    }
    throw InputError("unexpected character '\(c)' at character \(start)")
  }
}
