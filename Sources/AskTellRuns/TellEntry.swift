import Foundation
import Runs
import SearchSpaces

/// One evaluation result as a user tells it: the search metric (nil when the evaluation failed),
/// optionally the report metric and costs by column name.
public struct TellEntry: Codable, Equatable, Sendable {
  /// nil: the evaluation failed.
  public var value: Double?
  public var report: Double?
  public var costs: [String: Double]?
  /// Why the evaluation failed, when the user said (failed results only); kept in the trial file.
  public var reason: String?
  /// The cell as `agnet ask` printed it, when the user echoes it back: checked against the asked
  /// cell, never stored.
  public var cell: String? = nil

  public init(value: Double?, report: Double? = nil, costs: [String: Double]? = nil, reason: String? = nil,
              cell: String? = nil) {
    self.value = value
    self.report = report
    self.costs = costs
    self.reason = reason
    self.cell = cell
  }

  private enum CodingKeys: String, CodingKey {
    case value, report, costs, reason
  }

  /// The longest failure reason kept (a traceback's last lines fit; a whole log does not belong
  /// in a trial file).
  public static let reasonLimit = 2000

  public static let failed = TellEntry(value: nil)

  /// A JSON object as `agnet tell` reads it, one per line:
  /// `{"id": "t0-q5", "value": 91.3, "report": 90.8, "costs": {"latency": 3.1}}`, or
  /// `{"id": "t0-q5", "failed": true, "reason": "CUDA out of memory"}`; `"cell"` may repeat the cell text `agnet ask` printed (it
  /// is checked). Keys other than these are errors (typos must not pass).
  /// Returns the id (nil when absent) and the entry; throws `InputError` without a location.
  public static func parse(jsonLine line: Substring) throws -> (id: String?, entry: TellEntry) {
    let body: LineBody
    do {
      body = try JSONDecoder().decode(LineBody.self, from: Data(line.utf8))
    } catch let error as InputError {
      throw error
    } catch {
      throw InputError("not a JSON object with id and value: \(JSONFiles.describeDecodingError(error))")
    }
    if let key = repeatedKey(inObject: Array(line.utf8)) {
      throw InputError("the key \(InputError.quoted(key)) is given twice; each key once")
    }
    if body.failed {
      guard body.value == nil else { throw InputError("a failed result has no value") }
      if let reason = body.reason, reason.count > reasonLimit {
        throw InputError("the reason has \(reason.count) characters; at most \(reasonLimit) are kept")
      }
    } else {
      guard body.reason == nil else { throw InputError("only a failed result (\"failed\": true) has a reason") }
      guard let value = body.value else { throw InputError("missing \"value\" (or \"failed\": true)") }
      guard MeasuredValue.isAccepted(value) else { throw InputError("the value \(value) is out of range (\(MeasuredValue.rangeText))") }
    }
    if let report = body.report, !MeasuredValue.isAccepted(report) {
      throw InputError("the report value \(report) is out of range (\(MeasuredValue.rangeText))")
    }
    for name in (body.costs ?? [:]).keys.sorted() where !MeasuredValue.isAcceptedCost(body.costs![name]!) {
      throw InputError("the cost \(InputError.quoted(name)) = \(body.costs![name]!) is out of range (\(MeasuredValue.costRangeText))")
    }
    return (body.id, TellEntry(value: body.failed ? nil : body.value, report: body.report, costs: body.costs, reason: body.reason,
                               cell: body.cell))
  }

  /// What an evaluation command prints last: a number, or a JSON object as `agnet tell` reads
  /// (its id, when given, must be `expectedID`).
  public static func parse(commandOutput line: Substring, expectedID: String) throws -> TellEntry {
    let text = line.trimmingCharacters(in: .whitespaces)
    if text.hasPrefix("{") {
      let (id, entry) = try parse(jsonLine: Substring(text))
      if let id, id != expectedID { throw InputError("the output is for id \(id), not \(expectedID)") }
      return entry
    }
    guard let value = Double(text), value.isFinite else {
      throw InputError("the last line of output is not a number or a JSON object: \(InputError.quoted(text))")
    }
    guard MeasuredValue.isAccepted(value) else { throw InputError("the value \(value) is out of range (\(MeasuredValue.rangeText))") }
    return TellEntry(value: value)
  }

  /// The first top-level key that appears twice in `bytes`, a JSON object already decoded
  /// (JSONDecoder keeps one of the values silently, so a repeated "id" would tell another cell).
  static func repeatedKey(inObject bytes: [UInt8]) -> String? {
    var seen: Set<String> = []
    var depth = 0
    var position = 0
    while position < bytes.count {
      let byte = bytes[position]
      if byte == UInt8(ascii: "\"") {
        let start = position
        position += 1
        while position < bytes.count, bytes[position] != UInt8(ascii: "\"") {
          position += bytes[position] == UInt8(ascii: "\\") ? 2 : 1
        }
        position += 1
        var after = position
        while after < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[after]) { after += 1 }
        if depth == 1, after < bytes.count, bytes[after] == UInt8(ascii: ":") {
          let token = Data(bytes[start..<min(position, bytes.count)])
          let key = (try? JSONDecoder().decode(String.self, from: token)) ?? String(decoding: token, as: UTF8.self)
          if !seen.insert(key).inserted { return key }
        }
        continue
      }
      if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") { depth += 1 }
      if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") { depth -= 1 }
      position += 1
    }
    return nil
  }

  private struct LineBody: Decodable {
    var id: String?
    var value: Double?
    var failed: Bool
    var report: Double?
    var costs: [String: Double]?
    var reason: String?
    var cell: String?

    struct Key: CodingKey {
      var stringValue: String
      var intValue: Int? { nil }
      init(stringValue: String) { self.stringValue = stringValue }
      init?(intValue: Int) { nil }
    }

    init(from decoder: Decoder) throws {
      let container = try decoder.container(keyedBy: Key.self)
      let known = ["id", "value", "failed", "reason", "report", "costs", "cell"]
      if let unknown = container.allKeys.map(\.stringValue).sorted().first(where: { !known.contains($0) }) {
        throw InputError("unknown key \(InputError.quoted(unknown)) (the keys are: \(known.joined(separator: ", ")))")
      }
      id = try container.decodeIfPresent(String.self, forKey: Key(stringValue: "id"))
      value = try container.decodeIfPresent(Double.self, forKey: Key(stringValue: "value"))
      failed = try container.decodeIfPresent(Bool.self, forKey: Key(stringValue: "failed")) ?? false
      report = try container.decodeIfPresent(Double.self, forKey: Key(stringValue: "report"))
      costs = try container.decodeIfPresent([String: Double].self, forKey: Key(stringValue: "costs"))
      reason = try container.decodeIfPresent(String.self, forKey: Key(stringValue: "reason"))
      cell = try container.decodeIfPresent(String.self, forKey: Key(stringValue: "cell"))
    }
  }
}
