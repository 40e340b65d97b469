import Foundation
import Optimization
import SearchSpaces

/// `pareto.svg` of a hardware-aware run or comparison: search metric against cost for the cells
/// the first trial of each method queried, each method's front (a staircase), its reported cell (ringed),
/// the table's own front (dashed) and the cost bound (a vertical line).
public struct ParetoFigure {
  /// One method's first trial: its queried cells and its front, as (cost, accuracy).
  public struct Series {
    public var method: String
    public var queried: [(cost: Double, accuracy: Double)]
    public var front: [(cost: Double, accuracy: Double)]
    public var reported: (cost: Double, accuracy: Double)?
  }

  public var title: String
  public var costName: String
  public var metricName: String
  public var series: [Series]
  public var tableFront: [(cost: Double, accuracy: Double)]
  public var maxCost: Double?
  /// The trial drawn (the first of the run or shard) and its seed.
  public var trial: Int
  public var seed: UInt64

  /// The figure of the runs' first trial (nil without a cost objective). The runs share table and settings.
  public init?<Space: SearchSpace>(runs: [SearchRun<Space>]) throws {
    guard let first = runs.first else { return nil }
    try self.init(config: first.config, judge: first.runner, firstTrials: runs.map {
      try $0.directory.readResult(ofTrial: $0.config.trialIndices[0], as: Space.Cell.self)
    })
  }

  /// The figure of the first trial of each method (`firstTrials`, one result per method) of runs with this
  /// configuration, judged on `judge`'s table; nil without a cost objective.
  init?<Space: SearchSpace>(config: RunConfig, judge: TrialRunner<Space>, firstTrials: [TrialResult<Space.Cell>]) throws {
    guard let objective = config.settings.objective, let table = judge.tableFront else { return nil }
    let benchmark = judge.benchmark
    let search = try benchmark.column(benchmark.searchMetric)
    let costs = try benchmark.column(objective.column)
    title = "\(config.benchmark) / \(config.dataset): \(objective.mode.rawValue) on \(objective.column)"
    costName = objective.column
    metricName = benchmark.searchMetric
    maxCost = objective.maxCost
    trial = firstTrials.first?.trial ?? 0
    seed = config.trialSeed(trial)
    tableFront = table.front.map { (costs[$0.item], search[$0.item]) }
    series = firstTrials.map { result in
      let queried = result.queries.map { (cost: $0.costs?[objective.column] ?? .nan, accuracy: $0.value) }
      return Series(method: result.method, queried: queried,
                    front: (result.pareto?.front ?? []).map { ($0.cost, $0.valid) },
                    reported: result.best.flatMap { best in best.cost.map { ($0, best.valid) } })
    }
  }

  public var svg: String {
    let width = 880.0, height = 540.0
    let left = 78.0, right = width - 230, top = 62.0, bottom = height - 62
    var doc = SVGDocument(width: width, height: height)
    doc.rect(x: 0, y: 0, width: width, height: height, fill: "#ffffff")

    // The lowest decile of the queried accuracies sets the floor: the few broken cells near 10 %
    // would otherwise squash the interesting top of the plot.
    let accuracies = series.flatMap { $0.queried.map(\.accuracy) }.sorted()
    let floor = accuracies.isEmpty ? tableFront.map(\.accuracy).min() ?? 0 : accuracies[accuracies.count / 10]
    let topAccuracy = (accuracies + tableFront.map(\.accuracy)).max() ?? 1
    let costs = series.flatMap { $0.queried.map(\.cost) } + tableFront.map(\.cost) + (maxCost.map { [$0] } ?? [])
    let yTicks = FigureAxis.ticks(low: floor, high: topAccuracy, count: 6)
    let xTicks = FigureAxis.ticks(low: 0, high: costs.filter(\.isFinite).max() ?? 1, count: 7)
    let yLow = yTicks.first!, yHigh = yTicks.last!, xLow = xTicks.first!, xHigh = xTicks.last!
    func x(_ c: Double) -> Double { left + (c - xLow) / (xHigh - xLow) * (right - left) }
    func y(_ a: Double) -> Double { bottom - (a - yLow) / (yHigh - yLow) * (bottom - top) }
    func visible(_ p: (cost: Double, accuracy: Double)) -> Bool { p.accuracy >= yLow && p.cost.isFinite }
    /// A front as a staircase: each point dominates everything to its right and below.
    func staircase(_ front: [(cost: Double, accuracy: Double)]) -> [(Double, Double)] {
      let shown = front.filter(visible)
      var points: [(Double, Double)] = []
      for (i, p) in shown.enumerated() {
        if i > 0 { points.append((x(p.cost), y(shown[i - 1].accuracy))) }
        points.append((x(p.cost), y(p.accuracy)))
      }
      if let last = shown.last { points.append((right, y(last.accuracy))) }
      return points
    }

    FigureAxis.drawGrid(on: &doc, xTicks: xTicks, yTicks: yTicks, x: x, y: y, left: left, right: right, top: top, bottom: bottom)
    doc.text(costName, x: (left + right) / 2, y: height - 18, size: 13, anchor: .middle)
    doc.text(metricName, x: 20, y: (top + bottom) / 2, size: 13, anchor: .middle, rotation: -90)
    doc.text(title, x: left, y: 26, size: 16, bold: true)
    doc.text("trial \(trial) (seed \(seed)): queried cells, their front, the reported cell ringed; cells below "
      + "\(FigureAxis.label(yLow, ticks: yTicks)) not shown", x: left, y: 46, size: 12, color: "#555")

    let tableStairs = staircase(tableFront)
    if tableStairs.count > 1 {
      doc.polyline(tableStairs, stroke: "#777777", width: 1.4, label: "table front")
    }
    if let maxCost, maxCost >= xLow, maxCost <= xHigh {
      doc.line(x1: x(maxCost), y1: top, x2: x(maxCost), y2: bottom, stroke: "#000000", width: 1.4, dash: "6 4")
    }
    for (index, s) in series.enumerated() {
      let colour = SVGDocument.colour(index)
      for p in s.queried where visible(p) {
        doc.circle(x: x(p.cost), y: y(p.accuracy), radius: 2.6, fill: colour, opacity: 0.35)
      }
      doc.polyline(staircase(s.front), stroke: colour, width: 2, label: "front \(s.method)")
      if let r = s.reported, visible(r) {
        doc.circle(x: x(r.cost), y: y(r.accuracy), radius: 6, fill: "none", stroke: colour)
      }
    }

    let legendX = right + 22
    var legendY = top + 8
    for (index, s) in series.enumerated() {
      let colour = SVGDocument.colour(index)
      doc.circle(x: legendX + 6, y: legendY - 2, radius: 3, fill: colour, opacity: 0.5)
      doc.line(x1: legendX + 12, y1: legendY - 2, x2: legendX + 30, y2: legendY - 2, stroke: colour, width: 2)
      doc.text("\(s.method) (\(s.queried.count) queried)", x: legendX + 38, y: legendY + 2, size: 13)
      legendY += 24
    }
    doc.line(x1: legendX, y1: legendY - 2, x2: legendX + 30, y2: legendY - 2, stroke: "#777777", width: 1.4)
    doc.text("front of the table", x: legendX + 38, y: legendY + 2, size: 13)
    if let maxCost {
      legendY += 24
      doc.line(x1: legendX, y1: legendY - 2, x2: legendX + 30, y2: legendY - 2, stroke: "#000000", width: 1.4, dash: "6 4")
      doc.text("bound \(String(format: "%.4g", maxCost))", x: legendX + 38, y: legendY + 2, size: 13)
    }
    return doc.text
  }
}
