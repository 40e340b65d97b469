import Foundation
import SearchSpaces

/// How a hardware-aware search trades accuracy against one cost column (method document §5).
public enum CostMode: String, Codable, CaseIterable, Sendable {
  /// Eq. 5: maximise accuracy among the cells whose cost is within the bound.
  case constraint
  /// Eq. 4: minimise the sum of the accuracy rank and the cost rank (cells over the bound penalised).
  case joint
}

/// A cost column, an optional bound on it, and the mode. Shared by the runner (which cell a trial
/// reports) and by hardware-aware optimizers (training weights, candidate selection), so that both
/// rank cells the same way.
///
/// Ranks, over a set of cells (the queried cells, or the candidates of a round):
/// - accuracy rank `a` = 1 + the number of cells with a strictly higher accuracy (ties share a rank);
/// - cost rank `k` = 1 + the number of cells with a strictly lower cost;
/// - penalty `p` = `penalty` (1000) when the cost exceeds the bound, else 1 (always 1 without a bound);
/// - score = `a · p` (constraint) or `(a + k) · p` (joint); lower is better.
///
/// Ranks are 1-based so that the penalty also moves the most accurate cell (0 · 1000 would not).
public struct CostObjective: Codable, Equatable, Sendable {
  public static let penalty = 1000.0

  public var column: String
  /// The bound L; required in constraint mode, optional in joint mode.
  public var maxCost: Double?
  public var mode: CostMode

  public init(column: String, maxCost: Double?, mode: CostMode) {
    self.column = column
    self.maxCost = maxCost
    self.mode = mode
  }

  enum CodingKeys: String, CodingKey {
    case column, mode
    case maxCost = "max_cost"
  }

  public func validate() throws {
    guard !column.isEmpty else { throw InputError("the cost column has no name") }
    if let maxCost, !maxCost.isFinite {
      throw InputError("the cost bound must be a finite number (got \(maxCost))")
    }
    if mode == .constraint && maxCost == nil {
      throw InputError("constraint mode needs a cost bound (--max-cost)")
    }
  }

  /// Whether a cost is within the bound (always, without a bound).
  public func isFeasible(_ cost: Double) -> Bool { maxCost.map { cost <= $0 } ?? true }

  /// How the score of a cell over the bound is multiplied.
  public enum OverBoundPenalty: Equatable, Sendable {
    /// By `CostObjective.penalty` (§5).
    case hard
    /// By (cost / bound)^exponent, at least 1 and at most `CostObjective.penalty` (`hard` when the
    /// bound is not positive): a cell just over the bound counts almost as one within it, a cell far
    /// over it as little as with `hard`.
    case graded(exponent: Double)
  }

  func multiplier(_ cost: Double, _ penalty: OverBoundPenalty) -> Double {
    guard !isFeasible(cost) else { return 1 }
    guard case .graded(let exponent) = penalty, let bound = maxCost, bound > 0 else { return CostObjective.penalty }
    return min(CostObjective.penalty, max(1, pow(cost / bound, exponent)))
  }

  /// The score of each cell (lower is better; see the type's documentation).
  public func scores(accuracies: [Double], costs: [Double], penalty: OverBoundPenalty = .hard) -> [Double] {
    precondition(accuracies.count == costs.count, "one cost per accuracy")
    let accuracyRanks = CostObjective.competitionRanks(accuracies, higherIsBetter: true)
    let costRanks = mode == .joint ? CostObjective.competitionRanks(costs, higherIsBetter: false) : []
    return accuracies.indices.map { i in
      let rank = mode == .joint ? accuracyRanks[i] + costRanks[i] : accuracyRanks[i]
      return rank * multiplier(costs[i], penalty)
    }
  }

  /// The ranks §4's weighting formula `1 / (0.01·|D| + rank)` takes: the scores shifted so that the
  /// best cell has rank 0, as the best cell has in single-objective search.
  public func trainingRanks(accuracies: [Double], costs: [Double], penalty: OverBoundPenalty = .hard) -> [Double] {
    let s = scores(accuracies: accuracies, costs: costs, penalty: penalty)
    guard let best = s.min() else { return [] }
    return s.map { $0 - best }
  }

  /// The index of the cell a search reports: a feasible cell before any infeasible one, then the
  /// lowest score, then the first given. (The first criterion is what the penalty means; it only
  /// differs from the score alone for sets of 1000 cells or more.) nil for an empty set.
  public func reportedIndex(accuracies: [Double], costs: [Double]) -> Int? {
    let s = scores(accuracies: accuracies, costs: costs)
    return s.indices.min { a, b in
      let fa = isFeasible(costs[a]), fb = isFeasible(costs[b])
      if fa != fb { return fa }
      if s[a] != s[b] { return s[a] < s[b] }
      return a < b
    }
  }

  /// 1 + the number of strictly better values, for every value (O(n log n)).
  static func competitionRanks(_ values: [Double], higherIsBetter: Bool) -> [Double] {
    let order = values.indices.sorted { higherIsBetter ? values[$0] > values[$1] : values[$0] < values[$1] }
    var ranks = [Double](repeating: 0, count: values.count)
    for (position, index) in order.enumerated() {
      if position > 0, values[order[position - 1]] == values[index] {
        ranks[index] = ranks[order[position - 1]]
      } else {
        ranks[index] = Double(position + 1)
      }
    }
    return ranks
  }
}
