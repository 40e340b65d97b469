import NeuralCore
import Randomness

/// AG-Net's accuracy predictor (method document §4): an MLP of `hiddenLayers` Linear(in→in)
/// layers, each followed by ReLU, then Linear(in→1), with in = len(y). It reads the generator's
/// concatenated node and edge logits, so its error flows back into the generator.
public struct AccuracyPredictor: Sendable {
  public let hidden: [Linear]
  public let output: Linear

  public var inputs: Int { output.inputs }

  /// Registers fresh layers `<name>.<i>` (PyTorch's `nn.Linear` initialisation) in `store`.
  public init(name: String = "predictor", inputs: Int, hiddenLayers: Int, in store: ParameterStore,
              using rng: inout Xoshiro256StarStar) {
    precondition(inputs > 0 && hiddenLayers >= 0, "a predictor needs inputs")
    hidden = (0..<hiddenLayers).map { Linear("\(name).\($0)", inputs: inputs, outputs: inputs, in: store, using: &rng) }
    output = Linear("\(name).\(hiddenLayers)", inputs: inputs, outputs: 1, in: store, using: &rng)
  }

  /// Predictions for every row of `x` (rows × inputs), as rows × 1.
  public func callAsFunction(_ x: Tensor, on tape: Tape) -> Tensor {
    var y = x
    for layer in hidden { y = tape.relu(tape.linear(y, layer)) }
    return tape.linear(y, output)
  }
}
