import Runs
/// `report.md` of a comparison: the report metric of the best-validation cell at fixed query
/// counts, how often and how fast each method found the table's best-validation cell, and time.
public struct ComparisonMarkdown {
  /// The query counts of the main table (those the trajectories have).
  public static let checkpoints = [16, 32, 64, 96, 128, 192, 256, 304]

  public let results: ComparisonResults

  public init(results: ComparisonResults) { self.results = results }

  public var text: String {
    let r = results
    let o = r.optimum
    let reported = r.reportMetric ?? r.searchMetric
    let summaries = r.orderedSummaries
    let queries = columns(summaries.first?.trajectory.map(\.queries) ?? [])
    let hardwareAware = summaries.contains { $0.hardwareAware != nil }
    var lines = [
      "# Comparison on \(r.benchmark) / \(r.dataset)",
      "",
      "\(r.trials) trials per method, \(r.budget) queries per trial. Searches see `\(r.searchMetric)`; "
        + (r.reportMetric == nil
          ? "the table has no report metric, so the search metric of the best cell is reported."
          : "reported is `\(reported)` of the cell with the best `\(r.searchMetric)` so far"
            + (hardwareAware ? " among the cells the cost objective prefers (see below)." : ".")),
      (hardwareAware ? "Best cell within the bound" : "Table optimum") + ": best validation \(Format.value(o.bestValid))"
        + (o.testOfBestValid.map { ", its test \(Format.value($0))" } ?? "")
        + (o.bestTest.map { " (best test anywhere \(Format.value($0)))" } ?? "") + ".",
      "",
      "## `\(reported)` of the \(hardwareAware ? "reported" : "best-validation") cell, mean ± std over trials",
      "",
      "| method | " + queries.map { "q = \($0)" }.joined(separator: " | ") + " |",
      "|---|" + String(repeating: "---:|", count: queries.count),
    ]
    for s in summaries {
      let cells = queries.map { q -> String in
        guard let p = s.point(atQueries: q) else { return "—" }
        return r.reportMetric == nil
          ? Format.meanStd(p.bestValidMean, p.bestValidStd)
          : Format.meanStd(p.testOfBestValidMean, p.testOfBestValidStd)
      }
      lines.append("| \(s.method) | " + cells.joined(separator: " | ") + " |")
    }
    if let expected = r.randomSearchExpectation {
      let cells = queries.map { q -> String in
        guard let p = expected.first(where: { $0.queries == q }) else { return "—" }
        return Format.value(r.reportMetric == nil ? p.bestValid : p.testOfBestValid ?? p.bestValid)
      }
      lines.append("| random search, exact expectation | " + cells.joined(separator: " | ") + " |")
    }
    lines += [
      "",
      "## Finding the best-validation cell",
      "",
      "| method | trials that found it | median queries to find it | wall-clock per trial |",
      "|---|---:|---:|---:|",
    ]
    for s in summaries {
      lines.append("| \(s.method) | \(s.foundBestValid)/\(s.trials) | "
        + "\(Format.queries(s.queriesToBestValidMedian, budget: s.budget)) | \(Format.seconds(s.wallSecondsPerTrial)) |")
    }
    if let last = r.randomSearchExpectation?.last {
      lines.append("| random search, exact expectation | \(Format.probability(last.foundBestValidProbability)) per trial | | |")
    }
    if hardwareAware {
      lines += [
        "",
        "## Hardware-aware objective",
        "",
      ] + (summaries.first?.hardwareAware.map { Format.hardwareAware($0, trials: r.trials) } ?? []) + [
        "",
        "| method | `\(reported)` of reported at \(r.budget) | reported within bound | cost of reported (max) | hypervolume |",
        "|---|---:|---:|---:|---:|",
      ]
      for s in summaries {
        let last = s.point(atQueries: r.budget)
        let accuracy = r.reportMetric == nil
          ? Format.meanStd(last?.bestValidMean, last?.bestValidStd)
          : Format.meanStd(last?.testOfBestValidMean, last?.testOfBestValidStd)
        lines.append("| \(s.method) | \(accuracy) | \(s.hardwareAware.map { "\($0.reportedFeasible)/\(s.trials)" } ?? "—") | "
          + "\(last?.costOfReportedMax.map(Format.cost) ?? "—") | "
          + "\(s.hardwareAware.map { Format.meanStd($0.hypervolumeMean, $0.hypervolumeStd) } ?? "—") |")
      }
      if let o = r.optimum.cost.map({ ($0, r.optimum) }) {
        lines.append("")
        lines.append("Best cell within the bound: validation \(Format.value(o.1.bestValid))"
          + (o.1.testOfBestValid.map { ", test \(Format.value($0))" } ?? "") + ", cost \(Format.cost(o.0)).")
      }
    }
    lines += ["", "Std is the sample standard deviation; a median of \"more than N\" means at least half the trials never found it."]
    if r.randomSearchExpectation != nil {
      lines.append("The exact expectation of random search (distinct uniform draws) is computed from the table with order statistics.")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The standard checkpoints the trajectories have; when a run reports at other counts, up to
  /// eight of its own points spread over the budget.
  private func columns(_ available: [Int]) -> [Int] {
    let standard = ComparisonMarkdown.checkpoints.filter(available.contains)
    if standard.count >= 2 || available.count < 2 { return standard.isEmpty ? available : standard }
    let step = max(1, available.count / 8)
    var picked = stride(from: step - 1, to: available.count, by: step).map { available[$0] }
    if picked.last != available.last { picked.append(available.last!) }
    return Array(picked.suffix(8))
  }
}
