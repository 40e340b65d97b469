import Foundation
import SearchSpaces

/// `report.svg`: the best-so-far trajectory of each method against queries, median line and
/// inter-quartile band over trials, with the table's optimum as a dashed line.
public struct ComparisonFigure {
  public let results: ComparisonResults
  public let metric: ReportedMetric

  /// Line colours by method order (Tableau's palette), bands in the same colour, translucent.
  static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"]

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
    let yTicks = Axis.ticks(low: values.min()!, high: values.max()!, count: 6)
    let xTicks = Axis.queryTicks(budget: results.budget)
    let yLow = yTicks.first!, yHigh = yTicks.last!
    let xLow = 0.0, xHigh = Double(results.budget)
    func x(_ q: Double) -> Double { left + (q - xLow) / (xHigh - xLow) * (right - left) }
    func y(_ v: Double) -> Double { bottom - (v - yLow) / (yHigh - yLow) * (bottom - top) }

    // Grid and axes.
    Axis.drawGrid(on: &doc, xTicks: xTicks, yTicks: yTicks, x: x, y: y, left: left, right: right, top: top, bottom: bottom)
    doc.text("queries", x: (left + right) / 2, y: height - 18, size: 13, anchor: .middle)
    doc.text(axisLabel, x: 20, y: (top + bottom) / 2, size: 13, anchor: .middle, rotation: -90)
    doc.text("\(results.benchmark) / \(results.dataset)", x: left, y: 26, size: 16, bold: true)
    doc.text("median and inter-quartile range over \(results.trials) trials", x: left, y: 44, size: 12, color: "#555")

    // The optimum.
    doc.line(x1: left, y1: y(optimum), x2: right, y2: y(optimum), stroke: "#000000", width: 1.2, dash: "6 4")

    // Bands first, then lines on top.
    for (index, (name, points)) in series.enumerated() where !points.isEmpty {
      let colour = ComparisonFigure.palette[index % ComparisonFigure.palette.count]
      let upper = points.map { (x($0.0), y($0.1.q3)) }
      let lower = points.reversed().map { (x($0.0), y($0.1.q1)) }
      doc.polygon(upper + lower, fill: colour, opacity: 0.18, label: "band \(name)")
    }
    for (index, (name, points)) in series.enumerated() where !points.isEmpty {
      let colour = ComparisonFigure.palette[index % ComparisonFigure.palette.count]
      doc.polyline(points.map { (x($0.0), y($0.1.median)) }, stroke: colour, width: 2.2, label: "median \(name)")
    }

    // Legend.
    let legendX = right + 22
    var legendY = top + 8
    for (index, (name, _)) in series.enumerated() {
      let colour = ComparisonFigure.palette[index % ComparisonFigure.palette.count]
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

/// Axis ticks at round numbers, and the grid the figures share.
enum Axis {
  /// Grid lines and tick labels at the ticks, and the two axes, in the plot box.
  static func drawGrid(on doc: inout SVGDocument, xTicks: [Double], yTicks: [Double], x: (Double) -> Double,
                       y: (Double) -> Double, left: Double, right: Double, top: Double, bottom: Double) {
    for t in yTicks {
      doc.line(x1: left, y1: y(t), x2: right, y2: y(t), stroke: "#e6e6e6")
      doc.text(Axis.label(t, ticks: yTicks), x: left - 8, y: y(t) + 4, size: 11, anchor: .end)
    }
    for t in xTicks {
      doc.line(x1: x(t), y1: top, x2: x(t), y2: bottom, stroke: "#f0f0f0")
      doc.line(x1: x(t), y1: bottom, x2: x(t), y2: bottom + 5, stroke: "#444")
      doc.text(Axis.label(t, ticks: xTicks), x: x(t), y: bottom + 19, size: 11, anchor: .middle)
    }
    doc.line(x1: left, y1: bottom, x2: right, y2: bottom, stroke: "#444")
    doc.line(x1: left, y1: top, x2: left, y2: bottom, stroke: "#444")
  }

  /// About `count` ticks at multiples of 1, 2 or 5 × 10ⁿ, covering [low, high].
  static func ticks(low: Double, high: Double, count: Int) -> [Double] {
    var low = low, high = high
    if high - low < 1e-9 {
      low -= 0.5
      high += 0.5
    }
    let raw = (high - low) / Double(max(1, count - 1))
    let magnitude = pow(10, (log10(raw)).rounded(.down))
    let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
    let first = (low / step).rounded(.down) * step
    let last = (high / step).rounded(.up) * step
    return stride(from: first, through: last + step / 2, by: step).map { ($0 / step).rounded() * step }
  }

  /// Query ticks at multiples of 16 × 2ⁿ (the report interval), at most six intervals, up to the
  /// budget: 0, 64, …, 320 for the usual budget.
  static func queryTicks(budget: Int) -> [Double] {
    var step = 16
    while budget > 6 * step { step *= 2 }
    return stride(from: 0, through: budget, by: step).map(Double.init)
  }

  /// Enough decimals to tell the ticks apart.
  static func label(_ value: Double, ticks: [Double]) -> String {
    let step = ticks.count > 1 ? ticks[1] - ticks[0] : 1
    let decimals = (0...4).first { d in
      let scaled = step * pow(10, Double(d))
      return abs(scaled - scaled.rounded()) < 1e-6 * max(1, scaled)
    } ?? 4
    return String(format: "%.\(decimals)f", value)
  }
}
