import Foundation
import NeuralCore
import Randomness
import SearchSpaces

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

  public init(samples: Int, seed: UInt64) {
    self.samples = samples
    self.seed = seed
  }

  /// What must agree for a checkpoint to be resumed by these options.
  var metadata: [String: String] {
    ["pretraining.samples": String(samples), "pretraining.seed": String(seed), "pretraining.batch_size": String(batchSize),
     "pretraining.learning_rate": String(learningRate), "pretraining.betas": "\(beta1),\(beta2)"]
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
    generator = Generator(configuration: configuration ?? GeneratorConfiguration(vocabulary: space.vocabulary), seed: options.seed)
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
    let expected = options.metadata.merging(["space": space.name]) { a, _ in a }
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
    generator.checkpoint(optimizer: adam, metadata: options.metadata.merging(["space": space.name, "pretraining.done": String(samplesDone)]) { a, _ in a })
  }

  /// The finished generator's file contents: parameters and provenance, no optimizer state.
  public func finalCheckpoint() -> Checkpoint {
    generator.checkpoint(metadata: options.metadata.merging(["space": space.name]) { a, _ in a })
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
    var rng = Xoshiro256StarStar(seed: options.seed, stream: "pretrain-validity", index: tick)
    let graphs = generator.sampleGraphs(count: draws, latent: .uniform3, using: &rng)
    return Double(graphs.filter { space.cell(from: $0) != nil }.count) / Double(max(draws, 1))
  }

  /// Trains to the end. After every tick (and at the end) writes `checkpoint()` to
  /// `checkpointURL` (when given) and reports progress.
  public func run(checkpointURL: URL?, progress: (PretrainingProgress) -> Void) throws {
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
      if let checkpointURL { try checkpoint().write(to: checkpointURL) }
      progress(report)
      (lossTotal, lossBatches) = (0, 0)
    }
  }
}

extension Pretraining {
  /// The whole `agnet pretrain` job: resumes from `<output>.partial` when it exists (and
  /// matches), else starts fresh; checkpoints there every tick; finally writes the generator to
  /// `output` and removes the partial file. An interrupted and resumed run writes the same file
  /// as an uninterrupted one.
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
    try run.run(checkpointURL: partial, progress: progress)
    try run.finalCheckpoint().write(to: output)
    try? FileManager.default.removeItem(at: partial)
  }
}
