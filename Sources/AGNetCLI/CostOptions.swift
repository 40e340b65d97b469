import ArgumentParser
import Optimization

/// `--cost`, `--max-cost`, `--mode`: the costs recorded with each cell and, with a bound or a
/// mode, the hardware-aware objective (for search, compare and init).
struct CostOptions: ParsableArguments {
  @Option(name: .customLong("cost"), help: ArgumentHelp(
    "A cost column recorded with each cell and told to the method (repeatable; with --max-cost or --mode, exactly one: the hardware-aware objective).",
    valueName: "column"))
  var costs: [String] = []

  @Option(name: .customLong("max-cost"), help: ArgumentHelp(
    "Hardware-aware search: the bound on --cost; the reported cell is the best one within it.", valueName: "x"))
  var maxCost: Double?

  @Option(help: ArgumentHelp(
    "Hardware-aware search: constraint (best accuracy within --max-cost; the default with a bound) or joint (best accuracy rank + cost rank).",
    valueName: "mode"))
  var mode: CostMode?

  func validate() throws {
    guard maxCost != nil || mode != nil else { return }
    guard costs.count == 1 else { throw ValidationError("--max-cost and --mode need exactly one --cost column.") }
    guard maxCost.map(\.isFinite) ?? true else { throw ValidationError("--max-cost must be a finite number.") }
    if mode == .constraint && maxCost == nil { throw ValidationError("--mode constraint needs --max-cost.") }
  }

  /// The hardware-aware objective, when --max-cost or --mode asks for one.
  var objective: CostObjective? {
    guard maxCost != nil || mode != nil, let column = costs.first else { return nil }
    return CostObjective(column: column, maxCost: maxCost, mode: mode ?? (maxCost == nil ? .joint : .constraint))
  }
}
