import Foundation
import Randomness

/// The cell text of a space-file cell (docs/spaces.md, fixed with the Python package): compact
/// JSON, keys sorted, no whitespace. Node-ops: `{"edges":[[0,1],…],"ops":["…",…]}`; edge-ops and
/// k-inputs: `{"edges":[[0,1,"op"],…]}`; several cell types: `{"normal":{…},"reduce":{…}}`.
/// Edges are ordered by target, then source. Op and type names are plain (`SpaceFile`), so
/// nothing needs escaping.
extension FileSpace {
  public func format(_ cell: FileCell) -> String {
    guard let types = cellTypes else { return partText(cell.parts[0]) }
    let pairs = zip(types, cell.parts).sorted { $0.0 < $1.0 }
    return "{" + pairs.map { "\"\($0.0)\":" + partText($0.1) }.joined(separator: ",") + "}"
  }

  func partText(_ part: FileCell.Part) -> String {
    var text = "{\"edges\":["
    switch file.family {
    case .nodeOps:
      text += part.edgeList.map { "[\($0.from),\($0.to)]" }.joined(separator: ",")
      text += "],\"ops\":[" + part.ops.map { "\"\(file.ops[Int($0)])\"" }.joined(separator: ",") + "]}"
    case .edgeOps, .kInputs:
      text += zip(part.edgeList, part.ops).map { "[\($0.0.from),\($0.0.to),\"\(file.ops[Int($0.1)])\"]" }.joined(separator: ",")
      text += "]}"
    }
    return text
  }

  /// Reads any JSON with the meaning of a cell text (whitespace, key and edge order free); a
  /// node-ops cell may hold nodes off every input→output path, which are pruned. Throws
  /// `InputError` saying what is wrong.
  public func parseCell(_ text: String) throws -> FileCell {
    func invalid(_ reason: String) -> InputError {
      InputError("invalid \(name) cell \(InputError.quoted(text)): \(reason)")
    }
    let value: CellJSON
    do { value = try JSONDecoder().decode(CellJSON.self, from: Data(text.utf8)) } catch {
      throw invalid("not JSON (a cell is e.g. \(format(exampleCell)))")
    }
    guard case .object(let dictionary) = value else { throw invalid("a cell is a JSON object") }
    guard let types = cellTypes else {
      return FileCell(parts: [try part(dictionary, invalid: invalid)])
    }
    guard Set(dictionary.keys) == Set(types) else { throw invalid("expected the keys \(types.sorted().joined(separator: ", "))") }
    return FileCell(parts: try types.map { type in
      guard case .object(let inner)? = dictionary[type] else { throw invalid("\(type) must be a cell object") }
      return try part(inner, invalid: { invalid("\(type): \($0)") })
    })
  }

  /// A cell to show in messages and docs: the first of the random stream of seed 0.
  var exampleCell: FileCell {
    var rng = Xoshiro256StarStar(seed: 0, stream: "space-example")
    return randomCell(using: &rng)
  }

  func part(_ object: [String: CellJSON], invalid: (String) -> InputError) throws -> FileCell.Part {
    let expectedKeys: Set<String> = file.family == .nodeOps ? ["edges", "ops"] : ["edges"]
    guard Set(object.keys) == expectedKeys else { throw invalid("expected the keys \(expectedKeys.sorted().joined(separator: ", "))") }
    guard case .array(let edgeItems)? = object["edges"] else { throw invalid("edges must be a list") }
    let nodeCount: Int
    var opsOfNodes: [UInt8] = []
    switch file.family {
    case .nodeOps:
      guard case .array(let names)? = object["ops"] else { throw invalid("ops must be a list of op names") }
      for name in names {
        guard case .string(let text) = name, let index = file.ops.firstIndex(of: text) else {
          throw invalid("unknown op \(InputError.quoted(name.shortText)); the ops are: \(file.ops.joined(separator: ", "))")
        }
        opsOfNodes.append(UInt8(index))
      }
      nodeCount = names.count + 2
      guard nodeCount <= SpaceFile.maxDAGNodes else { throw invalid("at most \(SpaceFile.maxDAGNodes) nodes") }
    case .edgeOps: nodeCount = file.nodes
    case .kInputs: nodeCount = file.inputs + file.nodes + 1
    }
    var edgeOps: [Int: UInt8] = [:]
    var bits: UInt64 = 0
    for item in edgeItems {
      guard case .array(let entry) = item, entry.count == (file.family == .nodeOps ? 2 : 3),
            case .integer(let from) = entry[0], case .integer(let to) = entry[1] else {
        throw invalid(file.family == .nodeOps ? "each edge is [from, to]" : "each edge is [from, to, \"op\"]")
      }
      guard from >= 0, from < to, to < nodeCount else { throw invalid("edge [\(from),\(to)] must have 0 ≤ from < to < \(nodeCount)") }
      let slot = CellGraph.edgeIndex(from: from, to: to)
      guard bits >> UInt64(slot) & 1 == 0 else { throw invalid("edge [\(from),\(to)] is listed twice") }
      bits |= 1 << UInt64(slot)
      if entry.count == 3 {
        guard case .string(let name) = entry[2], let index = file.ops.firstIndex(of: name) else {
          throw invalid("unknown op \(InputError.quoted(entry[2].shortText)); the ops are: \(file.ops.joined(separator: ", "))")
        }
        edgeOps[slot] = UInt8(index)
      }
    }
    let ops = file.family == .nodeOps ? opsOfNodes : edgeOps.keys.sorted().map { edgeOps[$0]! }
    switch rules.validated(FileCell.Part(nodeCount: nodeCount, edges: bits, ops: ops)) {
    case .success(let part): return part
    case .failure(let problem): throw invalid(problem.reason)
    }
  }
}

/// A JSON value as cell text holds it: integers kept apart from booleans and fractions.
enum CellJSON: Decodable {
  case integer(Int)
  case string(String)
  case array([CellJSON])
  case object([String: CellJSON])
  case other

  init(from decoder: Decoder) throws {
    let container = try decoder.singleValueContainer()
    if (try? container.decode(Bool.self)) != nil {
      self = .other
    } else if let number = try? container.decode(Int.self) {
      self = .integer(number)
    } else if let text = try? container.decode(String.self) {
      self = .string(text)
    } else if let items = try? container.decode([CellJSON].self) {
      self = .array(items)
    } else if let fields = try? container.decode([String: CellJSON].self) {
      self = .object(fields)
    } else {
      self = .other
    }
  }

  /// The value for a message.
  var shortText: String {
    switch self {
    case .integer(let number): return String(number)
    case .string(let text): return text
    case .array: return "a list"
    case .object: return "an object"
    case .other: return "a value"
    }
  }
}
