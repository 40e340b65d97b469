import Randomness

/// A fully connected layer `y = x·Wᵀ + b` with PyTorch's layout (W is outputs × inputs) and init.
public struct Linear: Sendable {
  public let weight: ParameterView
  public let bias: ParameterView?

  public var inputs: Int { weight.cols }
  public var outputs: Int { weight.rows }

  /// Registers `<name>.weight` and `<name>.bias` and initialises them like `nn.Linear`.
  /// `fanIn` overrides the init bound's fan-in (for a layer stored as column blocks).
  public init(_ name: String, inputs: Int, outputs: Int, bias: Bool = true, fanIn: Int? = nil,
              in store: ParameterStore, using rng: inout Xoshiro256StarStar) {
    let bound = linearInitBound(fanIn: fanIn ?? inputs)
    weight = store.register("\(name).weight", rows: outputs, cols: inputs)
    store.initializeUniform(weight, bound: bound, using: &rng)
    if bias {
      let b = store.register("\(name).bias", rows: 1, cols: outputs)
      store.initializeUniform(b, bound: bound, using: &rng)
      self.bias = b
    } else {
      self.bias = nil
    }
  }
}
