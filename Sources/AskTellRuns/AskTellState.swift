import Foundation
import Runs
import SearchSpaces

/// The state of one unfinished trial of an ask/tell run, `trial-<t>.asktell`: rewritten atomically
/// by every ask that starts a batch and every tell, removed when the trial's result is written.
///
/// The pending batch is the optimizer's answer to the last ask, with the results told so far (the
/// journal). The optimizer's state is saved right after that ask (the protocol promises that such
/// a state continues exactly), so when the last result is told the optimizer is restored and told
/// the whole batch: the work of the ask (AG-Net's retraining) is done once. Without a pending
/// batch, the state is the one saved after the last complete batch.
///
/// Format: a first line `agnet-ask-tell-state 2`, a line of JSON (`Header`), then the optimizer's
/// state bytes (possibly binary). Format 1 (before 2026-12) saved the state only after complete
/// batches: such a file's pending batch is asked again from that state when it completes
/// (`optimizerHasAsked` false), which repeats it exactly.
struct AskTellState<Cell: Codable & Hashable & Sendable>: Equatable {
  static var magic: String { "agnet-ask-tell-state 2" }
  static var formatOneMagic: String { "agnet-ask-tell-state 1" }

  var progress: TrialProgress<Cell>
  /// Per query: the report metric told with it.
  var reports: [Double?]
  /// Indices of the queries whose evaluation failed.
  var failed: [Int]
  var pending: PendingBatch<Cell>?
  /// Seconds since 1970 of the first ask (for `timing.json`).
  var started: Double
  /// Empty before the first ask (a fresh optimizer from the trial's seed).
  var optimizerState: Data
  /// Whether `optimizerState` was saved after the ask of `pending`, or (format-1 files) before it.
  var optimizerHasAsked: Bool

  init(trial: Int, seed: UInt64, started: Double) {
    progress = TrialProgress(trial: trial, seed: seed)
    reports = []
    failed = []
    pending = nil
    self.started = started
    optimizerState = Data()
    optimizerHasAsked = false
  }

  private struct Header: Codable {
    var progress: TrialProgress<Cell>
    var reports: [Double?]
    var failed: [Int]
    var pending: PendingBatch<Cell>?
    var started: Double
    var optimizerBytes: Int
    /// nil in format 1 (false).
    var optimizerHasAsked: Bool?

    enum CodingKeys: String, CodingKey {
      case progress, reports, failed, pending, started
      case optimizerBytes = "optimizer_bytes"
      case optimizerHasAsked = "optimizer_has_asked"
    }
  }

  func encoded() throws -> Data {
    let header = Header(progress: progress, reports: reports, failed: failed, pending: pending, started: started,
                        optimizerBytes: optimizerState.count, optimizerHasAsked: optimizerHasAsked)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return FramedFile.join(magic: AskTellState.magic, header: try encoder.encode(header), payload: optimizerState)
  }

  init(decoding data: Data, file: String) throws {
    func corrupt(_ why: String) -> InputError {
      InputError("cannot continue this trial from its saved state (\(why)); delete the file to restart the trial",
                 file: file)
    }
    let formatOne = data.starts(with: Data((AskTellState.formatOneMagic + "\n").utf8))
    let (header, state) = try FramedFile.split(data, magic: formatOne ? AskTellState.formatOneMagic : AskTellState.magic,
                                               kind: "an ask/tell state file", as: Header.self, corrupt: corrupt)
    guard state.count == header.optimizerBytes, header.reports.count == header.progress.queries.count,
          (header.optimizerHasAsked == nil) == formatOne, !(header.optimizerHasAsked == true && header.pending == nil) else {
      throw corrupt("its parts do not fit together")
    }
    progress = header.progress
    reports = header.reports
    failed = header.failed
    pending = header.pending
    started = header.started
    optimizerState = state
    optimizerHasAsked = header.optimizerHasAsked ?? false
  }
}

/// The cells of an ask the method answered, waiting for their results.
struct PendingBatch<Cell: Codable & Hashable & Sendable>: Codable, Equatable {
  /// The round (0-based ask index) of the batch.
  var round: Int
  var cells: [Cell]
  /// Per cell, its result once told.
  var told: [TellEntry?]
  /// Per cell, whether `ask --claim` has handed it out.
  var claimed: [Bool]
  /// Per cell, who holds its claim (nil before the first claim of the batch, and in files of
  /// builds that did not record claims).
  var holders: [CellClaim?]?

  init(round: Int, cells: [Cell]) {
    self.round = round
    self.cells = cells
    told = Array(repeating: nil, count: cells.count)
    claimed = Array(repeating: false, count: cells.count)
  }

  var isComplete: Bool { told.allSatisfy { $0 != nil } }
}
