import Foundation
import Randomness
import SearchSpaces

/// One evaluated cell, as told to an optimizer: its search metric and, for hardware-aware search,
/// its costs by column name.
public struct Evaluation<Cell: Hashable & Codable & Sendable>: Codable, Sendable, Equatable {
  public var cell: Cell
  public var value: Double
  public var costs: [String: Double]

  public init(cell: Cell, value: Double, costs: [String: Double] = [:]) {
    self.cell = cell
    self.value = value
    self.costs = costs
  }
}

/// The cells a search may propose: the whole space, or the cells a sampled table can score
/// (NAS-Bench-101's 30k sample). Holds no metrics.
public struct SearchDomain<Space: SearchSpace>: Sendable {
  public let space: Space
  /// nil = every cell of the space may be evaluated.
  public let members: [Space.Cell]?
  private let memberSet: Set<Space.Cell>?

  public init(space: Space, members: [Space.Cell]? = nil) {
    self.space = space
    self.members = members
    self.memberSet = members.map(Set.init)
  }

  public func contains(_ cell: Space.Cell) -> Bool { memberSet?.contains(cell) ?? true }

  /// A cell drawn uniformly over the domain.
  public func randomCell(using rng: inout Xoshiro256StarStar) -> Space.Cell {
    if let members { return members[rng.below(members.count)] }
    return space.randomCell(using: &rng)
  }
}

/// The seam between search methods and whatever evaluates cells (a tabular benchmark, or a user's
/// training script through ask/tell). AG-Net and every baseline implement it; the runner, run
/// directories, resume and reports are written once against it.
///
/// Contract: `ask` returns cells of the domain that were never returned before; the caller
/// evaluates them and calls `tell` with all of them (in any order) before asking again (`AskedBatch`
/// refuses anything else: asking twice, or telling a cell left out, twice, or not asked). Given the
/// same seed and the same told values an optimizer proposes the same cells, and a state saved after
/// a `tell`, or right after an `ask` (before its `tell`), restored into a fresh optimizer, continues
/// exactly: the latter lets ask/tell runs keep what an ask computed (AG-Net's retraining) instead
/// of asking again. Tests/OptimizationTests checks both for every optimizer.
public protocol Optimizer<Space>: AnyObject {
  associatedtype Space: SearchSpace

  /// The next batch to evaluate (at most `limit` cells; fewer only when the domain is exhausted).
  func ask(limit: Int) throws -> [Space.Cell]
  func tell(_ evaluations: [Evaluation<Space.Cell>]) throws

  /// Everything needed to continue exactly (parameters, optimizer moments, random state, data).
  func saveState() throws -> Data
  func restoreState(_ data: Data) throws

  /// Numbers about the last round worth logging (e.g. "skipped_not_in_table"), sorted by key.
  var roundStatistics: [String: Double] { get }
}

extension Optimizer {
  public var roundStatistics: [String: Double] { [:] }
}
