import Randomness
import XCTest
@testable import NeuralCore

/// End-to-end gradient check of a small GRU message-passing network with all parameters in a
/// store: two graphs, messages along the edges, a GRU update, gated sum read-out, a loss mixing
/// cross-entropy, BCE and weighted squared error.
final class NetworkGradientTests: XCTestCase {
  func testGRUMessagePassingNetwork() {
    var rng = Xoshiro256StarStar(seed: 5, stream: "network-test")
    let store = ParameterStore()
    let message = Linear("message", inputs: 8, outputs: 6, in: store, using: &rng)
    let cell = GRUCell("update", inputSize: 6, hiddenSize: 4, in: store, using: &rng)
    let gate = Linear("gate", inputs: 4, outputs: 1, in: store, using: &rng)
    let readout = Linear("readout", inputs: 4, outputs: 3, in: store, using: &rng)
    // Two graphs of 3 and 2 nodes: 0→1, 0→2, 1→2 and 3→4.
    let (sources, targets, graphOf) = ([0, 0, 1, 3], [1, 2, 2, 4], [0, 0, 0, 1, 1])
    let states = Matrix.random(5, 4, seed: 30).values
    for backend in MatmulBackend.allCases {
      assertParameterGradientsMatch(store, every: 3) { tape in
        tape.backend = backend
        let h = tape.constant(rows: 5, cols: 4, values: states)
        let (src, dst) = (tape.indices(sources), tape.indices(targets))
        var state = h
        for _ in 0..<2 { // the same layer twice: parameters used twice accumulate
          let m = tape.linear(tape.concatColumns([tape.gatherRows(state, src), tape.gatherRows(state, dst)]), message)
          state = tape.gruCell(input: tape.scatterAddRows(m, dst, rows: 5), hidden: state, cell)
        }
        let gated = tape.scaleRows(tape.tanh(state), by: tape.sigmoid(tape.linear(state, gate)))
        let graphs = tape.linear(tape.relu(tape.scatterAddRows(gated, tape.indices(graphOf), rows: 2)), readout)
        let ce = tape.softmaxCrossEntropy(graphs, targets: tape.indices([2, 0]), classes: 3)
        let bce = tape.rowMeans(tape.bceWithLogits(graphs, targets: tape.constant(rows: 2, cols: 3, values: [1, 0, 1, 0, 0, 1])))
        let mse = tape.squaredError(tape.sliceColumns(graphs, start: 0, width: 1), tape.constant(rows: 2, cols: 1, values: [0.3, -0.2]))
        let perSample = tape.add(tape.add(ce, bce), mse)
        return tape.mean(tape.scaleRows(perSample, by: tape.constant(rows: 2, cols: 1, values: [0.25, 1.5])))
      }
    }
  }
}
