import Foundation

/// Who holds a cell that `ask --claim` handed out, and since when: what lets a cell held by a
/// worker that died be handed out again, and only then.
struct CellClaim: Codable, Equatable, Sendable {
  /// The worker's name as it gave it (`ask --worker`); empty when it gave none.
  var worker: String
  /// Seconds since 1970 when the cell was handed out.
  var time: Double
}

/// How a claiming `ask` treats cells other workers hold (`agnet ask --claim --worker …
/// --reclaim-after … --reclaim-worker …`).
public struct ClaimRequest: Equatable, Sendable {
  /// Recorded with each claim, so that later asks can name the worker's cells.
  public var worker: String
  /// A claim older than this many seconds is handed out again (the worker is presumed dead).
  public var reclaimAfter: Double?
  /// Workers known to be dead: their claims are handed out again.
  public var reclaimWorkers: Set<String>

  public init(worker: String = "", reclaimAfter: Double? = nil, reclaimWorkers: Set<String> = []) {
    self.worker = worker
    self.reclaimAfter = reclaimAfter
    self.reclaimWorkers = reclaimWorkers
  }

  /// Whether a cell claimed as `claim` may be handed out again at `now`. A claim made before
  /// claims were recorded (nil) has no age and no worker: only a timeout frees it.
  func frees(_ claim: CellClaim?, now: Double) -> Bool {
    guard let claim else { return reclaimAfter != nil }
    if reclaimWorkers.contains(claim.worker) { return true }
    return reclaimAfter.map { now - claim.time >= $0 } ?? false
  }
}
