import Foundation

/// `summary.md`: a run's summary as a table for people (also printed at the end of a search).
public struct SummaryMarkdown {
  public let summary: RunSummary
  public let config: RunConfig

  public init(summary: RunSummary, config: RunConfig) {
    self.summary = summary
    self.config = config
  }

  public var text: String {
    let s = summary
    let o = s.optimum
    var lines = [
      "# \(s.method) on \(s.benchmark) / \(s.dataset)",
      "",
      "\(s.trials) trials of \(s.budget) queries (\(config.settings.batchSize) per ask), seeds \(config.seed)…"
        + "\(config.trialSeed(s.trials - 1)). Search metric `\(s.searchMetric)`"
        + (s.reportMetric.map { ", report metric `\($0)`." } ?? "; the table has no report metric."),
      "",
      (config.table.isOwnEvaluations ? "No table: the best cell any trial found stands in for the optimum. Its validation "
        : "Table optimum: best validation ") + Format.value(o.bestValid)
        + (o.testOfBestValid.map { ", its test \(Format.value($0))" } ?? "")
        + (o.cellsAtBestValid > 1 ? " (\(o.cellsAtBestValid) cells share it)" : "") + ", cell `\(o.cell)`.",
      "Trials that found the best-validation cell: \(s.foundBestValid) of \(s.trials)"
        + "; median queries to find it: \(Format.queries(s.queriesToBestValidMedian, budget: s.budget)).",
      "Wall-clock per trial: \(Format.seconds(s.wallSecondsPerTrial)).",
    ]
    if let h = s.hardwareAware { lines += [""] + Format.hardwareAware(h, trials: s.trials) }
    let costColumn = s.hardwareAware != nil
    lines += [
      "",
      "| queries | \(costColumn ? "validation of reported" : "best validation") | "
        + "\(costColumn ? "test of reported" : "test of best validation") | found best |" + (costColumn ? " cost of reported (max) |" : ""),
      "|---:|---:|---:|---:|" + (costColumn ? "---:|" : ""),
    ]
    for p in s.trajectory {
      lines.append("| \(p.queries) | \(Format.meanStd(p.bestValidMean, p.bestValidStd)) | "
        + "\(Format.meanStd(p.testOfBestValidMean, p.testOfBestValidStd)) | \(p.foundBestValid)/\(s.trials) |"
        + (costColumn ? " \(p.costOfReportedMax.map(Format.cost) ?? "—") |" : ""))
    }
    lines.append("")
    lines.append("Mean ± sample standard deviation over trials.")
    return lines.joined(separator: "\n") + "\n"
  }
}

/// Number formats shared by the reports.
package enum Format {
  package static func value(_ x: Double) -> String { String(format: "%.3f", x) }

  package static func meanStd(_ mean: Double?, _ std: Double?) -> String {
    guard let mean, let std else { return "—" }
    return "\(value(mean)) ± \(value(std))"
  }

  package static func queries(_ median: Double?, budget: Int) -> String {
    guard let median else { return "more than \(budget)" }
    return median == median.rounded() ? String(Int(median)) : String(format: "%.1f", median)
  }

  package static func cost(_ x: Double) -> String { String(format: "%.4g", x) }

  /// `42s`, `3m05s`, `2h13m`, `3d04h`.
  package static func duration(_ seconds: Double) -> String {
    let s = Int(seconds.rounded())
    if s < 60 { return "\(s)s" }
    if s < 3600 { return String(format: "%dm%02ds", s / 60, s % 60) }
    if s < 86400 { return String(format: "%dh%02dm", s / 3600, s % 3600 / 60) }
    return String(format: "%dd%02dh", s / 86400, s % 86400 / 3600)
  }

  /// The lines that state a hardware-aware objective and its hypervolumes.
  package static func hardwareAware(_ h: HardwareAwareSummary, trials: Int) -> [String] {
    let o = h.objective
    let bound = o.maxCost.map { "\(o.column) ≤ \(cost($0))" } ?? "no bound on \(o.column)"
    let rule = o.mode == .constraint
      ? "the reported cell is the best-validation cell within the bound"
      : "the reported cell has the lowest (accuracy rank + cost rank) × penalty among the queried cells"
    return [
      "Hardware-aware, \(o.mode.rawValue) mode, \(bound): \(rule); \(h.feasibleCells) of the table's \(h.tableCells) cells "
        + "with the cost meet the bound. Reported cells within the bound at the budget: \(h.reportedFeasible)/\(trials).",
      "Hypervolume of the queried cells' front (validation against \(o.column), reference point: accuracy "
        + "\(cost(h.referenceAccuracy)), cost \(cost(h.referenceCost)) = the table's highest): "
        + "\(meanStd(h.hypervolumeMean, h.hypervolumeStd)); the whole table's front: \(value(h.tableHypervolume)).",
    ]
  }

  package static func probability(_ p: Double) -> String { p >= 0.001 ? String(format: "p = %.3f", p) : String(format: "p = %.1e", p) }

  package static func seconds(_ seconds: Double?) -> String {
    guard let seconds else { return "unknown" }
    return seconds < 10 ? String(format: "%.3f s", seconds) : String(format: "%.1f s", seconds)
  }
}
