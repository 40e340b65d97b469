/// The rank-based sample weights of AG-Net's weighted retraining (method document §4): the queried
/// cells are ranked by their search metric (rank 0 = best) and weighted `1 / (factor·|D| + rank)`,
/// so the best cells dominate the retraining while the factor keeps the worst ones in play.
public enum RankWeighting {
  /// Rank of each value, 0 for the largest. Ties keep the order of the values (the earlier
  /// value gets the better rank), so the ranking never depends on a sort's tie behaviour.
  public static func ranks(of values: [Double]) -> [Int] {
    let order = values.indices.sorted { a, b in
      values[a] != values[b] ? values[a] > values[b] : a < b
    }
    var ranks = [Int](repeating: 0, count: values.count)
    for (rank, index) in order.enumerated() { ranks[index] = rank }
    return ranks
  }

  /// `1 / (factor·|D| + rank)` for every value, in the order of `values`.
  public static func weights(of values: [Double], factor: Double) -> [Double] {
    let offset = factor * Double(values.count)
    return ranks(of: values).map { 1 / (offset + Double($0)) }
  }
}
