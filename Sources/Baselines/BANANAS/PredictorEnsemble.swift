import NeuralCore
import Randomness

/// Feature vectors of several cells, one row each, row-major.
public struct FeatureRows {
  public let values: [Float]
  public let width: Int

  public init(values: [Float], width: Int) {
    self.values = values
    self.width = width
  }

  public var count: Int { values.count / width }
}

/// BANANAS's predictor: an ensemble of fully connected ReLU networks (features → `hiddenLayers`
/// × `width` → 1), each initialised and trained independently, whose spread of predictions
/// stands in for the uncertainty of a Bayesian model.
///
/// All members live in one `ParameterStore` and train in lockstep: one tape step runs a
/// mini-batch through every member (each member draws its own batches), one backward pass and
/// one Adam update cover them all. Members share no parameters, so this is exactly the separate
/// training of each, with a fraction of the bookkeeping.
public final class PredictorEnsemble {
  struct Layer {
    let weight: ParameterView
    let bias: ParameterView
  }

  let inputs: Int
  /// Per member: the hidden layers, then the output layer.
  let members: [[Layer]]
  let parameters = ParameterStore()
  private let tape: Tape

  public init(inputs: Int, memberCount: Int, hiddenLayers: Int, width: Int) {
    self.inputs = inputs
    let widths = [inputs] + Array(repeating: width, count: hiddenLayers) + [1]
    let store = parameters
    members = (0..<memberCount).map { member in
      (1..<widths.count).map { layer in
        Layer(weight: store.register("member\(member).layer\(layer).weight", rows: widths[layer], cols: widths[layer - 1]),
              bias: store.register("member\(member).layer\(layer).bias", rows: 1, cols: widths[layer]))
      }
    }
    tape = Tape(parameters: store)
  }

  /// Glorot-uniform weights and zero biases: how the reference code's Keras layers start.
  public func initialize(using rng: inout Xoshiro256StarStar) {
    for layers in members {
      for layer in layers {
        let bound = (6 / Float(layer.weight.rows + layer.weight.cols)).squareRoot()
        parameters.initializeUniform(layer.weight, bound: bound, using: &rng)
        (parameters.values + layer.bias.offset).update(repeating: 0, count: layer.bias.count)
      }
    }
  }

  /// Trains every member from its current parameters: Adam (β = 0.9, 0.99, ε = 1e-7, as Keras)
  /// on the mean absolute error, `epochs` passes over the rows in mini-batches of `batchSize`
  /// (the last one smaller), each member in its own order, reshuffled every epoch.
  public func train(_ features: FeatureRows, targets: [Float], epochs: Int, batchSize: Int, learningRate: Float,
             using rng: inout Xoshiro256StarStar) {
    let n = features.count
    precondition(targets.count == n && n > 0, "one target per row, at least one row")
    let adam = Adam(parameters: parameters, learningRate: learningRate, betas: (0.9, 0.99), epsilon: 1e-7)
    var orders = Array(repeating: Array(0..<n), count: members.count)
    for _ in 0..<epochs {
      for member in orders.indices { rng.shuffle(&orders[member]) }
      var start = 0
      while start < n {
        let end = min(start + batchSize, n)
        parameters.zeroGradients()
        accumulateGradients(features, targets: targets, batches: orders.map { $0[start..<end] })
        adam.update()
        start = end
      }
    }
  }

  /// Adds to the store's gradients the gradient of Σ_members mean_{r ∈ batch} |f(x_r) − y_r|,
  /// member m on the rows `batches[m]` (all batches of one size), and returns that sum.
  @discardableResult
  func accumulateGradients(_ features: FeatureRows, targets: [Float], batches: [ArraySlice<Int>]) -> Float {
    precondition(batches.count == members.count, "one batch per member")
    let size = batches[0].count
    precondition(size > 0 && batches.allSatisfy { $0.count == size }, "batches of one positive size")
    tape.reset()
    var errors: [Tensor] = []
    for (member, rows) in batches.enumerated() {
      let x = tape.constant(rows: size, cols: inputs) { buffer in
        features.values.withUnsafeBufferPointer { source in
          for (i, row) in rows.enumerated() {
            (buffer.baseAddress! + i * inputs).update(from: source.baseAddress! + row * inputs, count: inputs)
          }
        }
      }
      let negatedTargets = tape.constant(rows: size, cols: 1) { buffer in
        for (i, row) in rows.enumerated() { buffer[i] = -targets[row] }
      }
      let difference = tape.add(forward(member, x), negatedTargets)
      // |d| = relu(d) + relu(−d); its gradient at d = 0 is 0, as for PyTorch's and Keras' MAE.
      errors.append(tape.add(tape.relu(difference), tape.relu(tape.scale(difference, by: -1))))
    }
    let loss = tape.sum(tape.concatRows(errors), times: 1 / Float(size))
    tape.backward(loss)
    return loss.value[0]
  }

  /// Every member's outputs for the rows: `predictions[member][row]`.
  public func predict(_ features: FeatureRows) -> [[Float]] {
    tape.reset()
    defer { tape.reset() }
    let x = tape.constant(rows: features.count, cols: inputs, values: features.values)
    return members.indices.map { forward($0, x).values }
  }

  private func forward(_ member: Int, _ x: Tensor) -> Tensor {
    let layers = members[member]
    var h = x
    for (index, layer) in layers.enumerated() {
      h = tape.linear(h, weight: tape.parameter(layer.weight), bias: tape.parameter(layer.bias))
      if index < layers.count - 1 { h = tape.relu(h) }
    }
    return h
  }
}
