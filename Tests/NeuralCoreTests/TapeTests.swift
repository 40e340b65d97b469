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
