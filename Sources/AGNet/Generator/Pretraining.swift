import Foundation
import NeuralCore
import Randomness
import SearchSpaces

/// Which checkpoint of a pretraining run becomes the generator.
public enum CheckpointSelection: String, Sendable, Equatable, CaseIterable {
  /// The parameters after the last sample.
  case last
  /// The tick whose generator draws the most valid cells among `selectionDraws` latents
  /// z ~ N(0, I), the earliest on ties: the published code's measurement (`Measurements.measure`
  /// on 10,000 cells of `G.generate`) and its `best_models` rule for validity, which is how the
  /// published `best.model` files were picked among the per-tick checkpoints.
  case bestValidity = "best-validity"
}

/// Settings of a pretraining run (method document §3 defaults).
public struct PretrainingOptions: Sendable, Equatable {
  public var samples: Int
  public var seed: UInt64
  public var batchSize = 32
  public var learningRate: Float = 2e-4
  public var beta1: Float = 0.5
  public var beta2: Float = 0.999
  /// Samples between checkpoints and quality measurements.
  public var tickSamples = 100_000
  /// Generated cells (z ~ U(−3, 3)) behind each validity measurement.
  public var validityDraws = 1_000
  public var selection = CheckpointSelection.last
  /// Generated cells (z ~ N(0, I)) behind each tick's measurement for `.bestValidity`.
  public var selectionDraws = 10_000

  public init(samples: Int, seed: UInt64) {
    self.samples = samples
    self.seed = seed
  }

  /// What must agree for a checkpoint to be resumed by these options.
  var metadata: [String: String] {
    var metadata = ["pretraining.samples": String(samples), "pretraining.seed": String(seed), "pretraining.batch_size": String(batchSize),
                    "pretraining.learning_rate": String(learningRate), "pretraining.betas": "\(beta1),\(beta2)"]
    if selection != .last {
      // The ticks are the candidates, so their size is part of what is selected.
      metadata["pretraining.selection"] = "\(selection.rawValue) of \(selectionDraws) draws every \(tickSamples) samples"
    }
    return metadata
  }
}

/// Where a pretraining run stands, reported after every tick.
public struct PretrainingProgress: Sendable {
  public var samplesDone: Int
  public var totalSamples: Int
  /// Mean training loss over the batches since the previous report.
  public var loss: Double
  /// Share of valid cells among `validityDraws` generated cells, measured at this tick.
  public var validity: Double
  /// Samples per second over this session (not counting resumed work).
  public var samplesPerSecond: Double
}

/// Pretraining of the generator without an encoder (method document §3): z ~ N(0, I), decode,
/// score against uniformly drawn real cells of the space (CE over node types + BCE over edges),
/// Adam.
///
/// Batch k draws its latents and its target cells from streams of (seed, k), so a run can stop
/// after any batch and resume from a checkpoint to the same final parameters bit for bit.
public final class Pretraining<Space: SearchSpace> {
  public let space: Space
  public let options: PretrainingOptions
  public let generator: Generator
  let adam: Adam
  let shards: ShardedGradients
  public private(set) var samplesDone = 0

  /// A fresh run: the generator is initialised from the options' seed.
  public init(space: Space, options: PretrainingOptions, configuration: GeneratorConfiguration? = nil) {
    precondition(options.samples > 0 && options.batchSize > 0 && options.tickSamples > 0, "pretraining needs positive sizes")
    self.space = space
    self.options = options
    generator = Generator(configuration: configuration ?? GeneratorConfiguration.published(for: space), seed: options.seed)
    adam = Adam(parameters: generator.parameters, learningRate: options.learningRate, betas: (options.beta1, options.beta2))
    shards = ShardedGradients(parameters: generator.parameters, shards: Pretraining.shardCount)
  }

  /// Continues the run saved in `checkpoint` (written by `checkpoint()`); a `CheckpointError`
  /// naming `file` when it belongs to another space or other options.
  public convenience init(space: Space, options: PretrainingOptions, resuming checkpoint: Checkpoint, file: String) throws {
    guard let configuration = GeneratorConfiguration(metadata: checkpoint.metadata) else {
      throw CheckpointError("not a generator checkpoint", file: file)
    }
    self.init(space: space, options: options, configuration: configuration)
    try checkpoint.requireGenerator(of: space, file: file)
    let expected = options.metadata.merging(GeneratorProvenance(of: space).metadata) { a, _ in a }
    for key in expected.keys.sorted() where checkpoint.metadata[key] != expected[key] {
      throw CheckpointError("was written by a run with \(key) = \(checkpoint.metadata[key] ?? "none"), this run has \(expected[key]!)", file: file)
    }
    guard let done = checkpoint.metadata["pretraining.done"].flatMap(Int.init), (0...options.samples).contains(done) else {
      throw CheckpointError("has no valid count of samples done", file: file)
    }
    try checkpoint.restore(into: generator.parameters, optimizer: adam, file: file)
    samplesDone = done
  }

  /// Every batch is split in two halves that train concurrently (results do not depend on the
  /// number of cores).
  public static var shardCount: Int { 2 }

  public var isFinished: Bool { samplesDone >= options.samples }

  /// Parameters, optimizer state and progress, for resuming.
  public func checkpoint() -> Checkpoint {
    generator.checkpoint(optimizer: adam, metadata: options.metadata.merging(GeneratorProvenance(of: space).metadata) { a, _ in a }
      .merging(["pretraining.done": String(samplesDone)]) { a, _ in a })
  }

  /// The finished generator's file contents: parameters and provenance, no optimizer state.
  public func finalCheckpoint() -> Checkpoint {
    generator.checkpoint(metadata: options.metadata.merging(GeneratorProvenance(of: space).metadata) { a, _ in a })
  }

  /// Trains the next batch; returns its loss.
  @discardableResult
  public func trainNextBatch() -> Float {
    precondition(!isFinished, "pretraining is finished")
    let index = UInt64(samplesDone / options.batchSize)
    let size = min(options.batchSize, options.samples - samplesDone)
    var latentRNG = Xoshiro256StarStar(seed: options.seed, stream: "pretrain-latents", index: index)
    var cellRNG = Xoshiro256StarStar(seed: options.seed, stream: "pretrain-cells", index: index)
    let latents = LatentDistribution.normal.draw(count: size, dimension: generator.configuration.graphDimension, using: &latentRNG)
    let targets = (0..<size).map { _ in space.graph(of: space.randomCell(using: &cellRNG)) }
    let dimension = generator.configuration.graphDimension
    let losses = shards.step { shard, tape in
      let rows = ShardedGradients.rows(ofShard: shard, count: size, shards: Pretraining.shardCount)
      let z = tape.constant(rows: rows.count, cols: dimension, values: Array(latents[(rows.lowerBound * dimension)..<(rows.upperBound * dimension)]))
      let perSample = generator.reconstructionLoss(generator.decode(z, on: tape), targets: Array(targets[rows]), on: tape)
      return tape.sum(perSample, times: 1 / Float(size))
    }
    adam.update()
    samplesDone += size
    return losses.reduce(0, +)
  }

  /// Share of valid cells among generated ones (z ~ U(−3, 3)), drawn from stream `tick`.
  public func validity(draws: Int, tick: UInt64) -> Double {
    validity(draws: draws, latent: .uniform3, rng: Xoshiro256StarStar(seed: options.seed, stream: "pretrain-validity", index: tick))
  }

  /// `.bestValidity`'s measurement at a tick (z ~ N(0, I), its own stream).
  func selectionValidity(tick: UInt64) -> Double {
    validity(draws: options.selectionDraws, latent: .normal,
             rng: Xoshiro256StarStar(seed: options.seed, stream: "pretrain-selection", index: tick))
  }

  private func validity(draws: Int, latent: LatentDistribution, rng: Xoshiro256StarStar) -> Double {
    var rng = rng
    let graphs = generator.sampleGraphs(count: draws, latent: latent, using: &rng)
    return Double(graphs.filter { space.cell(from: $0) != nil }.count) / Double(max(draws, 1))
  }

  /// The generator file of the current parameters, as a selected checkpoint (`selected`), with
  /// the measurement that selected it.
  func selectedCheckpoint(validity: Double) -> Checkpoint {
    var checkpoint = finalCheckpoint()
    checkpoint.metadata["pretraining.selected_at"] = String(samplesDone)
    checkpoint.metadata["pretraining.selected_validity"] = String(validity)
    return checkpoint
  }

  /// Trains to the end. After every tick (and at the end) writes `checkpoint()` to
  /// `checkpointURL` (when given) and reports progress. With `.bestValidity` selection, a tick
  /// that beats `selected`'s validity is written to `selectedURL` first (so a kill between the
  /// two writes only repeats the tick).
  public func run(checkpointURL: URL?, selectedURL: URL? = nil, progress: (PretrainingProgress) -> Void) throws {
    var bestValidity = -1.0
    if options.selection == .bestValidity, let selectedURL, FileManager.default.fileExists(atPath: selectedURL.path) {
      let selected = try Checkpoint(contentsOf: selectedURL)
      guard let value = selected.metadata["pretraining.selected_validity"].flatMap(Double.init) else {
        throw CheckpointError("is not a selected pretraining checkpoint", file: selectedURL.path)
      }
      bestValidity = value
    }
    let clock = ContinuousClock()
    let start = clock.now
    let startSamples = samplesDone
    var lossTotal = 0.0, lossBatches = 0
    while !isFinished {
      let tickBefore = samplesDone / options.tickSamples
      lossTotal += Double(trainNextBatch())
      lossBatches += 1
      let tick = samplesDone / options.tickSamples
      guard tick != tickBefore || isFinished else { continue }
      let elapsed = clock.now - start
      let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
      let report = PretrainingProgress(samplesDone: samplesDone, totalSamples: options.samples, loss: lossTotal / Double(lossBatches),
                                       validity: validity(draws: options.validityDraws, tick: UInt64(tick)),
                                       samplesPerSecond: Double(samplesDone - startSamples) / max(seconds, 1e-9))
      if options.selection == .bestValidity {
        let measured = selectionValidity(tick: UInt64(tick))
        if measured > bestValidity {
          bestValidity = measured
          if let selectedURL { try selectedCheckpoint(validity: measured).write(to: selectedURL) }
        }
      }
      if let checkpointURL { try checkpoint().write(to: checkpointURL) }
      progress(report)
      (lossTotal, lossBatches) = (0, 0)
    }
  }
}

extension Pretraining {
  /// The whole `agnet pretrain` job: resumes from `<output>.partial` when it exists (and
  /// matches), else starts fresh; checkpoints there every tick (and the selected tick so far to
  /// `<output>.selected`); finally writes the generator (the last or the selected parameters)
  /// to `output` and removes the other files. An interrupted and resumed run writes the same
  /// file as an uninterrupted one.
  public static func train(space: Space, options: PretrainingOptions, output: URL,
                           resumed: (Int) -> Void = { _ in }, progress: (PretrainingProgress) -> Void) throws {
    let partial = output.appendingPathExtension("partial")
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: output.deletingLastPathComponent().path, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw CheckpointError("cannot write: no folder \(output.deletingLastPathComponent().path)", file: output.path)
    }
    let run: Pretraining
    if FileManager.default.fileExists(atPath: partial.path) {
      run = try Pretraining(space: space, options: options, resuming: try Checkpoint(contentsOf: partial), file: partial.path)
      resumed(run.samplesDone)
    } else {
      run = Pretraining(space: space, options: options)
    }
    let selected = output.appendingPathExtension("selected")
    if run.samplesDone == 0 { try? FileManager.default.removeItem(at: selected) } // left by another run
    try run.run(checkpointURL: partial, selectedURL: selected, progress: progress)
    if options.selection == .last {
      try run.finalCheckpoint().write(to: output)
    } else {
      try Checkpoint(contentsOf: selected).write(to: output)
    }
    try? FileManager.default.removeItem(at: partial)
    try? FileManager.default.removeItem(at: selected)
  }
}
