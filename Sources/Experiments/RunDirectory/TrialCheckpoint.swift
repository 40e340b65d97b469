import Foundation
import SearchSpaces

/// The state of an unfinished trial, `trial-<t>.state`: rewritten atomically after every tell and
/// removed when the trial's result is written.
///
/// Format: a first line `agnet-trial-state 1`, a line of JSON (the runner's progress, the
/// wall-clock seconds spent so far, the size of the optimizer state), then the optimizer's state
/// bytes as `Optimizer.saveState` returned them (they may be binary, e.g. network weights).
public struct TrialCheckpoint<Cell: Codable & Hashable & Sendable>: Sendable {
  static var magic: String { "agnet-trial-state 1" }

  public var progress: TrialProgress<Cell>
  public var elapsedSeconds: Double
  public var optimizerState: Data

  public init(progress: TrialProgress<Cell>, elapsedSeconds: Double, optimizerState: Data) {
    self.progress = progress
    self.elapsedSeconds = elapsedSeconds
    self.optimizerState = optimizerState
  }

  private struct Header: Codable {
    var progress: TrialProgress<Cell>
    var elapsedSeconds: Double
    var optimizerBytes: Int

    enum CodingKeys: String, CodingKey {
      case progress
      case elapsedSeconds = "elapsed_seconds"
      case optimizerBytes = "optimizer_bytes"
    }
  }

  public func encoded() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes] // one line: JSON escapes newlines in strings
    var data = Data((TrialCheckpoint.magic + "\n").utf8)
    data.append(try encoder.encode(Header(progress: progress, elapsedSeconds: elapsedSeconds,
                                          optimizerBytes: optimizerState.count)))
    data.append(0x0A)
    data.append(optimizerState)
    return data
  }

  public init(decoding data: Data, file: String) throws {
    func corrupt(_ why: String) -> InputError {
      InputError("cannot continue this trial from its saved state (\(why)); delete the file to restart the trial",
                 file: file)
    }
    guard let firstEnd = data.firstIndex(of: 0x0A),
          String(decoding: data[data.startIndex..<firstEnd], as: UTF8.self) == TrialCheckpoint.magic else {
      throw corrupt("not a trial state file")
    }
    let headerStart = data.index(after: firstEnd)
    guard let headerEnd = data[headerStart...].firstIndex(of: 0x0A) else { throw corrupt("truncated") }
    let header: Header
    do {
      header = try JSONDecoder().decode(Header.self, from: data[headerStart..<headerEnd])
    } catch {
      throw corrupt(JSONFiles.describeDecodingError(error))
    }
    let state = data[data.index(after: headerEnd)...]
    guard state.count == header.optimizerBytes else {
      throw corrupt("the optimizer state has \(state.count) bytes, the header says \(header.optimizerBytes)")
    }
    progress = header.progress
    elapsedSeconds = header.elapsedSeconds
    optimizerState = Data(state)
  }
}
