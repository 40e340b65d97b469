/// The range of a measured value: a table entry, a told result, report or cost. Anything beyond
/// ±10¹² is refused where it enters (naming the file and line), because sums of squares over a
/// trial, the single-precision predictor and the summaries must stay finite: with 10³⁰⁸ they
/// overflowed to infinity and left runs that could never write their summary. 10¹² still holds
/// raw FLOP and parameter counts of any cell these spaces describe.
public enum MeasuredValue {
  public static let maxMagnitude = 1e12

  public static func isAccepted(_ value: Double) -> Bool { value.isFinite && abs(value) <= maxMagnitude }

  /// The accepted range in words, for messages.
  public static let rangeText = "values must lie within ±1e12"

  /// A cost (latency, energy, size) is never negative: a negative one would look better than any
  /// measured cell, so it is refused rather than read as a cost.
  public static func isAcceptedCost(_ value: Double) -> Bool { isAccepted(value) && value >= 0 }

  /// The accepted range of a cost in words, for messages.
  public static let costRangeText = "costs must lie within 0…1e12"
}
