import XCTest
@testable import NeuralCore

final class AdamTests: XCTestCase {
  /// Two steps computed by hand (in Double) from PyTorch's update rule, with L2 weight decay.
  func testMatchesHandComputedSteps() {
    let store = ParameterStore()
    let w = store.register("w", rows: 1, cols: 3)
    store.setValues([1, -2, 0.5], of: w)
    let adam = Adam(parameters: store, learningRate: 0.1, betas: (0.5, 0.9), epsilon: 1e-3, weightDecay: 0.01)
    let gradients: [[Double]] = [[0.2, -0.4, 0], [0.1, 0.3, -1]]
    var p: [Double] = [1, -2, 0.5], m = [0.0, 0, 0], v = [0.0, 0, 0]
    for (t, g) in gradients.enumerated() {
      for i in 0..<3 { store.gradients[i] = Float(g[i]) }
      adam.update()
      let step = Double(t + 1)
      for i in 0..<3 {
        let grad = g[i] + 0.01 * p[i]
        m[i] = 0.5 * m[i] + 0.5 * grad
        v[i] = 0.9 * v[i] + 0.1 * grad * grad
        let mHat = m[i] / (1 - pow(0.5, step)), vHat = v[i] / (1 - pow(0.9, step))
        p[i] -= 0.1 * mHat / (vHat.squareRoot() + 1e-3)
      }
      for i in 0..<3 { XCTAssertEqual(Double(store.values[i]), p[i], accuracy: 1e-6) }
    }
    XCTAssertEqual(adam.step, 2)
  }

  /// A first step moves every parameter by about lr against its gradient's sign.
  func testFirstStepSize() {
    let store = ParameterStore()
    let w = store.register("w", rows: 2, cols: 9) // 18: two full lanes and a tail
    let adam = Adam(parameters: store, learningRate: 0.01)
    for i in 0..<18 { store.gradients[i] = i % 2 == 0 ? 3 : -0.5 }
    adam.update()
    for (i, value) in store.values(of: w).enumerated() { XCTAssertEqual(value, i % 2 == 0 ? -0.01 : 0.01, accuracy: 1e-6) }
  }
}
