import ArgumentParser
import Comparisons
import Foundation
import Runs
import SearchSpaces

/// `agnet plot`: redraws a comparison's (or a search's) figure from its results.
struct PlotCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "plot",
    abstract: "Redraw the best-so-far figure (SVG) of a comparison or a search from its results.",
    discussion: """
      Reads DIR/results.json (agnet compare) or else DIR/summary.json (agnet search) and writes \
      DIR/report.svg unless --output says otherwise. --metric test plots the test accuracy of the \
      best-validation cell instead of the best validation accuracy. To look at it as PNG: \
      scripts/render-svg.sh DIR/report.svg

      Examples:
        agnet plot runs/c10
        agnet plot runs/c10 --metric test --output runs/c10/test.svg
      """)

  @Argument(help: ArgumentHelp("A directory written by agnet compare or agnet search.", valueName: "dir"))
  var directory: String

  @Option(help: "valid: best validation so far; test: report metric of the best-validation cell.")
  var metric: String = ReportedMetric.bestValid.rawValue

  @Option(help: ArgumentHelp("The SVG file to write (default: DIR/report.svg).", valueName: "file"))
  var output: String?

  func validate() throws {
    guard ReportedMetric(rawValue: metric) != nil else {
      throw ValidationError("--metric must be one of: \(ReportedMetric.allCases.map(\.rawValue).joined(separator: ", ")).")
    }
  }

  func run() throws {
    try reportingInputErrors {
      let directoryURL = URL(fileURLWithPath: directory)
      let results = try ComparisonResults.load(from: directoryURL)
      let figure = try ComparisonFigure(results: results, metric: ReportedMetric(rawValue: metric)!)
      let target = output.map { URL(fileURLWithPath: $0) } ?? directoryURL.appendingPathComponent("report.svg")
      do {
        try Data(figure.svg.utf8).write(to: target, options: .atomic)
      } catch {
        throw InputError("cannot write the figure: \(FileSystem.reason(error))", file: target.path)
      }
      print("Wrote \(target.path)")
    }
  }
}
