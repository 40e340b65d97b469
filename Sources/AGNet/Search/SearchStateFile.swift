import Foundation
import NeuralCore
import SearchSpaces

/// The saved state of an AG-Net optimizer (single-objective or hardware-aware): a first line naming
/// the format, one line of JSON (told cells, pending ask, random streams, counters), then the model
/// checkpoint (parameters and Adam moments) as bytes.
enum SearchStateFile {
  static func encode<State: Encodable>(_ state: State, model: Checkpoint, magic: String) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    var data = Data((magic + "\n").utf8)
    data.append(try encoder.encode(state))
    data.append(0x0A)
    data.append(model.encoded())
    return data
  }

  /// Reads the JSON state and hands the checkpoint to `restoreModel` (with a source name for its
  /// messages); every problem is an `InputError` saying that the `what` state cannot be restored.
  static func decode<State: Decodable>(_: State.Type, from data: Data, magic: String, what: String,
                                       restoreModel: (Checkpoint, String) throws -> Void) throws -> State {
    func corrupt(_ why: String) -> InputError { InputError("cannot restore the \(what) state: \(why)") }
    guard let firstEnd = data.firstIndex(of: 0x0A),
          String(decoding: data[data.startIndex..<firstEnd], as: UTF8.self) == magic else {
      throw corrupt("not a saved \(what) search state")
    }
    let jsonStart = data.index(after: firstEnd)
    guard let jsonEnd = data[jsonStart...].firstIndex(of: 0x0A) else { throw corrupt("truncated") }
    let restored: State
    do {
      restored = try JSONDecoder().decode(State.self, from: data[jsonStart..<jsonEnd])
    } catch {
      throw corrupt("\(error)")
    }
    do {
      let source = "\(what) search state"
      try restoreModel(try Checkpoint(encoded: data[data.index(after: jsonEnd)...], file: source), source)
    } catch let error as CheckpointError {
      throw corrupt("\(error)")
    }
    return restored
  }
}
