import Foundation
import Monitoring
import Runs

/// The JSON the page reads: the list of runs, and one run with its curves, best cells, Pareto
/// fronts and pending asks.
enum DashboardJSON {
  /// One line of the run list: the status event's keys without the long arrays.
  static func summary(name: String, _ status: RunStatus) -> JSONValue {
    var fields = status.event.fields
    for key in ["pending_asks", "methods", "event", "schema"] { fields[key] = nil }
    fields["name"] = .string(name)
    return .object(fields)
  }

  /// A run in full: its status, and per method (one for a search) the best-so-far curve of each
  /// trial with the median and quartiles over the trials at each query.
  static func detail(name: String, _ status: RunStatus) -> JSONValue {
    var fields = status.event.fields
    fields["name"] = .string(name)
    let parts = status.methods.isEmpty ? [status] : status.methods
    fields["series"] = .array(parts.map(series))
    fields["best_cells"] = .array(bestCells(parts, count: 10))
    fields["pareto"] = .array(parts.flatMap(\.paretoFronts).prefix(1).map { $0 })
    return .object(fields)
  }

  static func series(_ status: RunStatus) -> JSONValue {
    let curves = status.trials.map { trial -> [Double] in
      var best = -Double.infinity
      return trial.values.map { value in
        best = max(best, value)
        return best
      }
    }
    var median: [JSONValue] = [], q1: [JSONValue] = [], q3: [JSONValue] = []
    for query in 0..<(curves.map(\.count).max() ?? 0) {
      let values = curves.compactMap { query < $0.count ? $0[query] : nil }.sorted()
      median.append(.double(SampleStatistics.quantile(values, 0.5)))
      q1.append(.double(SampleStatistics.quantile(values, 0.25)))
      q3.append(.double(SampleStatistics.quantile(values, 0.75)))
    }
    var fields: [String: JSONValue] = ["method": .string(status.method ?? "")]
    fields["trials"] = .array(zip(status.trials, curves).map { trial, curve in
      .object(["trial": .int(trial.trial), "finished": .bool(trial.finished), "best_so_far": .array(curve.map(JSONValue.double))])
    })
    fields["median"] = .array(median)
    fields["q1"] = .array(q1)
    fields["q3"] = .array(q3)
    return .object(fields)
  }

  /// The highest values over every trial, each cell once, with where it was found.
  static func bestCells(_ parts: [RunStatus], count: Int) -> [JSONValue] {
    var found: [(value: Double, cell: JSONValue, method: String, trial: Int, query: Int)] = []
    for part in parts {
      for trial in part.trials {
        for (query, cell) in trial.cells.enumerated() where query < trial.values.count && cell != .null {
          found.append((trial.values[query], cell, part.method ?? "", trial.trial, query))
        }
      }
    }
    found.sort { $0.value > $1.value }
    var seen = Set<String>()
    var cells: [JSONValue] = []
    for entry in found where cells.count < count && seen.insert(entry.cell.line).inserted {
      var object: [String: JSONValue] = ["value": .double(entry.value), "cell": entry.cell]
      object["method"] = .string(entry.method)
      object["trial"] = .int(entry.trial)
      object["query"] = .int(entry.query)
      cells.append(.object(object))
    }
    return cells
  }
}
