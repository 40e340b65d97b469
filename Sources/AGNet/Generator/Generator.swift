import Foundation
import NeuralCore
import Randomness
import SearchSpaces

/// The AG-Net generator (method document §2): decodes latent vectors into node-type logits and
/// edge logits of a cell graph, one node at a time.
///
/// A whole batch is decoded together on one tape. Node states are stored node-major (row
/// `u·B + b` is node u of graph b), so a node keeps its row as the graphs grow, appending a node
/// is stacking B rows, and the batch's message passing is one gather/scatter over one edge list.
public final class Generator {
  public let configuration: GeneratorConfiguration
  public let parameters: ParameterStore

  let forwardLayers: [MessagePassingLayer]
  let backwardLayers: [MessagePassingLayer]
  let decisionReadout: GatedReadout
  let initReadout: GatedReadout
  let nodeType: TwoLayerHead
  let embedding: TwoLayerHead
  let nodeInit: TwoLayerHead
  let inputInit: TwoLayerHead
  /// Edge head, first layer over concat(h_u, h_new, h_G, z): applied in two column blocks
  /// (node part per node, the rest once per graph).
  let edgeHidden: Linear
  let edgeOutput: Linear

  /// A freshly initialised generator (PyTorch's default init, drawn from `seed`).
  public init(configuration: GeneratorConfiguration, seed: UInt64) {
    self.configuration = configuration
    let store = ParameterStore()
    parameters = store
    var rng = Xoshiro256StarStar(seed: seed, stream: "generator-init")
    let (n, g, a, half) = (configuration.nodeDimension, configuration.graphDimension, configuration.typeCount, configuration.nodeDimension / 2)
    forwardLayers = (0..<configuration.propagationLayers).map {
      MessagePassingLayer("propagation.forward.\($0)", halfWidth: half, in: store, using: &rng)
    }
    backwardLayers = (0..<configuration.propagationLayers).map {
      MessagePassingLayer("propagation.backward.\($0)", halfWidth: half, in: store, using: &rng)
    }
    decisionReadout = GatedReadout("readout.decision", nodeDimension: n, graphDimension: g, in: store, using: &rng)
    initReadout = GatedReadout("readout.init", nodeDimension: n, graphDimension: g, in: store, using: &rng)
    nodeType = TwoLayerHead("node_type", inputs: 2 * g, hidden: g, outputs: a, in: store, using: &rng)
    embedding = TwoLayerHead("embedding", inputs: a, hidden: n, outputs: n, in: store, using: &rng)
    nodeInit = TwoLayerHead("node_init", inputs: n + 2 * g, hidden: n + g, outputs: n, in: store, using: &rng)
    inputInit = TwoLayerHead("input_init", inputs: n + g, hidden: n + g, outputs: n, in: store, using: &rng)
    edgeHidden = Linear("edge.hidden", inputs: 2 * n + 2 * g, outputs: n + g, in: store, using: &rng)
    edgeOutput = Linear("edge.output", inputs: n + g, outputs: 1, in: store, using: &rng)
  }

  /// Raw edge logits above this make an edge of the partial graph the next steps propagate over
  /// (the published code thresholds logits, not probabilities: deterministic given z).
  public static let edgeThreshold: Float = 0.5
  /// The fixed logit of the input node's type and of the edge into the first added node.
  public static let fixedLogit: Float = 20

  /// Decodes latents (B × gdim) on `tape`, which must be bound to `parameters`. With a tape that
  /// differentiates parameters (and/or latents that are variables), a loss on the output
  /// backpropagates into the generator.
  public func decode(_ z: Tensor, on tape: Tape) -> GeneratorOutput {
    precondition(tape.parameters === parameters, "decode needs a tape bound to this generator's parameters")
    precondition(z.cols == configuration.graphDimension, "latents have \(z.cols) values, the generator expects \(configuration.graphDimension)")
    let (batch, types, maxNodes, n) = (z.rows, configuration.typeCount, configuration.maxNodes, configuration.nodeDimension)
    let inputOneHot = tape.constant(rows: batch, cols: types) { values in
      values.initialize(repeating: 0)
      for b in 0..<batch { values[b * types + GraphVocabulary.inputType] = 1 }
    }
    var nodeLogits = [tape.scale(inputOneHot, by: Generator.fixedLogit)]
    var edgeLogits: [Tensor] = []
    var states = inputInit(tape.concatColumns([embedding(inputOneHot, on: tape), z]), on: tape)
    var sources: [Int] = [], targets: [Int] = []
    for step in 1..<maxNodes {
      let nodes = batch * step
      let graphOf = tape.indices((0..<nodes).map { $0 % batch })
      let decision: Tensor, initial: Tensor
      if step == 1 {
        // A one-node graph: no propagation, and the read-out is f(h) without the gate.
        decision = tape.linear(states, decisionReadout.f)
        initial = tape.linear(states, initReadout.f)
      } else {
        states = propagate(states, sources: sources, targets: targets, on: tape)
        decision = decisionReadout(states, graphOf: graphOf, graphs: batch, on: tape)
        initial = initReadout(states, graphOf: graphOf, graphs: batch, on: tape)
      }
      let typeLogits = nodeType(tape.concatColumns([decision, z]), on: tape)
      nodeLogits.append(typeLogits)
      let newState = nodeInit(tape.concatColumns([embedding(typeLogits, on: tape), initial, z]), on: tape)
      if step == 1 {
        edgeLogits.append(tape.constant(rows: batch, cols: 1, repeating: Generator.fixedLogit))
        sources += 0..<batch
        targets += batch..<(2 * batch)
      } else {
        let w = tape.parameter(edgeHidden.weight)
        let perNode = tape.linear(states, weight: w, columns: 0..<n, bias: nil)
        let perGraph = tape.linear(tape.concatColumns([newState, decision, z]), weight: w, columns: n..<w.cols,
                                   bias: tape.parameter(edgeHidden.bias!))
        let hidden = tape.relu(tape.add(perNode, tape.gatherRows(perGraph, graphOf)))
        // Rows u·B + b, read as a step × B matrix, transposed to B × step (sources in order).
        let logits = tape.transposed(tape.reshaped(tape.linear(hidden, edgeOutput), rows: step, cols: batch))
        edgeLogits.append(logits)
        // Edges into the last node are only output: no step propagates over them.
        for b in 0..<batch where step < maxNodes - 1 {
          for u in 0..<step where logits.value[b * step + u] > Generator.edgeThreshold {
            sources.append(u * batch + b)
            targets.append(step * batch + b)
          }
        }
      }
      if step < maxNodes - 1 { states = tape.concatRows([states, newState]) }
    }
    return GeneratorOutput(nodeLogits: tape.concatColumns(nodeLogits), edgeLogits: tape.concatColumns(edgeLogits),
                           partialGraphEdges: zip(sources, targets).map { (graph: $0 % batch, from: $0 / batch, to: $1 / batch) })
  }

  /// The forward half runs `propagationLayers` rounds along the edges, the backward half along
  /// the reversed edges; the halves are joined again.
  func propagate(_ states: Tensor, sources: [Int], targets: [Int], on tape: Tape) -> Tensor {
    let half = configuration.nodeDimension / 2
    let (src, dst) = (tape.indices(sources), tape.indices(targets))
    var forward = tape.sliceColumns(states, start: 0, width: half)
    var backward = tape.sliceColumns(states, start: half, width: half)
    for layer in forwardLayers { forward = layer(forward, sources: src, targets: dst, on: tape) }
    for layer in backwardLayers { backward = layer(backward, sources: dst, targets: src, on: tape) }
    return tape.concatColumns([forward, backward])
  }
}

/// What the generator decodes for a batch of B latents.
public struct GeneratorOutput {
  /// B × N·A: per node, the type logits (node 0's are fixed at 20·one-hot(input)).
  public let nodeLogits: Tensor
  /// B × N(N−1)/2: per edge slot (target-major, `CellGraph.edgeIndex`), the logit (the edge into
  /// node 1 is fixed at 20).
  public let edgeLogits: Tensor

  /// The edges the decoder propagated over (raw logit above `edgeThreshold`), per graph of the
  /// batch, in decoding order.
  public let partialGraphEdges: [(graph: Int, from: Int, to: Int)]

  /// concat(node logits, edge logits), B × len(y): what AG-Net's predictor reads.
  public func encodingLogits(on tape: Tape) -> Tensor { tape.concatColumns([nodeLogits, edgeLogits]) }
}
