import SearchSpaces

/// The cells of the last `ask`, waiting for their values: enforces the ask/tell contract (tell
/// exactly the asked cells before asking again) and hands the told values back in ask order, so an
/// optimizer's next step never depends on the order in which an evaluator finished. Part of an
/// optimizer's saved state, so that a state saved between an ask and its tell keeps the open ask.
public struct AskedBatch<Cell: Hashable & Codable & Sendable>: Codable, Sendable {
  public private(set) var cells: [Cell] = []

  public init() {}

  public var isEmpty: Bool { cells.isEmpty }

  public func checkCanAsk() throws {
    guard cells.isEmpty else {
      throw InputError("ask called again before the \(cells.count) cells of the previous ask were told")
    }
  }

  public mutating func record(_ asked: [Cell]) { cells = asked }

  /// The evaluations in ask order; throws when they are not exactly the asked cells.
  public mutating func resolve(_ evaluations: [Evaluation<Cell>], format: (Cell) -> String) throws -> [Evaluation<Cell>] {
    var byCell: [Cell: Evaluation<Cell>] = [:]
    for evaluation in evaluations {
      guard byCell.updateValue(evaluation, forKey: evaluation.cell) == nil else {
        throw InputError("cell \(format(evaluation.cell)) was told twice")
      }
      guard evaluation.value.isFinite else {
        throw InputError("cell \(format(evaluation.cell)) was told a non-finite value (\(evaluation.value))")
      }
    }
    var ordered: [Evaluation<Cell>] = []
    ordered.reserveCapacity(cells.count)
    for cell in cells {
      guard let evaluation = byCell.removeValue(forKey: cell) else {
        throw InputError("cell \(format(cell)) was asked but not told (tell all cells of an ask at once)")
      }
      ordered.append(evaluation)
    }
    if let stray = evaluations.first(where: { byCell[$0.cell] != nil }) {
      throw InputError("cell \(format(stray.cell)) was told but not asked")
    }
    cells = []
    return ordered
  }
}
