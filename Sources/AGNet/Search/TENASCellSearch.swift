import Foundation
import Optimization
import Randomness
import SearchSpaces

/// One phase of AG-Net's TE-NAS search (`search/Search_TENAS.py`) over single DARTS cells, behind
/// the ask/tell `Optimizer` protocol. Every told evaluation carries both TE-NAS proxies as costs
/// (`linear_regions`, `ntk_condition`); the told value is not used.
///
/// - The first `initialCells` asks are distinct uniform random cells; all join the training set.
/// - Each round retrains the generator on reconstruction only (the configuration's α is 0) on the
///   training set, drawn with `TENASRanking.weights` (which are also the loss multipliers), then
///   decodes latents z ~ U(−3, 3) in growing batches until more than `candidatesPerRound` valid
///   cells never told before exist (then that many at random; uniform random untold cells make up
///   a shortfall, as in `agnet`). Every candidate is proposed and
///   evaluated, over as many asks as the caller's limit needs; once all are told, the `chosen` with
///   the smallest rank sum among them join the training set. This is what the published code
///   does (it evaluates every candidate and keeps the best).
/// - The phase is finished once the training set holds more than `trainingLimit` cells, or when
///   not even a random untold cell is left.
public final class TENASCellSearch: DARTSPhaseSearch {
  public typealias Space = DARTSCellSpace

  public struct Settings: Equatable, Sendable {
    /// Candidates of a round that join the training set (published k: 16).
    public var chosen: Int
    /// The phase ends once the training set holds more cells than this (published: 104).
    public var trainingLimit: Int

    public init(chosen: Int = 16, trainingLimit: Int = 104) {
      self.chosen = chosen
      self.trainingLimit = trainingLimit
    }

    public func validate() throws {
      guard chosen >= 1 else { throw InputError("top_k must be at least 1 (got \(chosen))") }
      guard trainingLimit >= 1 else { throw InputError("the training-set limit of a phase must be at least 1 (got \(trainingLimit))") }
    }
  }

  private struct State: Codable {
    var progress: SearchProgress<DARTSCell>
    /// Both proxies of every told cell, in the order of `progress.history` (nil: not told, as
    /// after a failed evaluation; it then ranks last under that proxy).
    var regions: [Double?] = []
    var ntk: [Double?] = []
    /// Indices into `progress.history` of the cells the generator is retrained on.
    var training: [Int] = []
    /// The open round's candidates, and those of them not asked yet.
    var round: [DARTSCell] = []
    var unasked: [DARTSCell] = []
    /// Set when a round found no candidate, not even a random one.
    var exhausted = false
    var rounds = 0
  }

  public let domain: SearchDomain<DARTSCellSpace>
  public let configuration: AGNetSearchConfiguration
  public let settings: Settings
  let model: SearchModel
  private var state: State

  /// - Parameters:
  ///   - configuration: AG-Net's settings; `alpha` must be 0 (reconstruction only: the search has
  ///     no predictor), `candidatesPerRound` is the round's number of evaluations.
  public init(domain: SearchDomain<DARTSCellSpace>, generator: Generator, configuration: AGNetSearchConfiguration,
              settings: Settings = Settings(), seed: UInt64) throws {
    try configuration.validate()
    try settings.validate()
    guard configuration.alpha == 0 else { throw InputError("the TE-NAS search retrains on reconstruction only: alpha must be 0") }
    try generator.requireCells(of: domain.space)
    self.domain = domain
    self.configuration = configuration
    self.settings = settings
    var predictorRNG = Xoshiro256StarStar(seed: seed, stream: "agnet-tenas-predictor-init")
    model = SearchModel(generator: generator, configuration: configuration, using: &predictorRNG)
    state = State(progress: SearchProgress(seed: seed, trainingStream: "agnet-tenas-retraining",
                                           candidateStream: "agnet-tenas-candidates"))
  }

  /// Every told cell of the phase, in order (values as told).
  public var history: EvaluationHistory<DARTSCell> { state.progress.history }
  /// The cells the generator is retrained on, in the order they joined.
  public var trainingCells: [DARTSCell] {
    let cells = state.progress.history.cells
    return state.training.map { cells[$0] }
  }
  public var rounds: Int { state.rounds }
  public var generator: Generator { model.generator }

  public var isFinished: Bool {
    state.exhausted
      || (state.round.isEmpty && state.progress.history.count >= configuration.initialCells
          && state.training.count > settings.trainingLimit)
  }

  /// The training-set cell with the smallest rank sum among the training set.
  public var bestTold: Evaluation<DARTSCell>? {
    let (regions, ntk) = proxies(of: state.training)
    guard let index = TENASRanking.best(1, regions: regions, ntk: ntk).first else { return nil }
    let told = state.training[index]
    let cell = state.progress.history.cells[told]
    var costs: [String: Double] = [:]
    costs[TENASRanking.regionsName] = state.regions[told]
    costs[TENASRanking.ntkName] = state.ntk[told]
    return Evaluation(cell: cell, value: state.progress.history.value(of: cell)!, costs: costs)
  }

  public func ask(limit: Int) throws -> [DARTSCell] {
    if let opening = try state.progress.openingCells(limit: limit, initialCells: configuration.initialCells, domain: domain) {
      state.progress.asked.record(opening)
      return opening
    }
    if state.round.isEmpty && !isFinished { startRound() }
    let cells = Array(state.unasked.prefix(limit))
    state.unasked.removeFirst(cells.count)
    state.progress.asked.record(cells)
    return cells
  }

  public func tell(_ evaluations: [Evaluation<DARTSCell>]) throws {
    for evaluation in try state.progress.asked.resolve(evaluations, format: domain.space.format) {
      append(evaluation, training: state.round.isEmpty)
    }
    closeRoundIfTold()
  }

  public func recordKnown(_ evaluations: [Evaluation<DARTSCell>]) throws {
    try state.progress.asked.checkCanAsk()
    for evaluation in evaluations where !state.progress.history.contains(evaluation.cell) {
      append(evaluation, training: true)
    }
  }

  public var roundStatistics: [String: Double] { state.progress.lastRound }

  // MARK: Rounds

  private func append(_ evaluation: Evaluation<DARTSCell>, training: Bool) {
    if training { state.training.append(state.progress.history.count) }
    state.progress.history.append(evaluation.cell, value: evaluation.value)
    state.regions.append(evaluation.costs[TENASRanking.regionsName].flatMap { $0.isFinite ? $0 : nil })
    state.ntk.append(evaluation.costs[TENASRanking.ntkName].flatMap { $0.isFinite ? $0 : nil })
  }

  /// Both proxies of told cells (by history index); a missing one is NaN, which ranks last.
  private func proxies(of indices: [Int]) -> (regions: [Double], ntk: [Double]) {
    (indices.map { state.regions[$0] ?? .nan }, indices.map { state.ntk[$0] ?? .nan })
  }

  /// Once every candidate of the open round is told, its best `chosen` join the training set.
  private func closeRoundIfTold() {
    guard !state.round.isEmpty, state.unasked.isEmpty else { return }
    var index: [DARTSCell: Int] = [:]
    for (position, cell) in state.progress.history.cells.enumerated() { index[cell] = position }
    let told = state.round.map { index[$0]! }
    let (regions, ntk) = proxies(of: told)
    let chosen = TENASRanking.best(settings.chosen, regions: regions, ntk: ntk)
    state.training += chosen.map { told[$0] }.sorted()
    state.round = []
  }

  private func startRound() {
    let loss = retrain()
    let model = self.model
    let candidates = CandidateRound<DARTSCell>.run(
      batchSizes: configuration.candidateBatchSizes, wanted: configuration.candidatesPerRound, latentSize: model.latentSize,
      latents: configuration.candidateLatents, excluded: state.progress.history.cellSet, isInDomain: domain.contains,
      decode: { [space = domain.space] latents, _, rng in
        model.sampleAndPredict(latents: latents, seed: rng.next()).map { .init(cell: space.cell(from: $0.graph), predicted: 0) }
      },
      using: &state.progress.candidateRNG)
    // Adam's first steps can upset the generator's node types for a round (docs/darts.md), as in
    // `agnet`; uniform random untold cells then fill the round, rather than ending the phase.
    let generated = candidates.candidates.map(\.cell)
    let wanted = configuration.candidatesPerRound
    let fill = generated.count < wanted
      ? domain.randomCells(wanted - generated.count, excluding: state.progress.history.cellSet.union(generated),
                           using: &state.progress.candidateRNG) : []
    state.round = generated + fill
    state.unasked = state.round
    state.exhausted = state.round.isEmpty
    state.rounds += 1
    state.progress.lastRound = [
      "train_loss": Double(loss),
      "generated": Double(candidates.generated),
      "valid": Double(candidates.valid),
      "candidates": Double(candidates.candidates.count),
      "repeated": Double(candidates.repeated),
      "random_fill": Double(fill.count),
      "training_set": Double(state.training.count),
    ]
  }

  /// Reconstruction-only retraining on the training set, drawn by the summed rank weights.
  private func retrain() -> Float {
    let cells = state.progress.history.cells
    let graphs = state.training.map { domain.space.graph(of: cells[$0]) }
    let (regions, ntk) = proxies(of: state.training)
    let weights = TENASRanking.weights(regions: regions, ntk: ntk, factor: configuration.weighting.factor)
    let plan = RetrainingPlan.draw(sampleWeights: weights, weighting: configuration.weighting, ticks: configuration.ticks,
                                   batchSize: configuration.batchSize, using: &state.progress.trainingRNG)
    return model.train(plan, graphs: graphs, values: [Float](repeating: 0, count: graphs.count), using: &state.progress.trainingRNG)
  }

  // MARK: State

  private static var magic: String { "agnet-tenas-state 1" }

  public func saveState() throws -> Data {
    try SearchStateFile.encode(state, model: model.state(), magic: TENASCellSearch.magic)
  }

  public func restoreState(_ data: Data) throws {
    state = try SearchStateFile.decode(State.self, from: data, magic: TENASCellSearch.magic, what: "AG-Net TE-NAS") { checkpoint, source in
      try model.restore(checkpoint, source: source)
    }
  }
}
