import Foundation
import NeuralCore
import SearchSpaces

extension Generator {
  /// A checkpoint of the parameters (and `optimizer` state, for resuming) with the generator's
  /// configuration in the metadata, plus `metadata`.
  public func checkpoint(optimizer: Adam? = nil, metadata: [String: String] = [:]) -> Checkpoint {
    Checkpoint(parameters: parameters, optimizer: optimizer, metadata: metadata.merging(configuration.metadata) { _, own in own })
  }

  /// A generator restored from a checkpoint written by `checkpoint(...)`; `CheckpointError`
  /// naming `file` when it holds no or another generator.
  public convenience init(checkpoint: Checkpoint, file: String) throws {
    guard let configuration = GeneratorConfiguration(metadata: checkpoint.metadata) else {
      throw CheckpointError("not a generator checkpoint (no generator configuration in its metadata)", file: file)
    }
    self.init(configuration: configuration, seed: 0)
    try checkpoint.restore(into: parameters, file: file)
  }

  public convenience init(contentsOf url: URL) throws {
    try self.init(checkpoint: try Checkpoint(contentsOf: url), file: url.path)
  }

  /// Writes parameters and configuration (no optimizer state) to `url`.
  public func write(to url: URL, metadata: [String: String] = [:]) throws {
    try checkpoint(metadata: metadata).write(to: url)
  }
}
