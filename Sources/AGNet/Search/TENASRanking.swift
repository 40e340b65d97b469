/// How AG-Net's TE-NAS search (`search/Search_TENAS.py`) ranks cells by its two training-free
/// proxies: the number of linear regions (higher is better) and the NTK condition number (lower is
/// better). Each proxy ranks the cells from 0 for the best; a missing or non-finite proxy ranks as
/// the worst. Ties keep the order of the cells (the earlier cell gets the better rank).
public enum TENASRanking {
  /// Rank under each proxy, 0 for the best.
  public static func ranks(regions: [Double], ntk: [Double]) -> (regions: [Int], ntk: [Int]) {
    precondition(regions.count == ntk.count, "one value of each proxy per cell")
    let r = regions.map { $0.isFinite ? $0 : -.infinity }
    let k = ntk.map { $0.isFinite ? -$0 : -.infinity }
    return (RankWeighting.ranks(of: r), RankWeighting.ranks(of: k))
  }

  /// The rank under linear regions plus the rank under the NTK condition number, per cell.
  public static func rankSums(regions: [Double], ntk: [Double]) -> [Int] {
    let (r, k) = ranks(regions: regions, ntk: ntk)
    return zip(r, k).map { $0 + $1 }
  }

  /// The retraining weights `1/(factor·N + rank_regions) + 1/(factor·N + rank_ntk)`.
  public static func weights(regions: [Double], ntk: [Double], factor: Double) -> [Double] {
    let offset = factor * Double(regions.count)
    let (r, k) = ranks(regions: regions, ntk: ntk)
    return zip(r, k).map { 1 / (offset + Double($0)) + 1 / (offset + Double($1)) }
  }

  /// Indices of the `count` cells with the smallest rank sum, best first (ties: the earlier cell).
  public static func best(_ count: Int, regions: [Double], ntk: [Double]) -> [Int] {
    let sums = rankSums(regions: regions, ntk: ntk)
    let order = sums.indices.sorted { a, b in sums[a] != sums[b] ? sums[a] < sums[b] : a < b }
    return Array(order.prefix(count))
  }

  /// The proxies of one told evaluation, by the names `examples/darts_tenas.py` prints.
  public static let regionsName = "linear_regions"
  public static let ntkName = "ntk_condition"
}
