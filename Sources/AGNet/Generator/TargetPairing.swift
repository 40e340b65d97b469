import Foundation
import SearchSpaces

/// How pretraining pairs a batch's latents with its target cells.
public enum TargetPairing: String, Sendable, Equatable, CaseIterable {
  /// Latent b is scored against target b (the published objective). Targets are independent of
  /// z, so the optimum gives every node position and edge slot its marginal frequency in the
  /// space, whatever z: fine when validity lies in the marginals (NAS-Bench-201's fixed
  /// adjacency), not when it lies in correlations between edges (a DARTS edge node must read
  /// exactly one earlier node).
  case independent
  /// Each latent is scored against the target it reconstructs best, one to one (a greedy
  /// minimum-cost matching on the reconstruction losses of the batch): the generator learns a
  /// map from z to whole cells, so each z decodes to sharp, jointly consistent logits.
  case matched
}

enum TargetMatching {
  /// `costs[b][c]`: the reconstruction loss (`Generator.reconstructionLoss`: mean CE over node
  /// positions + mean BCE over edge slots) of decoded graph b against target c, from row-major
  /// logits of B graphs.
  static func costs(nodeLogits: [Float], edgeLogits: [Float], targets: [CellGraph], vocabulary: GraphVocabulary) -> [[Double]] {
    let (types, nodes, slots) = (vocabulary.typeCount, vocabulary.maxNodes, CellGraph.edgeSlots(vocabulary.maxNodes))
    let batch = edgeLogits.count / slots
    let targetTypes = targets.map { graph in (0..<nodes).map { $0 < graph.nodeCount ? graph.nodeTypes[$0] : GraphVocabulary.outputType } }
    let targetEdges = targets.map { graph in (0..<slots).filter { $0 < graph.edges.count && graph.edges[$0] } }
    return (0..<batch).map { b in
      // Per position log-sum-exp and per slot softplus, shared by every target.
      var logSumExp = [Double](repeating: 0, count: nodes)
      for v in 0..<nodes {
        let row = (b * nodes + v) * types
        let top = (0..<types).map { Double(nodeLogits[row + $0]) }.max()!
        logSumExp[v] = top + log((0..<types).reduce(0.0) { $0 + exp(Double(nodeLogits[row + $1]) - top) })
      }
      var softplusTotal = 0.0
      for s in 0..<slots {
        let l = Double(edgeLogits[b * slots + s])
        softplusTotal += max(l, 0) + log1p(exp(-abs(l)))
      }
      return targets.indices.map { c in
        var node = 0.0
        for v in 0..<nodes { node += logSumExp[v] - Double(nodeLogits[(b * nodes + v) * types + targetTypes[c][v]]) }
        var edge = softplusTotal
        for s in targetEdges[c] { edge -= Double(edgeLogits[b * slots + s]) }
        return node / Double(nodes) + edge / Double(slots)
      }
    }
  }

  /// For each decoded graph b, the target it is paired with: pairs taken in order of cost (ties
  /// by b, then c), each graph and target once.
  static func greedyAssignment(_ costs: [[Double]]) -> [Int] {
    let n = costs.count
    var pairs: [(cost: Double, b: Int, c: Int)] = []
    pairs.reserveCapacity(n * n)
    for b in 0..<n { for c in 0..<n { pairs.append((costs[b][c], b, c)) } }
    pairs.sort { ($0.cost, $0.b, $0.c) < ($1.cost, $1.b, $1.c) }
    var assigned = [Int](repeating: -1, count: n)
    var taken = [Bool](repeating: false, count: n)
    var left = n
    for pair in pairs where left > 0 && assigned[pair.b] < 0 && !taken[pair.c] {
      assigned[pair.b] = pair.c
      taken[pair.c] = true
      left -= 1
    }
    return assigned
  }
}
