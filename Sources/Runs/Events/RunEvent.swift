import Foundation

/// One line of the JSON Lines events of docs/cli.md ("JSON Lines events"): `event`, `schema` and
/// the event's own keys. Built here for the events of trials and runs (`trial_started`,
/// `progress`, `trial_finished`, `run_finished`, `status`); `agnet ask`'s `cell` lines are
/// written by `ProposedCell` with the same schema number.
public struct RunEvent: Equatable, Sendable {
  /// The schema version every event carries (docs/cli.md, "Versioning").
  public static let schema = 1

  public var name: String
  public var fields: [String: JSONValue]

  public init(_ name: String, _ fields: [String: JSONValue]) {
    self.name = name
    self.fields = fields
  }

  /// The event as one line of JSON (without the line break).
  public var line: String {
    var object = fields
    object["event"] = .string(name)
    object["schema"] = .int(RunEvent.schema)
    return JSONValue.object(object).line
  }

  /// The `best` object of an event: the cell, its value and, when known, its report metric,
  /// trial, 0-based query and cost.
  public static func best<Cell: Codable & Hashable & Sendable>(_ best: BestCell<Cell>, trial: Int?) -> JSONValue {
    var object: [String: JSONValue] = ["cell": JSONValue(encoding: best.cell), "value": .double(best.valid)]
    object["report"] = .number(best.test)
    object["query"] = .int(best.query - 1)
    if let trial { object["trial"] = .int(trial) }
    if let cost = best.cost { object["cost"] = .double(cost) }
    return .object(object)
  }
}
