import SearchSpaces

/// The cells an optimizer has been told about, in the order it learned them, with their values.
///
/// Kept as an ordered list (what the state file stores: a `Set` has no stable order) plus an index
/// for lookups.
public struct EvaluationHistory<Cell: Hashable & Codable & Sendable>: Codable, Sendable {
  private struct Entry: Sendable {
    var cell: Cell
    var value: Double
  }

  private var entries: [Entry] = []
  private var valueOfCell: [Cell: Double] = [:]

  public init() {}

  public var count: Int { entries.count }
  public var cells: [Cell] { entries.map(\.cell) }
  public func contains(_ cell: Cell) -> Bool { valueOfCell[cell] != nil }
  public func value(of cell: Cell) -> Double? { valueOfCell[cell] }

  /// The told cells, best value first; equal values in the order they were told.
  public var cellsBestFirst: [Cell] {
    entries.indices.sorted { a, b in
      entries[a].value != entries[b].value ? entries[a].value > entries[b].value : a < b
    }.map { entries[$0].cell }
  }

  /// The cells told so far, as a set (for excluding them from draws).
  public var cellSet: Set<Cell> { Set(valueOfCell.keys) }

  public mutating func append(_ cell: Cell, value: Double) {
    precondition(valueOfCell[cell] == nil, "a cell is evaluated once")
    entries.append(Entry(cell: cell, value: value))
    valueOfCell[cell] = value
  }

  // Two parallel arrays: far cheaper for JSONEncoder than one keyed object per entry, and the
  // state is written after every round.
  private enum CodingKeys: String, CodingKey {
    case cells, values
  }

  public init(from decoder: Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let cells = try container.decode([Cell].self, forKey: .cells)
    let values = try container.decode([Double].self, forKey: .values)
    guard cells.count == values.count else {
      throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                              debugDescription: "\(cells.count) cells but \(values.count) values"))
    }
    for (cell, value) in zip(cells, values) {
      guard valueOfCell.updateValue(value, forKey: cell) == nil else {
        throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                debugDescription: "a cell appears twice in the evaluation history"))
      }
      entries.append(Entry(cell: cell, value: value))
    }
  }

  public func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(entries.map(\.cell), forKey: .cells)
    try container.encode(entries.map(\.value), forKey: .values)
  }
}
