import Foundation
import Randomness
import SearchSpaces

/// Turns a graph's logits into a discrete cell graph (method document §2): the last node is
/// forced to `output`, node types are drawn from their categorical logits and the graph is cut
/// at the first `output`, edges are drawn from Bernoulli(sigmoid(logit)) and the adjacency is
/// cropped to the kept nodes. DARTS cells draw the edges into their edge nodes as one choice
/// each (`EdgeSampling.dartsSources`).
///
/// Draws, per graph: N node types in node order, then all N(N−1)/2 edges in slot order (the
/// edges of cut nodes are drawn too, so one graph's draws never depend on its own node types).
public struct GraphSampler: Sendable {
  public let vocabulary: GraphVocabulary

  public init(vocabulary: GraphVocabulary) { self.vocabulary = vocabulary }

  /// One graph from node logits (N·A) and edge logits (N(N−1)/2).
  public func sample(nodeLogits: UnsafePointer<Float>, edgeLogits: UnsafePointer<Float>,
                     using rng: inout Xoshiro256StarStar) -> CellGraph {
    let (types, maxNodes) = (vocabulary.typeCount, vocabulary.maxNodes)
    var nodeTypes: [Int] = []
    var probabilities = [Double](repeating: 0, count: types)
    for v in 0..<maxNodes {
      if v == maxNodes - 1 {
        nodeTypes.append(GraphVocabulary.outputType)
        break
      }
      let logits = nodeLogits + v * types
      var top = logits[0]
      for c in 1..<types { top = max(top, logits[c]) }
      for c in 0..<types { probabilities[c] = Foundation.exp(Double(logits[c] - top)) }
      nodeTypes.append(rng.categorical(probabilities))
    }
    let kept = nodeTypes.firstIndex(of: GraphVocabulary.outputType)! + 1
    var edges = [Bool](repeating: false, count: CellGraph.edgeSlots(maxNodes))
    for slot in 0..<edges.count {
      edges[slot] = rng.bernoulli(1 / (1 + Foundation.exp(-Double(edgeLogits[slot]))))
    }
    if vocabulary.edgeSampling == .dartsSources { DARTSCellSpace.drawSources(edges: &edges, edgeLogits: edgeLogits, using: &rng) }
    return CellGraph(nodeTypes: Array(nodeTypes[..<kept]), edges: Array(edges[..<CellGraph.edgeSlots(kept)]))
  }

  /// One graph per row of B × N·A node logits and B × N(N−1)/2 edge logits (row-major values).
  public func sample(nodeLogits: [Float], edgeLogits: [Float], using rng: inout Xoshiro256StarStar) -> [CellGraph] {
    let (nodeWidth, edgeWidth) = (vocabulary.maxNodes * vocabulary.typeCount, CellGraph.edgeSlots(vocabulary.maxNodes))
    precondition(nodeLogits.count % nodeWidth == 0 && edgeLogits.count / edgeWidth == nodeLogits.count / nodeWidth,
                 "logits do not match the vocabulary's graph size")
    return nodeLogits.withUnsafeBufferPointer { nodes in
      edgeLogits.withUnsafeBufferPointer { edges in
        (0..<(nodeLogits.count / nodeWidth)).map {
          sample(nodeLogits: nodes.baseAddress! + $0 * nodeWidth, edgeLogits: edges.baseAddress! + $0 * edgeWidth, using: &rng)
        }
      }
    }
  }
}
