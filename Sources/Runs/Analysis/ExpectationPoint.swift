/// What random search achieves on average after `queries` queries, computed exactly from the table
/// (`RandomSearchExpectation`): a reference line for reports.
public struct ExpectationPoint: Codable, Equatable, Sendable {
  public var queries: Int
  public var bestValid: Double
  @ExplicitNull public var testOfBestValid: Double?
  /// P(a trial holds a cell with the table's best search metric).
  public var foundBestValidProbability: Double

  enum CodingKeys: String, CodingKey {
    case queries
    case bestValid = "best_valid"
    case testOfBestValid = "test_of_best_valid"
    case foundBestValidProbability = "found_best_valid_probability"
  }

  /// The expectation at each query count (counts beyond the table's size are capped at it).
  public static func curve(_ expectation: RandomSearchExpectation, at queries: [Int]) -> [ExpectationPoint] {
    queries.map { q in
      let k = min(q, expectation.count)
      return ExpectationPoint(queries: q, bestValid: expectation.expectedBestValid(after: k),
                              testOfBestValid: expectation.expectedTestOfBestValid(after: k),
                              foundBestValidProbability: expectation.probabilityOfFindingBestValid(after: k))
    }
  }
}
