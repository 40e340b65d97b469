import Randomness

/// PyTorch's `nn.GRUCell` parameters: gates stacked r, z, n in the rows of both weights.
public struct GRUCell: Sendable {
  public let weightIH: ParameterView
  public let weightHH: ParameterView
  public let biasIH: ParameterView
  public let biasHH: ParameterView

  public var inputSize: Int { weightIH.cols }
  public var hiddenSize: Int { weightHH.cols }

  /// Registers `<name>.weight_ih`, `.weight_hh`, `.bias_ih`, `.bias_hh`, all U(−1/√hidden, 1/√hidden).
  public init(_ name: String, inputSize: Int, hiddenSize: Int, in store: ParameterStore,
              using rng: inout Xoshiro256StarStar) {
    let bound = 1 / Float(hiddenSize).squareRoot()
    weightIH = store.register("\(name).weight_ih", rows: 3 * hiddenSize, cols: inputSize)
    weightHH = store.register("\(name).weight_hh", rows: 3 * hiddenSize, cols: hiddenSize)
    biasIH = store.register("\(name).bias_ih", rows: 1, cols: 3 * hiddenSize)
    biasHH = store.register("\(name).bias_hh", rows: 1, cols: 3 * hiddenSize)
    for view in [weightIH, weightHH, biasIH, biasHH] { store.initializeUniform(view, bound: bound, using: &rng) }
  }
}
