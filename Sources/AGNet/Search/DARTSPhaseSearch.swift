import Optimization
import SearchSpaces

/// One phase of `DARTSTwoPhaseSearch`: a search over single DARTS cells (the normal cells of
/// phase 1, then the reduction cells of phase 2). AG-Net (`AGNetOptimizer`) and its TE-NAS form
/// (`TENASCellSearch`) are the two.
public protocol DARTSPhaseSearch: Optimizer where Space == DARTSCellSpace {
  /// The generator this phase trains (phase 1's draws the fixed reduction cell).
  var generator: Generator { get }
  /// True once the phase's own rule says it is done; the two-phase search then moves on.
  var isFinished: Bool { get }
  /// The told cell the phase judges best, with what was told about it (nil before any tell).
  var bestTold: Evaluation<DARTSCell>? { get }
  /// Evaluations known from elsewhere (phase 1's best architecture), learned from and never
  /// proposed. Only between a tell and the next ask.
  func recordKnown(_ evaluations: [Evaluation<DARTSCell>]) throws
}
