import NeuralCore
import SearchSpaces

extension Generator {
  /// Per-sample reconstruction loss (B × 1) of decoded logits against target graphs: mean
  /// cross-entropy over the N node types plus mean BCE-with-logits over the N(N−1)/2 edge
  /// slots (method document §3; the published per-sample form). Targets shorter than N are
  /// padded with `output` nodes and no edges. Weight samples with `tape.scaleRows` before
  /// reducing; the pretraining loss is `tape.mean` of it.
  public func reconstructionLoss(_ output: GeneratorOutput, targets: [CellGraph], on tape: Tape) -> Tensor {
    let (batch, types, maxNodes) = (output.nodeLogits.rows, configuration.typeCount, configuration.maxNodes)
    precondition(targets.count == batch, "\(targets.count) targets for \(batch) decoded graphs")
    let edgeCount = configuration.edgeLogitCount
    var nodeTargets = [Int]()
    nodeTargets.reserveCapacity(batch * maxNodes)
    let edgeTargets = tape.constant(rows: batch, cols: edgeCount) { values in
      values.initialize(repeating: 0)
      for (b, graph) in targets.enumerated() {
        precondition(graph.nodeCount <= maxNodes, "target graph has \(graph.nodeCount) nodes, the generator at most \(maxNodes)")
        for v in 0..<maxNodes { nodeTargets.append(v < graph.nodeCount ? graph.nodeTypes[v] : GraphVocabulary.outputType) }
        for (slot, present) in graph.edges.enumerated() where present { values[b * edgeCount + slot] = 1 }
      }
    }
    let nodeLoss = tape.rowMeans(tape.softmaxCrossEntropy(output.nodeLogits, targets: tape.indices(nodeTargets), classes: types))
    let edgeLoss = tape.rowMeans(tape.bceWithLogits(output.edgeLogits, targets: edgeTargets))
    return tape.add(nodeLoss, edgeLoss)
  }
}
