import Foundation
import SearchSpaces

/// A cell handed out by `ask`: its id (`t<trial>-q<query>`, the query's 0-based index in the
/// trial), the trial, and the cell in the form users consume: NAS-Bench-201's arch string, or
/// NAS-Bench-101's table columns as an object (`hash`, `vertices`, `adjacency_bits`, `ops`).
public struct ProposedCell: Equatable, Sendable {
  public var id: String
  public var trial: Int
  public var query: Int
  public var space: String
  public var cell: CellForm

  public enum CellForm: Equatable, Sendable {
    case text(String)
    /// Column name and value, in the space's column order; values are numbers or strings.
    case fields([(name: String, value: FieldValue)])

    public static func == (a: CellForm, b: CellForm) -> Bool {
      switch (a, b) {
      case let (.text(x), .text(y)): return x == y
      case let (.fields(x), .fields(y)): return x.map(\.name) == y.map(\.name) && x.map(\.value) == y.map(\.value)
      default: return false
      }
    }
  }

  public enum FieldValue: Equatable, Sendable {
    case integer(Int)
    case string(String)
  }

  /// NAS-Bench-101 columns that are integers; every other column is text (`ops` is digits, but a
  /// label string: "02001" must keep its leading zero).
  static let integerColumns: Set<String> = ["vertices", "adjacency_bits"]

  init<Space: SearchSpace>(trial: Int, query: Int, cell: Space.Cell, space: Space) {
    id = ProposedCell.id(trial: trial, query: query)
    self.trial = trial
    self.query = query
    self.space = space.name
    if space.cellColumns.count == 1 {
      self.cell = .text(space.format(cell))
    } else {
      self.cell = .fields(zip(space.cellColumns, space.cellColumnValues(cell)).map { name, text in
        (name, ProposedCell.integerColumns.contains(name) ? Int(text).map(FieldValue.integer) ?? .string(text) : .string(text))
      })
    }
  }

  static func id(trial: Int, query: Int) -> String { "t\(trial)-q\(query)" }

  /// The (trial, query) of an id, or nil when it is not of the form `t<trial>-q<query>`.
  static func parse(id: String) -> (trial: Int, query: Int)? {
    let parts = id.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 2, parts[0].first == "t", parts[1].first == "q",
          let trial = Int(parts[0].dropFirst()), let query = Int(parts[1].dropFirst()),
          trial >= 0, query >= 0, String(trial) == parts[0].dropFirst(), String(query) == parts[1].dropFirst() else {
      return nil
    }
    return (trial, query)
  }

  /// The cell as it appears in the JSON line: a JSON string or object.
  public var cellJSON: String {
    switch cell {
    case .text(let text): return ProposedCell.quote(text)
    case .fields(let fields):
      return "{" + fields.sorted { $0.name < $1.name }.map { name, value in
        switch value {
        case .integer(let n): return "\(ProposedCell.quote(name)): \(n)"
        case .string(let s): return "\(ProposedCell.quote(name)): \(ProposedCell.quote(s))"
        }
      }.joined(separator: ", ") + "}"
    }
  }

  /// The cell as `{cell}` is replaced in an evaluation command: the arch string, or the JSON
  /// object of the columns.
  public var cellArgument: String {
    if case .text(let text) = cell { return text }
    return cellJSON
  }

  /// One line of `agnet ask`'s output, keys sorted: the `cell` event of docs/cli.md's JSON Lines
  /// schema, so that one parser reads it and every later `--json` output; `event`, `query` and
  /// `schema` were added to the original four keys, which keep their meaning for older scripts.
  public var jsonLine: String {
    "{\"cell\": \(cellJSON), \"event\": \"cell\", \"id\": \(ProposedCell.quote(id)), \"query\": \(query), "
      + "\"schema\": \(ProposedCell.eventSchema), \"space\": \(ProposedCell.quote(space)), \"trial\": \(trial)}"
  }

  /// The version of the JSON Lines event schema (docs/cli.md) that every event line carries as
  /// `schema`: added keys and events keep it, a removed or renamed key or a changed meaning raises it.
  public static let eventSchema = 1

  static func quote(_ text: String) -> String {
    let data = try! JSONEncoder.fragments.encode(text)
    return String(decoding: data, as: UTF8.self)
  }
}

extension JSONEncoder {
  fileprivate static let fragments: JSONEncoder = {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return encoder
  }()
}
