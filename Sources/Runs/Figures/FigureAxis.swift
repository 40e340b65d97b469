import Foundation

/// Axis ticks at round numbers, and the grid the figures share.
public enum FigureAxis {
  /// Grid lines and tick labels at the ticks, and the two axes, in the plot box.
  public static func drawGrid(on doc: inout SVGDocument, xTicks: [Double], yTicks: [Double], x: (Double) -> Double,
                              y: (Double) -> Double, left: Double, right: Double, top: Double, bottom: Double) {
    for t in yTicks {
      doc.line(x1: left, y1: y(t), x2: right, y2: y(t), stroke: "#e6e6e6")
      doc.text(FigureAxis.label(t, ticks: yTicks), x: left - 8, y: y(t) + 4, size: 11, anchor: .end)
    }
    for t in xTicks {
      doc.line(x1: x(t), y1: top, x2: x(t), y2: bottom, stroke: "#f0f0f0")
      doc.line(x1: x(t), y1: bottom, x2: x(t), y2: bottom + 5, stroke: "#444")
      doc.text(FigureAxis.label(t, ticks: xTicks), x: x(t), y: bottom + 19, size: 11, anchor: .middle)
    }
    doc.line(x1: left, y1: bottom, x2: right, y2: bottom, stroke: "#444")
    doc.line(x1: left, y1: top, x2: left, y2: bottom, stroke: "#444")
  }

  /// About `count` ticks at multiples of 1, 2 or 5 × 10ⁿ, covering [low, high].
  public static func ticks(low: Double, high: Double, count: Int) -> [Double] {
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
  public static func queryTicks(budget: Int) -> [Double] {
    var step = 16
    while budget > 6 * step { step *= 2 }
    return stride(from: 0, through: budget, by: step).map(Double.init)
  }

  /// Enough decimals to tell the ticks apart.
  public static func label(_ value: Double, ticks: [Double]) -> String {
    let step = ticks.count > 1 ? ticks[1] - ticks[0] : 1
    let decimals = (0...4).first { d in
      let scaled = step * pow(10, Double(d))
      return abs(scaled - scaled.rounded()) < 1e-6 * max(1, scaled)
    } ?? 4
    return String(format: "%.\(decimals)f", value)
  }
}
