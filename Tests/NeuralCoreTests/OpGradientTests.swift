import XCTest
@testable import NeuralCore

/// One finite-difference check per op (see GradientCheck.swift for the tolerance argument).
final class OpGradientTests: XCTestCase {
  func testLinearWithAndWithoutBias() {
    let inputs = [Matrix.random(5, 3, seed: 1), .random(4, 3, seed: 2), .random(1, 4, seed: 3)]
    for backend in MatmulBackend.allCases {
      assertGradientsMatch(inputs, backend: backend) { t, x in t.linear(x[0], weight: x[1], bias: x[2]) }
      assertGradientsMatch(inputs, backend: backend) { t, x in t.linear(x[0], weight: x[1], bias: nil) }
    }
  }

  func testLinearOnAColumnBlockOfTheWeight() {
    let inputs = [Matrix.random(5, 3, seed: 1), .random(4, 7, seed: 2), .random(1, 4, seed: 3)]
    for backend in MatmulBackend.allCases {
      assertGradientsMatch(inputs, backend: backend) { t, x in t.linear(x[0], weight: x[1], columns: 2..<5, bias: x[2]) }
    }
    // Blocks of one weight applied to the parts of a concatenation add up to the whole layer.
    let tape = Tape()
    let (a, b) = (tape.constant(rows: 5, cols: 3, values: inputs[0].values), tape.constant(rows: 5, cols: 4, values: Matrix.random(5, 4, seed: 4).values))
    let w = tape.constant(rows: 4, cols: 7, values: inputs[1].values)
    let whole = tape.linear(tape.concatColumns([a, b]), weight: w, bias: nil)
    let parts = tape.add(tape.linear(a, weight: w, columns: 0..<3, bias: nil), tape.linear(b, weight: w, columns: 3..<7, bias: nil))
    for i in 0..<whole.count { XCTAssertEqual(whole.value[i], parts.value[i], accuracy: 1e-5) }
  }

  func testMatmulAllTransposeCombinations() {
    for backend in MatmulBackend.allCases {
      for transposeA in [false, true] {
        for transposeB in [false, true] {
          let a = transposeA ? Matrix.random(3, 4, seed: 4) : Matrix.random(4, 3, seed: 4)
          let b = transposeB ? Matrix.random(5, 3, seed: 5) : Matrix.random(3, 5, seed: 5)
          assertGradientsMatch([a, b], backend: backend) { t, x in
            t.matmul(x[0], x[1], transposeA: transposeA, transposeB: transposeB)
          }
        }
      }
    }
  }

  func testAddMultiplyScale() {
    let inputs = [Matrix.random(3, 4, seed: 6), .random(3, 4, seed: 7)]
    assertGradientsMatch(inputs) { t, x in t.add(x[0], x[1]) }
    assertGradientsMatch(inputs) { t, x in t.multiply(x[0], x[1]) }
    assertGradientsMatch(inputs) { t, x in t.scale(x[0], by: -2.5) }
    // The same tensor on both sides accumulates both contributions.
    assertGradientsMatch(inputs) { t, x in t.multiply(x[0], x[0]) }
  }

  func testBiasAndRowScaling() {
    assertGradientsMatch([.random(4, 11, seed: 8), .random(1, 11, seed: 9)]) { t, x in t.addBias(x[0], x[1]) }
    assertGradientsMatch([.random(4, 11, seed: 10), .random(4, 1, seed: 11)]) { t, x in t.scaleRows(x[0], by: x[1]) }
  }

  func testActivations() {
    // 19 columns: two full SIMD chunks and a partial one.
    let x = Matrix.random(3, 19, seed: 12, low: -3, high: 3, gap: 0.05)
    assertGradientsMatch([x]) { t, x in t.relu(x[0]) }
    assertGradientsMatch([x]) { t, x in t.sigmoid(x[0]) }
    assertGradientsMatch([x]) { t, x in t.tanh(x[0]) }
  }

  func testConcatSliceSplitAndStack() {
    let inputs = [Matrix.random(3, 2, seed: 13), .random(3, 5, seed: 14)]
    assertGradientsMatch(inputs) { t, x in t.concatColumns([x[0], x[1], x[0]]) }
    assertGradientsMatch(inputs) { t, x in t.sliceColumns(x[1], start: 1, width: 3) }
    assertGradientsMatch(inputs) { t, x in
      let parts = t.splitColumns(x[1], widths: [2, 3])
      return t.multiply(parts[0], x[0])
    }
    assertGradientsMatch([.random(2, 4, seed: 15), .random(3, 4, seed: 16)]) { t, x in t.concatRows([x[0], x[1]]) }
    assertGradientsMatch([.random(3, 4, seed: 15)]) { t, x in t.transposed(x[0]) }
    // A reshaped view passes gradients straight through.
    assertGradientsMatch([.random(3, 4, seed: 15)]) { t, x in t.multiply(t.reshaped(x[0], rows: 2, cols: 6), t.reshaped(x[0], rows: 2, cols: 6)) }
  }

  func testGatherAndScatterAdd() {
    let indices = [2, 0, 2, 1, 3, 2]
    assertGradientsMatch([.random(4, 5, seed: 17)]) { t, x in t.gatherRows(x[0], t.indices(indices)) }
    // Row 4 of the result receives nothing.
    assertGradientsMatch([.random(6, 5, seed: 18)]) { t, x in t.scatterAddRows(x[0], t.indices(indices), rows: 5) }
    // 9 columns: a full SIMD chunk and a tail.
    assertGradientsMatch([.random(4, 9, seed: 19)]) { t, x in
      t.edgeSum(x[0], sources: t.indices([0, 0, 1, 3, 3]), targets: t.indices([1, 2, 2, 0, 4]), rows: 5)
    }
  }

  func testAggregateMessages() {
    // Edges 0→1, 2→1, 1→2, 3→0, 0→3; node 4 receives nothing.
    let (sources, targets) = ([0, 2, 1, 3, 0], [1, 1, 2, 0, 3])
    let inputs = [Matrix.random(5, 3, seed: 21), .random(4, 6, seed: 22), .random(1, 4, seed: 23)]
    for backend in MatmulBackend.allCases {
      assertGradientsMatch(inputs, backend: backend) { t, x in
        t.aggregateMessages(x[0], weight: x[1], bias: x[2], sources: t.indices(sources), targets: t.indices(targets))
      }
    }
    // Same values as the per-edge definition.
    let tape = Tape()
    let (h, w, b) = (tape.constant(rows: 5, cols: 3, values: inputs[0].values), tape.constant(rows: 4, cols: 6, values: inputs[1].values),
                     tape.constant(rows: 1, cols: 4, values: inputs[2].values))
    let (src, dst) = (tape.indices(sources), tape.indices(targets))
    let perEdge = tape.linear(tape.concatColumns([tape.gatherRows(h, src), tape.gatherRows(h, dst)]), weight: w, bias: b)
    let expected = tape.scatterAddRows(perEdge, dst, rows: 5)
    let fused = tape.aggregateMessages(h, weight: w, bias: b, sources: src, targets: dst)
    for i in 0..<expected.count { XCTAssertEqual(fused.value[i], expected.value[i], accuracy: 1e-5) }
  }

  func testEdgeSumEqualsGatherThenScatter() {
    let tape = Tape()
    let x = tape.constant(rows: 4, cols: 3, values: Matrix.random(4, 3, seed: 20).values)
    let (src, dst) = (tape.indices([0, 2, 1, 3, 0]), tape.indices([1, 1, 2, 0, 3]))
    let fused = tape.edgeSum(x, sources: src, targets: dst, rows: 4)
    let plain = tape.scatterAddRows(tape.gatherRows(x, src), dst, rows: 4)
    // Exact on purpose: both add the same rows into zeros in edge order, no BLAS, no reassociation.
    XCTAssertEqual(fused.values, plain.values)
  }

  func testGRUCell() {
    // hidden 5 exercises the partial SIMD chunk; hidden 16 the full ones.
    for (inputs, hidden) in [(3, 5), (4, 16)] {
      let matrices = [Matrix.random(4, inputs, seed: 19), .random(4, hidden, seed: 20),
                      .random(3 * hidden, inputs, seed: 21), .random(3 * hidden, hidden, seed: 22),
                      .random(1, 3 * hidden, seed: 23), .random(1, 3 * hidden, seed: 24)]
      for backend in MatmulBackend.allCases {
        assertGradientsMatch(matrices, backend: backend) { t, x in
          t.gruCell(input: x[0], hidden: x[1], weightIH: x[2], weightHH: x[3], biasIH: x[4], biasHH: x[5])
        }
      }
    }
  }

  func testSoftmaxCrossEntropy() {
    // 2 rows of 3 groups of 4 classes.
    let targets = [0, 3, 1, 2, 2, 0]
    assertGradientsMatch([.random(2, 12, seed: 25, low: -2, high: 2)]) { t, x in
      t.softmaxCrossEntropy(x[0], targets: t.indices(targets), classes: 4)
    }
  }

  func testBCEWithLogitsAndSquaredError() {
    let logits = Matrix.random(3, 9, seed: 26, low: -4, high: 4)
    let targets = Matrix(3, 9, values: (0..<27).map { Float($0 % 3) / 2 })
    assertGradientsMatch([logits, targets]) { t, x in t.bceWithLogits(x[0], targets: x[1]) }
    assertGradientsMatch([.random(3, 9, seed: 27), .random(3, 9, seed: 28)]) { t, x in t.squaredError(x[0], x[1]) }
  }

  func testReductions() {
    let x = Matrix.random(4, 6, seed: 29)
    assertGradientsMatch([x]) { t, x in t.sum(x[0], times: 0.5) }
    assertGradientsMatch([x]) { t, x in t.mean(x[0]) }
    assertGradientsMatch([x]) { t, x in t.rowSums(x[0]) }
    assertGradientsMatch([x]) { t, x in t.rowMeans(x[0]) }
  }

  func testLossValuesMatchDefinitions() {
    let tape = Tape()
    let logits = tape.constant(rows: 1, cols: 3, values: [1, 2, 3])
    let ce = tape.softmaxCrossEntropy(logits, targets: tape.indices([0]), classes: 3)
    XCTAssertEqual(Double(ce.value[0]), log(exp(1.0) + exp(2) + exp(3)) - 1, accuracy: 1e-5)
    let x = tape.constant(rows: 1, cols: 3, values: [-30, 0.5, 30])
    let bce = tape.bceWithLogits(x, targets: tape.constant(rows: 1, cols: 3, values: [1, 0, 1]))
    let expected: [Double] = [30, log(1 + exp(0.5)), log(1 + exp(-30))]
    for i in 0..<3 { XCTAssertEqual(Double(bce.value[i]), expected[i], accuracy: 1e-5 * max(1, expected[i])) }
  }
}
