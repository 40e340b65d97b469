import Foundation

/// A minimal SVG writer: shapes and text in user units, numbers with two decimals, text escaped.
public struct SVGDocument {
  public let width: Double
  public let height: Double
  private var elements: [String] = []

  /// Line colours by series order (Tableau's palette), shared by every figure so that a method
  /// keeps its colour from one figure to the next.
  public static func colour(_ index: Int) -> String { palette[index % palette.count] }
  private static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"]

  public init(width: Double, height: Double) {
    self.width = width
    self.height = height
  }

  public mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String,
                     stroke: String? = nil, opacity: Double? = nil) {
    elements.append("<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(width))\" height=\"\(n(height))\" fill=\"\(fill)\""
      + (stroke.map { " stroke=\"\($0)\"" } ?? "") + (opacity.map { " fill-opacity=\"\(n($0))\"" } ?? "") + "/>")
  }

  public mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1,
                     dash: String? = nil) {
    elements.append("<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(stroke)\""
      + " stroke-width=\"\(n(width))\"" + (dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") + "/>")
  }

  public mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double, label: String? = nil) {
    elements.append("<polyline points=\"\(pointList(points))\" fill=\"none\" stroke=\"\(stroke)\""
      + " stroke-width=\"\(n(width))\" stroke-linejoin=\"round\"" + (label.map { " class=\"\(escape($0))\"" } ?? "") + "/>")
  }

  public mutating func polygon(_ points: [(Double, Double)], fill: String, opacity: Double, label: String? = nil) {
    elements.append("<polygon points=\"\(pointList(points))\" fill=\"\(fill)\" fill-opacity=\"\(n(opacity))\""
      + " stroke=\"none\"" + (label.map { " class=\"\(escape($0))\"" } ?? "") + "/>")
  }

  public mutating func circle(x: Double, y: Double, radius: Double, fill: String, opacity: Double = 1, stroke: String? = nil) {
    elements.append("<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(radius))\" fill=\"\(fill)\""
      + (opacity < 1 ? " fill-opacity=\"\(n(opacity))\"" : "") + (stroke.map { " stroke=\"\($0)\"" } ?? "") + "/>")
  }

  public enum Anchor: String {
    case start, middle, end
  }

  public mutating func text(_ string: String, x: Double, y: Double, size: Double = 12, anchor: Anchor = .start,
                     rotation: Double? = nil, bold: Bool = false, color: String = "#222") {
    let transform = rotation.map { " transform=\"rotate(\(n($0)) \(n(x)) \(n(y)))\"" } ?? ""
    elements.append("<text x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(n(size))\" text-anchor=\"\(anchor.rawValue)\""
      + " fill=\"\(color)\"" + (bold ? " font-weight=\"bold\"" : "") + transform + ">\(escape(string))</text>")
  }

  public var text: String {
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(n(width))\" height=\"\(n(height))\""
      + " viewBox=\"0 0 \(n(width)) \(n(height))\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">\n"
      + elements.map { "  " + $0 }.joined(separator: "\n") + "\n</svg>\n"
  }

  private func pointList(_ points: [(Double, Double)]) -> String {
    points.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ")
  }

  /// Two decimals, no trailing zeros, no "-0".
  private func n(_ value: Double) -> String {
    let rounded = (value * 100).rounded() / 100
    if rounded == 0 { return "0" }
    if rounded == rounded.rounded() { return String(Int(rounded)) }
    var text = String(format: "%.2f", rounded)
    while text.hasSuffix("0") { text.removeLast() }
    return text
  }

  public func escape(_ string: String) -> String {
    var result = ""
    for character in string {
      switch character {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&apos;"
      default: result.append(character)
      }
    }
    return result
  }
}
