import Randomness
import XCTest
@testable import NeuralCore

/// A test input: a rows × cols matrix of values.
struct Matrix {
  var rows: Int
  var cols: Int
  var values: [Float]

  init(_ rows: Int, _ cols: Int, values: [Float]) {
    precondition(values.count == rows * cols)
    (self.rows, self.cols, self.values) = (rows, cols, values)
  }

  /// Uniform in [low, high), away from zero by `gap` when given (for kinks such as ReLU's).
  static func random(_ rows: Int, _ cols: Int, seed: UInt64, low: Float = -1, high: Float = 1, gap: Float = 0) -> Matrix {
    var rng = Xoshiro256StarStar(seed: seed, stream: "test-matrix")
    return Matrix(rows, cols, values: (0..<(rows * cols)).map { _ in
      var v = rng.uniform(low, high)
      while abs(v) < gap { v = rng.uniform(low, high) }
      return v
    })
  }
}

// Finite-difference gradient checks in Float: central differences with step 1e-2 on inputs of
// order 1, the loss Σ out·R (R fixed random weights, so every output entry matters differently)
// accumulated in Double. Float rounding then contributes ~1e-5 and the O(h²) truncation ~1e-4,
// so analytic and numeric derivatives must agree within 2e-3 + 1e-2·|derivative|; a wrong
// formula misses by O(1).
let finiteDifferenceStep: Float = 1e-2
let absoluteTolerance: Float = 2e-3
let relativeTolerance: Float = 1e-2

/// Checks the gradients of `build`'s output with respect to every entry of every input.
func assertGradientsMatch(_ inputs: [Matrix], backend: MatmulBackend = .blas, seed: UInt64 = 99,
                          file: StaticString = #filePath, line: UInt = #line,
                          _ build: (Tape, [Tensor]) -> Tensor) {
  let tape = Tape(backend: backend)
  var weights: [Float] = []
  func loss(_ values: [[Float]], keepGradients: Bool) -> (Double, [[Float]]) {
    tape.reset()
    let leaves = zip(inputs, values).map { tape.variable(rows: $0.rows, cols: $0.cols, values: $1) }
    let out = build(tape, leaves)
    if weights.isEmpty {
      var rng = Xoshiro256StarStar(seed: seed, stream: "test-weights")
      weights = (0..<out.count).map { _ in rng.uniform(-1, 1) }
    }
    var total = 0.0
    for i in 0..<out.count { total += Double(out.value[i]) * Double(weights[i]) }
    guard keepGradients else { return (total, []) }
    let r = tape.constant(rows: out.rows, cols: out.cols, values: weights)
    tape.backward(tape.sum(tape.multiply(out, r)))
    return (total, leaves.map { $0.gradients! })
  }
  let base = inputs.map(\.values)
  let (_, analytic) = loss(base, keepGradients: true)
  for (k, input) in inputs.enumerated() {
    for i in 0..<input.values.count {
      var plus = base, minus = base
      plus[k][i] += finiteDifferenceStep
      minus[k][i] -= finiteDifferenceStep
      let numeric = Float((loss(plus, keepGradients: false).0 - loss(minus, keepGradients: false).0) / (2 * Double(finiteDifferenceStep)))
      let a = analytic[k][i]
      if abs(a - numeric) > absoluteTolerance + relativeTolerance * abs(numeric) {
        XCTFail("input \(k) entry \(i): analytic \(a), numeric \(numeric)", file: file, line: line)
        return
      }
    }
  }
}

/// Checks the gradients of a scalar loss with respect to (a sample of) a store's parameters.
func assertParameterGradientsMatch(_ store: ParameterStore, every stride: Int = 1, file: StaticString = #filePath,
                                   line: UInt = #line, _ loss: (Tape) -> Tensor) {
  let tape = Tape(parameters: store)
  func evaluate() -> Double {
    tape.reset()
    return Double(loss(tape).value[0])
  }
  store.zeroGradients()
  tape.reset()
  tape.backward(loss(tape))
  let analytic = Array(store.gradientBuffer)
  var checked = 0
  for i in Swift.stride(from: 0, to: store.count, by: stride) {
    let original = store.values[i]
    store.values[i] = original + finiteDifferenceStep
    let up = evaluate()
    store.values[i] = original - finiteDifferenceStep
    let down = evaluate()
    store.values[i] = original
    let numeric = Float((up - down) / (2 * Double(finiteDifferenceStep)))
    checked += 1
    if abs(analytic[i] - numeric) > absoluteTolerance + relativeTolerance * abs(numeric) {
      let name = store.entries.last { $0.view.offset <= i }!.name
      XCTFail("parameter \(i) (\(name)): analytic \(analytic[i]), numeric \(numeric)", file: file, line: line)
      return
    }
  }
  XCTAssertGreaterThan(checked, 0, file: file, line: line)
}
