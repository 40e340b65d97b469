/// The state of a trial after `queries` queries: the best search metric so far, and the report
/// metric of the cell that has it (the first queried among equals), or null when the table has no
/// report metric.
public struct TrajectoryPoint: Codable, Equatable, Sendable {
  public var queries: Int
  public var bestValid: Double
  @ExplicitNull public var testOfBestValid: Double?

  public init(queries: Int, bestValid: Double, testOfBestValid: Double?) {
    self.queries = queries
    self.bestValid = bestValid
    self.testOfBestValid = testOfBestValid
  }

  enum CodingKeys: String, CodingKey {
    case queries
    case bestValid = "best_valid"
    case testOfBestValid = "test_of_best_valid"
  }
}
