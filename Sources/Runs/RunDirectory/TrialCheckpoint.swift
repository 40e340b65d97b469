import Foundation
import SearchSpaces

/// The state of an unfinished trial, `trial-<t>.state`: rewritten atomically after every tell and
/// removed when the trial's result is written.
///
/// Format: a first line `agnet-trial-state 2`, a line of JSON (the runner's progress with cells as
/// table rows, the wall-clock seconds spent so far, the size of the optimizer state), then the
/// optimizer's state bytes as `Optimizer.saveState` returned them (they may be binary, e.g.
/// network weights).
public struct TrialCheckpoint: Sendable {
  static var magic: String { "agnet-trial-state 2" }

  public var progress: CompactProgress
  public var elapsedSeconds: Double
  public var optimizerState: Data

  public init(progress: CompactProgress, elapsedSeconds: Double, optimizerState: Data) {
    self.progress = progress
    self.elapsedSeconds = elapsedSeconds
    self.optimizerState = optimizerState
  }

  private struct Header: Decodable {
    var progress: CompactProgress
    var elapsedSeconds: Double
    var optimizerBytes: Int

    enum CodingKeys: String, CodingKey {
      case progress
      case elapsedSeconds = "elapsed_seconds"
      case optimizerBytes = "optimizer_bytes"
    }
  }

  public func encoded() -> Data {
    var w = JSONWriter()
    w.key("elapsed_seconds", first: true)
    w.double(elapsedSeconds)
    w.key("optimizer_bytes")
    w.int(optimizerState.count)
    w.key("progress")
    progress.write(to: &w)
    var data = Data((TrialCheckpoint.magic + "\n{").utf8)
    data.append(contentsOf: w.bytes)
    data.append(contentsOf: "}\n".utf8)
    data.append(optimizerState)
    return data
  }

  public init(decoding data: Data, file: String) throws {
    func corrupt(_ why: String) -> InputError {
      InputError("cannot continue this trial from its saved state (\(why)); delete the file to restart the trial",
                 file: file)
    }
    let (header, state) = try FramedFile.split(data, magic: TrialCheckpoint.magic, kind: "a trial state file",
                                               as: Header.self, corrupt: corrupt)
    guard state.count == header.optimizerBytes else {
      throw corrupt("the optimizer state has \(state.count) bytes, the header says \(header.optimizerBytes)")
    }
    progress = header.progress
    elapsedSeconds = header.elapsedSeconds
    optimizerState = state
  }
}

/// A trial's progress as a checkpoint stores it: cells as rows of the table (the runner holds the
/// table and maps them back), one array per field.
public struct CompactProgress: Codable, Equatable, Sendable {
  public var trial: Int
  public var seed: UInt64
  public var rows: [Int]
  public var values: [Double]
  public var queryRounds: [Int]
  /// Per query, when costs were requested.
  public var costs: [[String: Double]]?
  public var roundCells: [Int]
  public var roundStatistics: [[String: Double]]

  enum CodingKeys: String, CodingKey {
    case trial, seed, rows, values, costs
    case queryRounds = "query_rounds"
    case roundCells = "round_cells"
    case roundStatistics = "round_statistics"
  }

  func write(to w: inout JSONWriter) {
    w.raw("{")
    if let costs {
      w.key("costs", first: true)
      w.array(costs) { $0.numbers($1) }
      w.key("query_rounds")
    } else {
      w.key("query_rounds", first: true)
    }
    w.array(queryRounds) { $0.int($1) }
    w.key("round_cells")
    w.array(roundCells) { $0.int($1) }
    w.key("round_statistics")
    w.array(roundStatistics) { $0.numbers($1) }
    w.key("rows")
    w.array(rows) { $0.int($1) }
    w.key("seed")
    w.int(seed)
    w.key("trial")
    w.int(trial)
    w.key("values")
    w.array(values) { $0.double($1) }
    w.raw("}")
  }
}
