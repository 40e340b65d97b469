import SearchSpaces

/// The cells an optimizer has been told about, in the order it learned them, with their values.
///
/// Kept as an ordered list (what the state file stores: a `Set` has no stable order) plus an index
/// for lookups.
public struct EvaluationHistory<Cell: Hashable & Codable & Sendable>: Codable, Sendable {
  private struct Entry: Codable, Sendable {
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

  /// The cells told so far, as a set (for excluding them from draws).
  public var cellSet: Set<Cell> { Set(valueOfCell.keys) }

  public mutating func append(_ cell: Cell, value: Double) {
    precondition(valueOfCell[cell] == nil, "a cell is evaluated once")
    entries.append(Entry(cell: cell, value: value))
    valueOfCell[cell] = value
  }

  public init(from decoder: Decoder) throws {
    entries = try [Entry](from: decoder)
    for entry in entries {
      guard valueOfCell.updateValue(entry.value, forKey: entry.cell) == nil else {
        throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                debugDescription: "a cell appears twice in the evaluation history"))
      }
    }
  }

  public func encode(to encoder: Encoder) throws { try entries.encode(to: encoder) }
}
