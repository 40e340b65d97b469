import Randomness

// PyTorch's default initialisations, so that a model starts where the published code starts.
extension ParameterStore {
  /// Fills a parameter with U(−bound, bound), row-major, one draw per value.
  public func initializeUniform(_ view: ParameterView, bound: Float, using rng: inout Xoshiro256StarStar) {
    for i in 0..<view.count { values[view.offset + i] = rng.uniform(-bound, bound) }
  }
}

/// The bound of PyTorch's `nn.Linear` init: kaiming-uniform with a = √5 for the weight, which is
/// U(−1/√fan_in, 1/√fan_in), and the same bound for the bias.
@inlinable
public func linearInitBound(fanIn: Int) -> Float { 1 / Float(fanIn).squareRoot() }
