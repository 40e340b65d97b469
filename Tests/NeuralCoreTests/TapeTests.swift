import Randomness
import XCTest
@testable import NeuralCore

final class TapeTests: XCTestCase {
  func testConstantsStayConstantsAndRecordNothing() {
    let tape = Tape()
    let a = tape.constant(rows: 2, cols: 2, values: [1, 2, 3, 4])
    let b = tape.relu(tape.linear(a, weight: a, bias: nil))
    XCTAssertNil(b.grad)
    XCTAssertTrue(tape.backwardSteps.isEmpty)
    let v = tape.variable(rows: 2, cols: 2, values: [1, 1, 1, 1])
    XCTAssertNotNil(tape.add(a, v).grad)
    XCTAssertEqual(tape.backwardSteps.count, 1)
  }

  func testArenaReusesMemoryAfterReset() {
    let tape = Tape()
    for step in 0..<3 {
      tape.reset()
      // More than the initial block, so the first step spills into a second block.
      let big = tape.constant(rows: 300, cols: 300, repeating: 1)
      let small = tape.constant(rows: 1, cols: 1, repeating: 2)
      XCTAssertEqual(big.value[89_999], 1)
      XCTAssertEqual(small.value[0], 2)
      XCTAssertEqual(tape.floats.blockCount, step == 0 ? 2 : 1, "after the first step the blocks are merged into one")
    }
    tape.reset()
    let again = tape.constant(rows: 1, cols: 1, repeating: 3)
    tape.reset()
    XCTAssertEqual(tape.constant(rows: 1, cols: 1, repeating: 4).value, again.value, "a reset tape hands out the same memory")
  }

  func testParameterGradientsAccumulateAcrossUses() {
    let store = ParameterStore()
    let w = store.register("w", rows: 1, cols: 2)
    store.setValues([2, -1], of: w)
    let tape = Tape(parameters: store)
    let p = tape.parameter(w)
    // loss = Σ p² + Σ 3p  →  dloss/dp = 2p + 3.
    tape.backward(tape.add(tape.sum(tape.multiply(p, p)), tape.sum(p, times: 3)))
    XCTAssertEqual(Array(store.gradientBuffer), [7, 1])
    store.zeroGradients()
    XCTAssertEqual(Array(store.gradientBuffer), [0, 0])
  }

  func testInferenceModeTreatsParametersAsConstants() {
    let store = ParameterStore()
    let w = store.register("w", rows: 2, cols: 2)
    let tape = Tape(parameters: store)
    tape.differentiatesParameters = false
    let y = tape.linear(tape.constant(rows: 1, cols: 2, values: [1, 2]), weight: tape.parameter(w), bias: nil)
    XCTAssertNil(y.grad)
    XCTAssertTrue(tape.backwardSteps.isEmpty)
  }

  func testWorkerGradientBuffer() {
    let store = ParameterStore()
    let w = store.register("w", rows: 1, cols: 1)
    let own = UnsafeMutablePointer<Float>.allocate(capacity: 1)
    defer { own.deallocate() }
    own[0] = 0
    let tape = Tape(parameters: store, gradients: own)
    tape.backward(tape.sum(tape.parameter(w), times: 5))
    XCTAssertEqual(own[0], 5)
    XCTAssertEqual(store.gradients[0], 0)
  }
}

final class ShardedGradientsTests: XCTestCase {
  /// Two shards' summed gradients equal one tape's over the whole batch.
  func testShardGradientsSumToTheWholeBatchGradient() {
    let store = ParameterStore()
    var rng = Randomness.Xoshiro256StarStar(seed: 1)
    let layer = Linear("l", inputs: 3, outputs: 2, in: store, using: &rng)
    let x = Matrix.random(5, 3, seed: 2).values
    func loss(_ tape: Tape, rows: Range<Int>) -> Tensor {
      let input = tape.constant(rows: rows.count, cols: 3, values: Array(x[(rows.lowerBound * 3)..<(rows.upperBound * 3)]))
      return tape.sum(tape.tanh(tape.linear(input, layer)), times: 0.2)
    }
    let whole = Tape(parameters: store)
    store.zeroGradients()
    whole.backward(loss(whole, rows: 0..<5))
    let expected = Array(store.gradientBuffer)
    store.zeroGradients()
    let values = ShardedGradients(parameters: store, shards: 2).step { shard, tape in loss(tape, rows: shard == 0 ? 0..<3 : 3..<5) }
    XCTAssertEqual(values.count, 2)
    for (a, b) in zip(Array(store.gradientBuffer), expected) { XCTAssertEqual(a, b, accuracy: 1e-6) }
  }
}
