/// The state of a trial after `queries` queries: the search metric of the reported cell and its
/// report metric (null when the table has no report metric). The reported cell is the one with the
/// best search metric so far (the first queried among equals) or, in hardware-aware search, the one
/// the cost objective picks (`CostObjective.reportedIndex`), whose cost is then given too.
public struct TrajectoryPoint: Codable, Equatable, Sendable {
  public var queries: Int
  public var bestValid: Double
  @ExplicitNull public var testOfBestValid: Double?
  /// Hardware-aware search only (absent otherwise).
  public var costOfReported: Double?

  public init(queries: Int, bestValid: Double, testOfBestValid: Double?, costOfReported: Double? = nil) {
    self.queries = queries
    self.bestValid = bestValid
    self.testOfBestValid = testOfBestValid
    self.costOfReported = costOfReported
  }

  enum CodingKeys: String, CodingKey {
    case queries
    case bestValid = "best_valid"
    case testOfBestValid = "test_of_best_valid"
    case costOfReported = "cost_of_reported"
  }
}
