import AGNet
import Foundation
import NeuralCore
import Optimization
import SearchSpaces

/// `agnet`: the AG-Net search (method document §4) with the shipped pretrained generator of the
/// space, or the one named by the `generator` setting. Every setting has the published default
/// (`AGNetSettings`); `ticks` follows the space unless set.
public struct AGNetMethod: SearchMethod {
  public init() {}
  public var name: String { "agnet" }
  public var summary: String {
    "AG-Net (Lukasik et al. 2022): pretrained generator + predictor, weighted retraining, top predicted candidates"
  }
  public var defaultBatchSize: Int { 16 }
  public typealias Settings = AGNetSettings

  /// The generator copy a run directory keeps, so that a resumed run uses the same weights even
  /// if the source file changes.
  public static let generatorFileName = "agnet-generator.agnet"

  public func prepare<Space: SearchSpace>(_ setup: MethodSetup<Space>) throws -> PreparedMethod<Space> {
    let settings = try settings(setup)
    let configuration = try settings.configuration(space: setup.domain.space.name)
    // Architectures of two cells: the generator draws single cells, searched one phase each.
    if let darts = setup as? MethodSetup<DARTSSpace>,
       let prepared = try AGNetMethod.twoPhaseOptimizers(darts, settings: settings, configuration: configuration) as? PreparedMethod<Space> {
      return prepared
    }
    let domain = setup.domain
    return try AGNetMethod.trialOptimizers(setup, generator: settings.search.generator, method: name) { generator, seed in
      try AGNetOptimizer(domain: domain, generator: generator, configuration: configuration, seed: seed)
    }
  }

  /// Trial optimizers of an AG-Net method, each on a fresh copy of the run's generator (see
  /// `generatorCheckpoint`). One is built here, so a file without a generator of this space fails
  /// once rather than in every trial.
  static func trialOptimizers<Space: SearchSpace>(
    _ setup: MethodSetup<Space>, generator source: String, method: String, make: @escaping @Sendable (Generator, UInt64) throws -> any Optimizer<Space>
  ) throws -> PreparedMethod<Space> {
    // The generator decodes one cell; a DARTS architecture is two, searched in phases only by
    // agnet's and agnet-tenas's two-phase search.
    guard !(setup is MethodSetup<DARTSSpace>) else {
      throw InputError("\(method) searches one-cell spaces only (nasbench201, nasbench101); on darts use agnet or agnet-tenas (or rs, re, ls)")
    }
    let (checkpoint, file) = try generatorCheckpoint(source: source, space: setup.domain.space, runDirectory: setup.runDirectory,
                                                     method: method)
    _ = try make(try generator(checkpoint, file: file), 0)
    return PreparedMethod { seed in try make(try generator(checkpoint, file: file), seed) }
  }

  /// Trial optimizers of the two-phase DARTS search; each phase of each trial gets a fresh copy
  /// of the run's generator.
  static func twoPhaseOptimizers(_ setup: MethodSetup<DARTSSpace>, settings: AGNetSettings,
                                 configuration: AGNetSearchConfiguration) throws -> PreparedMethod<DARTSSpace> {
    let phases = settings.phases
    let (checkpoint, file) = try generatorCheckpoint(source: settings.search.generator, space: setup.domain.space,
                                                     runDirectory: setup.runDirectory, method: "agnet")
    let domain = setup.domain
    let make = { @Sendable (seed: UInt64) throws -> any Optimizer<DARTSSpace> in
      try DARTSTwoPhaseSearch(domain: domain, configuration: configuration, phases: phases, seed: seed) {
        try generator(checkpoint, file: file)
      }
    }
    _ = try make(0)
    return PreparedMethod(makeOptimizer: make)
  }

  /// The pretrained generator for a run: the run directory's copy when it has one, else `source`
  /// (or the shipped generator of `space` when `source` is empty), copied into the run directory.
  /// A generator pretrained on another space is refused; a space file has no shipped generator,
  /// so without `source` the refusal gives the command that makes one (a run never pretrains on
  /// its own: minutes of hidden work, and a generator worth keeping apart from the run).
  public static func generatorCheckpoint<Space: SearchSpace>(source: String, space: Space, runDirectory: URL?,
                                                            method: String) throws -> (Checkpoint, String) {
    let copy = runDirectory?.appendingPathComponent(generatorFileName)
    if let copy, FileManager.default.fileExists(atPath: copy.path) {
      let checkpoint = try inputErrors { try Checkpoint(contentsOf: copy) }
      try inputErrors { try checkpoint.requireGenerator(of: space, file: copy.path) }
      return (checkpoint, copy.path)
    }
    if source.isEmpty, space is any FingerprintedSpace {
      throw InputError("AG-Net on a space file needs a generator pretrained on it (no generator ships for \(InputError.quoted(space.name))): "
        + "run `agnet pretrain --space SPACE_FILE --output \(space.name)-generator.agnet` and pass `--param \(method).generator=\(space.name)-generator.agnet`")
    }
    let url = try inputErrors { source.isEmpty ? try ShippedGenerator.url(space: space.name) : URL(fileURLWithPath: source) }
    let checkpoint = try inputErrors { try Checkpoint(contentsOf: url) }
    try inputErrors { try checkpoint.requireGenerator(of: space, file: url.path) }
    if let copy { try inputErrors { try checkpoint.write(to: copy) } }
    return (checkpoint, url.path)
  }

  public static func generator(_ checkpoint: Checkpoint, file: String) throws -> Generator {
    try inputErrors { try Generator(checkpoint: checkpoint, file: file) }
  }

  /// Checkpoint problems as the one-line input errors the CLI reports.
  private static func inputErrors<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let error as CheckpointError { throw InputError(error.message, file: error.file) }
  }
}
