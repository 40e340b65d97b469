import NeuralCore
import Randomness

/// One message-passing layer of the generator's propagation: a message
/// `Linear(2·half → 2·half)(concat(h_source, h_target))` per edge, summed per target node, then
/// `GRUCell(2·half, half)` on every node (nodes without incoming edges get a zero message).
struct MessagePassingLayer {
  let message: Linear
  let update: GRUCell

  init(_ name: String, halfWidth: Int, in store: ParameterStore, using rng: inout Xoshiro256StarStar) {
    message = Linear("\(name).message", inputs: 2 * halfWidth, outputs: 2 * halfWidth, in: store, using: &rng)
    update = GRUCell("\(name).update", inputSize: 2 * halfWidth, hiddenSize: halfWidth, in: store, using: &rng)
  }

  /// New states of all `h.rows` nodes after one round of messages along `sources → targets`.
  func callAsFunction(_ h: Tensor, sources: IndexList, targets: IndexList, on tape: Tape) -> Tensor {
    let messages = tape.aggregateMessages(h, weight: tape.parameter(message.weight), bias: tape.parameter(message.bias!),
                                          sources: sources, targets: targets)
    return tape.gruCell(input: messages, hidden: h, update)
  }
}

/// A gated-sum read-out `h_G = Σ_v sigmoid(g(h_v)) · f(h_v)` per graph.
struct GatedReadout {
  let f: Linear
  let gate: Linear

  init(_ name: String, nodeDimension: Int, graphDimension: Int, in store: ParameterStore, using rng: inout Xoshiro256StarStar) {
    f = Linear("\(name).f", inputs: nodeDimension, outputs: graphDimension, in: store, using: &rng)
    gate = Linear("\(name).gate", inputs: nodeDimension, outputs: 1, in: store, using: &rng)
  }

  /// Sums over the nodes of each graph; `graphOf[v]` is node v's graph among `graphs`.
  func callAsFunction(_ h: Tensor, graphOf: IndexList, graphs: Int, on tape: Tape) -> Tensor {
    let gated = tape.scaleRows(tape.linear(h, f), by: tape.sigmoid(tape.linear(h, gate)))
    return tape.scatterAddRows(gated, graphOf, rows: graphs)
  }
}

/// `Linear(ReLU(Linear(x)))`, the generator's two-layer heads.
struct TwoLayerHead {
  let hidden: Linear
  let output: Linear

  init(_ name: String, inputs: Int, hidden: Int, outputs: Int, in store: ParameterStore, using rng: inout Xoshiro256StarStar) {
    self.hidden = Linear("\(name).hidden", inputs: inputs, outputs: hidden, in: store, using: &rng)
    output = Linear("\(name).output", inputs: hidden, outputs: outputs, in: store, using: &rng)
  }

  func callAsFunction(_ x: Tensor, on tape: Tape) -> Tensor {
    tape.linear(tape.relu(tape.linear(x, hidden)), output)
  }
}
