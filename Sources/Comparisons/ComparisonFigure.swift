import Foundation
import Runs
import SearchSpaces

/// `report.svg`: the best-so-far trajectory of each method against queries, median line and
/// inter-quartile band over trials, with the table's optimum as a dashed line.
public struct ComparisonFigure {
  public let results: ComparisonResults
  public let metric: ReportedMetric

  public init(results: ComparisonResults, metric: ReportedMetric = .bestValid) throws {
    if metric == .testOfBestValid && results.reportMetric == nil {
      throw InputError("the table has no report metric to plot; use the validation metric")
    }
    self.results = results
    self.metric = metric
  }

  private var optimum: Double {
    switch metric {
    case .bestValid: return results.optimum.bestValid
    case .testOfBestValid: return results.optimum.testOfBestValid ?? results.optimum.bestValid
    }
  }

  private var axisLabel: String {
    switch metric {
    case .bestValid: return "best \(results.searchMetric) so far"
    case .testOfBestValid: return "\(results.reportMetric ?? results.searchMetric) of the best-\(results.searchMetric) cell"
    }
  }

  public var svg: String {
    let width = 880.0, height = 520.0
    let left = 78.0, right = width - 210, top = 58.0, bottom = height - 62
    var doc = SVGDocument(width: width, height: height)
    doc.rect(x: 0, y: 0, width: width, height: height, fill: "#ffffff")

    let series = results.orderedSummaries.map { summary in
      (summary.method, summary.trajectory.compactMap { p in p.band(metric).map { (Double(p.queries), $0) } })
    }
    let values = series.flatMap { $0.1.flatMap { [$0.1.q1, $0.1.q3] } } + [optimum]
    let yTicks = FigureAxis.ticks(low: values.min()!, high: values.max()!, count: 6)
    let xTicks = FigureAxis.queryTicks(budget: results.budget)
    let yLow = yTicks.first!, yHigh = yTicks.last!
    let xLow = 0.0, xHigh = Double(results.budget)
    func x(_ q: Double) -> Double { left + (q - xLow) / (xHigh - xLow) * (right - left) }
    func y(_ v: Double) -> Double { bottom - (v - yLow) / (yHigh - yLow) * (bottom - top) }

    // Grid and axes.
    FigureAxis.drawGrid(on: &doc, xTicks: xTicks, yTicks: yTicks, x: x, y: y, left: left, right: right, top: top, bottom: bottom)
    doc.text("queries", x: (left + right) / 2, y: height - 18, size: 13, anchor: .middle)
    doc.text(axisLabel, x: 20, y: (top + bottom) / 2, size: 13, anchor: .middle, rotation: -90)
    doc.text("\(results.benchmark) / \(results.dataset)", x: left, y: 26, size: 16, bold: true)
    doc.text("median and inter-quartile range over \(results.trials) trials", x: left, y: 44, size: 12, color: "#555")

    // The optimum.
    doc.line(x1: left, y1: y(optimum), x2: right, y2: y(optimum), stroke: "#000000", width: 1.2, dash: "6 4")

    // Bands first, then lines on top.
    for (index, (name, points)) in series.enumerated() where !points.isEmpty {
      let colour = SVGDocument.colour(index)
      let upper = points.map { (x($0.0), y($0.1.q3)) }
      let lower = points.reversed().map { (x($0.0), y($0.1.q1)) }
      doc.polygon(upper + lower, fill: colour, opacity: 0.18, label: "band \(name)")
    }
    for (index, (name, points)) in series.enumerated() where !points.isEmpty {
      let colour = SVGDocument.colour(index)
      doc.polyline(points.map { (x($0.0), y($0.1.median)) }, stroke: colour, width: 2.2, label: "median \(name)")
    }

    // Legend.
    let legendX = right + 22
    var legendY = top + 8
    for (index, (name, _)) in series.enumerated() {
      let colour = SVGDocument.colour(index)
      doc.rect(x: legendX, y: legendY - 9, width: 26, height: 14, fill: colour, opacity: 0.18)
      doc.line(x1: legendX, y1: legendY - 2, x2: legendX + 26, y2: legendY - 2, stroke: colour, width: 2.2)
      doc.text(name, x: legendX + 34, y: legendY + 2, size: 13)
      legendY += 24
    }
    doc.line(x1: legendX, y1: legendY - 2, x2: legendX + 26, y2: legendY - 2, stroke: "#000000", width: 1.2, dash: "6 4")
    doc.text("optimum \(Format.value(optimum))", x: legendX + 34, y: legendY + 2, size: 13)
    return doc.text
  }
}
