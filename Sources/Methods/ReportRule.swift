/// Which queried cell a trial reports as its result when no cost objective decides (a
/// hardware-aware objective always picks its own).
public enum ReportRule: Sendable {
  /// The best search metric, the first queried among equals.
  case bestValue
  /// The method's own final choice from the told values and costs (a query index; nil: none).
  /// `agnet-tenas` picks the smallest summed rank of its two proxies, as the published search does.
  case methodChoice(@Sendable (_ values: [Double], _ costs: [[String: Double]?]) -> Int?)

  /// The index of the reported query among `values` and `costs` (same length).
  public func reportedIndex(values: [Double], costs: [[String: Double]?]) -> Int? {
    switch self {
    case .bestValue:
      var best: Int?
      for i in values.indices where best == nil || values[i] > values[best!] { best = i }
      return best
    case .methodChoice(let choose):
      return values.isEmpty ? nil : choose(values, costs)
    }
  }
}
