import Foundation
import Optimization
import Randomness
import SearchSpaces

/// AG-Net on the DARTS space in the published two-phase form (`search/Search_NB301.py`): the
/// generator works on single cells, and the search varies one cell of the architecture at a time.
///
/// 1. A reduction cell is sampled from the pretrained generator (the first valid cell among
///    latents z ~ U(−3, 3)). For `normalQueries` evaluations, an AG-Net search over normal cells
///    (`AGNetOptimizer` on `DARTSCellSpace`: its random opening cells, then weighted retraining and
///    the best predicted candidates, round by round) proposes architectures made of its normal
///    cell and that reduction cell.
/// 2. The normal cell of the best architecture so far is fixed. For `reduceQueries` evaluations, a
///    second AG-Net search over reduction cells, from a fresh copy of the pretrained generator,
///    proposes that normal cell with its reduction cells. It starts knowing the best architecture
///    of phase 1 (its reduction cell, with that value), so it never proposes it again.
///
/// Each phase is a `DARTSPhaseSearch`: AG-Net by default, or another search over cells
/// (`TENASCellSearch` for `agnet-tenas`, whose phases also end by their own rule, `isFinished`,
/// and whose best cell is chosen by its own criterion, `bestTold`).
///
/// After both phases `ask` returns no cells, which ends the trial. The state holds the phase,
/// the fixed cells, every told architecture and the inner search's own state.
public final class DARTSTwoPhaseSearch: Optimizer {
  public typealias Space = DARTSSpace

  /// Evaluations in each phase (published: 152 + 152 of the 304 in `--search_data`).
  public struct Phases: Equatable, Sendable {
    public var normalQueries: Int
    public var reduceQueries: Int

    public init(normalQueries: Int = 152, reduceQueries: Int = 152) {
      self.normalQueries = normalQueries
      self.reduceQueries = reduceQueries
    }

    public func validate() throws {
      guard normalQueries >= 1 else { throw InputError("normal_queries must be at least 1 (got \(normalQueries))") }
      guard reduceQueries >= 0 else { throw InputError("reduce_queries must be at least 0 (got \(reduceQueries))") }
    }
  }

  /// Which cell a phase varies.
  public enum Phase: String, Codable, Sendable {
    case normal, reduce
  }

  private struct State: Codable {
    var phase = Phase.normal
    /// Sampled at the first ask.
    var fixedReduce: DARTSCell?
    var fixedNormal: DARTSCell?
    var toldInPhase = 0
    var asked = AskedBatch<DARTSGenotype>()
    var history = EvaluationHistory<DARTSGenotype>()
    /// The inner search's state after the last tell (nil before the first).
    var inner: Data?
    var lastRound: [String: Double] = [:]
  }

  public let domain: SearchDomain<DARTSSpace>
  public let configuration: AGNetSearchConfiguration
  public let phases: Phases
  private let seed: UInt64
  private let reductionCellDraws: Int
  private let makeGenerator: () throws -> Generator
  private var state: State
  private let makePhase: PhaseFactory
  private var inner: any DARTSPhaseSearch

  /// Builds one phase's search from a fresh generator and the phase's seed.
  public typealias PhaseFactory = (_ phase: Phase, _ generator: Generator, _ seed: UInt64) throws -> any DARTSPhaseSearch

  /// - Parameters:
  ///   - makeGenerator: a fresh copy of the pretrained generator of DARTS cells per call (each
  ///     phase trains its own in place).
  ///   - seed: the trial's seed; every random draw of the trial derives from it.
  ///   - reductionCellDraws: generated cells tried for phase 1's reduction cell before falling
  ///     back to a uniform random one.
  ///   - makePhase: each phase's search (nil: `AGNetOptimizer` with `configuration`).
  public init(domain: SearchDomain<DARTSSpace>, configuration: AGNetSearchConfiguration, phases: Phases = Phases(),
              seed: UInt64, reductionCellDraws: Int = 10_000, makePhase: PhaseFactory? = nil,
              makeGenerator: @escaping () throws -> Generator) throws {
    try phases.validate()
    self.domain = domain
    self.configuration = configuration
    self.phases = phases
    self.seed = seed
    self.reductionCellDraws = reductionCellDraws
    self.makeGenerator = makeGenerator
    let cells = SearchDomain(space: domain.space.cellSpace)
    self.makePhase = makePhase ?? { _, generator, seed in
      try AGNetOptimizer(domain: cells, generator: generator, configuration: configuration, seed: seed)
    }
    state = State()
    inner = try self.makePhase(.normal, try makeGenerator(), seed)
  }

  /// The architectures told so far, in order, with their values.
  public var history: EvaluationHistory<DARTSGenotype> { state.history }
  /// The reduction cell of phase 1 (nil before the first ask).
  public var sampledReductionCell: DARTSCell? { state.fixedReduce }
  /// The normal cell of phase 2 (nil during phase 1).
  public var fixedNormalCell: DARTSCell? { state.fixedNormal }

  public func ask(limit: Int) throws -> [DARTSGenotype] {
    try state.asked.checkCanAsk()
    var statistics: [String: Double] = [:]
    if state.fixedReduce == nil {
      var rng = Xoshiro256StarStar(seed: seed, stream: "darts-reduction-cell")
      let (cell, draws) = DARTSTwoPhaseSearch.sampleCell(inner.generator, space: domain.space.cellSpace,
                                                         draws: reductionCellDraws, using: &rng)
      state.fixedReduce = cell
      statistics["reduction_cell_draws"] = Double(draws)
    }
    var cells = try askPhase(limit: limit)
    if cells.isEmpty && limit > 0 && state.phase == .normal && inner.isFinished {
      // Phase 1 found nothing more to propose (no new valid cell): phase 2 starts now.
      try startReducePhase()
      cells = try askPhase(limit: limit)
    }
    let genotypes = cells.map(architecture(with:))
    state.asked.record(genotypes)
    statistics["phase"] = state.phase == .normal ? 1 : 2
    state.lastRound = inner.roundStatistics.merging(statistics) { a, _ in a }
    return genotypes
  }

  public func tell(_ evaluations: [Evaluation<DARTSGenotype>]) throws {
    let told = try state.asked.resolve(evaluations, format: domain.space.format)
    for evaluation in told { state.history.append(evaluation.cell, value: evaluation.value) }
    try inner.tell(told.map { Evaluation(cell: varied($0.cell), value: $0.value, costs: $0.costs) })
    state.toldInPhase += told.count
    if state.phase == .normal && (state.toldInPhase >= phases.normalQueries || inner.isFinished) { try startReducePhase() }
  }

  public var roundStatistics: [String: Double] { state.lastRound }

  public func saveState() throws -> Data {
    var saved = state
    saved.inner = try inner.saveState()
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return try encoder.encode(saved)
  }

  public func restoreState(_ data: Data) throws {
    let restored: State
    do { restored = try JSONDecoder().decode(State.self, from: data) } catch {
      throw InputError("cannot restore the DARTS AG-Net state: \(error)")
    }
    let optimizer = try makeInner(phase: restored.phase)
    if let saved = restored.inner { try optimizer.restoreState(saved) }
    (state, inner) = (restored, optimizer)
  }

  // MARK: Phases

  private func askPhase(limit: Int) throws -> [DARTSCell] {
    let phaseQueries = state.phase == .normal ? phases.normalQueries : phases.reduceQueries
    let size = min(limit, phaseQueries - state.toldInPhase)
    return size > 0 ? try inner.ask(limit: size) : []
  }

  /// The architecture an inner proposal stands for in the current phase.
  private func architecture(with cell: DARTSCell) -> DARTSGenotype {
    switch state.phase {
    case .normal: return DARTSGenotype(normal: cell, reduce: state.fixedReduce!)
    case .reduce: return DARTSGenotype(normal: state.fixedNormal!, reduce: cell)
    }
  }

  /// The cell of an architecture the current phase varies.
  private func varied(_ genotype: DARTSGenotype) -> DARTSCell {
    state.phase == .normal ? genotype.normal : genotype.reduce
  }

  /// Fixes phase 1's best normal cell (by the phase's own criterion) and starts phase 2 knowing
  /// that architecture (its reduction cell is phase 1's fixed one).
  private func startReducePhase() throws {
    guard let best = inner.bestTold else { throw InputError("phase 1 of the DARTS search ended before any cell was told") }
    state.phase = .reduce
    state.fixedNormal = best.cell
    state.toldInPhase = 0
    inner = try makeInner(phase: .reduce)
    try inner.recordKnown([Evaluation(cell: state.fixedReduce!, value: best.value, costs: best.costs)])
  }

  private func makeInner(phase: Phase) throws -> any DARTSPhaseSearch {
    var phaseRNG = Xoshiro256StarStar(seed: seed, stream: "darts-reduce-phase")
    let innerSeed = phase == .normal ? seed : phaseRNG.next()
    return try makePhase(phase, try makeGenerator(), innerSeed)
  }

  /// The first valid cell the generator draws (in batches of up to 1,000 latents z ~ U(−3, 3))
  /// and how many draws it took; a uniform random cell after `draws` invalid ones.
  static func sampleCell(_ generator: Generator, space: DARTSCellSpace, draws: Int,
                         using rng: inout Xoshiro256StarStar) -> (DARTSCell, Int) {
    var drawn = 0
    while drawn < draws {
      for graph in generator.sampleGraphs(count: min(1_000, draws - drawn), latent: .uniform3, using: &rng) {
        drawn += 1
        if let cell = space.cell(from: graph) { return (cell, drawn) }
      }
    }
    return (space.randomCell(using: &rng), drawn)
  }
}
