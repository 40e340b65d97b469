import Foundation
import Runs
import SearchSpaces

/// The state of one unfinished trial of an ask/tell run, `trial-<t>.asktell`: rewritten atomically
/// by every ask that starts a batch and every tell, removed when the trial's result is written.
///
/// The optimizer's state is the one saved after the last complete batch (the protocol only
/// promises that a state saved between a tell and the next ask continues exactly). The pending
/// batch is the optimizer's answer to the next ask, with the results told so far (the journal);
/// when the last one is told, the optimizer is restored, asked again (it repeats the same cells,
/// which is checked) and told the whole batch.
///
/// Format: a first line `agnet-ask-tell-state 1`, a line of JSON (`Header`), then the optimizer's
/// state bytes (possibly binary).
struct AskTellState<Cell: Codable & Hashable & Sendable>: Equatable {
  static var magic: String { "agnet-ask-tell-state 1" }

  var progress: TrialProgress<Cell>
  /// Per query: the report metric told with it.
  var reports: [Double?]
  /// Indices of the queries whose evaluation failed.
  var failed: [Int]
  var pending: PendingBatch<Cell>?
  /// Seconds since 1970 of the first ask (for `timing.json`).
  var started: Double
  /// Empty before the first complete batch (a fresh optimizer from the trial's seed).
  var optimizerState: Data

  init(trial: Int, seed: UInt64, started: Double) {
    progress = TrialProgress(trial: trial, seed: seed)
    reports = []
    failed = []
    pending = nil
    self.started = started
    optimizerState = Data()
  }

  private struct Header: Codable {
    var progress: TrialProgress<Cell>
    var reports: [Double?]
    var failed: [Int]
    var pending: PendingBatch<Cell>?
    var started: Double
    var optimizerBytes: Int

    enum CodingKeys: String, CodingKey {
      case progress, reports, failed, pending, started
      case optimizerBytes = "optimizer_bytes"
    }
  }

  func encoded() throws -> Data {
    let header = Header(progress: progress, reports: reports, failed: failed, pending: pending, started: started,
                        optimizerBytes: optimizerState.count)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return FramedFile.join(magic: AskTellState.magic, header: try encoder.encode(header), payload: optimizerState)
  }

  init(decoding data: Data, file: String) throws {
    func corrupt(_ why: String) -> InputError {
      InputError("cannot continue this trial from its saved state (\(why)); delete the file to restart the trial",
                 file: file)
    }
    let (header, state) = try FramedFile.split(data, magic: AskTellState.magic, kind: "an ask/tell state file",
                                               as: Header.self, corrupt: corrupt)
    guard state.count == header.optimizerBytes, header.reports.count == header.progress.queries.count else {
      throw corrupt("its parts do not fit together")
    }
    progress = header.progress
    reports = header.reports
    failed = header.failed
    pending = header.pending
    started = header.started
    optimizerState = state
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

  init(round: Int, cells: [Cell]) {
    self.round = round
    self.cells = cells
    told = Array(repeating: nil, count: cells.count)
    claimed = Array(repeating: false, count: cells.count)
  }

  var isComplete: Bool { told.allSatisfy { $0 != nil } }
}
