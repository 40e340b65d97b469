import NeuralCore
import Randomness

/// The hardware-aware predictor (method document §5): §4's MLP with two outputs, accuracy and
/// cost, conditioned on a one-hot of the target device, which is concatenated to its input and to
/// the output of every hidden layer.
public struct ConditionedPredictor: Sendable {
  public let hidden: [Linear]
  /// Columns: accuracy, cost.
  public let output: Linear
  public let devices: Int

  public init(name: String = "hw_predictor", inputs: Int, hiddenLayers: Int, devices: Int, in store: ParameterStore,
              using rng: inout Xoshiro256StarStar) {
    precondition(inputs > 0 && hiddenLayers >= 0 && devices > 0, "a predictor needs inputs and a device")
    self.devices = devices
    hidden = (0..<hiddenLayers).map { Linear("\(name).\($0)", inputs: inputs + devices, outputs: inputs, in: store, using: &rng) }
    output = Linear("\(name).\(hiddenLayers)", inputs: inputs + devices, outputs: 2, in: store, using: &rng)
  }

  /// (accuracy, cost) predictions, each rows × 1, for every row of `x` on `device`.
  public func callAsFunction(_ x: Tensor, device: Int, on tape: Tape) -> (accuracy: Tensor, cost: Tensor) {
    precondition(device >= 0 && device < devices, "device \(device) of \(devices)")
    let oneHot = tape.constant(rows: x.rows, cols: devices, values: (0..<(x.rows * devices)).map { $0 % devices == device ? 1 : 0 })
    var y = x
    for layer in hidden { y = tape.relu(tape.linear(tape.concatColumns([y, oneHot]), layer)) }
    let both = tape.linear(tape.concatColumns([y, oneHot]), output)
    let parts = tape.splitColumns(both, widths: [1, 1])
    return (parts[0], parts[1])
  }
}
