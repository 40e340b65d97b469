import Foundation
import Randomness
import SearchSpaces

/// How good a generator's cells are (method document §3): validity, uniqueness, coverage, and
/// node-type and edge frequencies beside the space's own.
public struct GenerationQuality: Codable, Equatable, Sendable {
  public var draws: Int
  public var valid: Int
  public var distinctValid: Int
  /// Cells in the space, when known (for coverage).
  public var spaceSize: Int?
  /// Share of each node type among the N node slots of the drawn graphs (padded with `output`,
  /// as in the encoding y), by type name; and the same over the space's cells.
  public var nodeTypeFrequencies: [String: Double]
  public var spaceNodeTypeFrequencies: [String: Double]
  /// Share of drawn graphs having each edge slot (target-major order), and the same for the space.
  public var edgeFrequencies: [Double]
  public var spaceEdgeFrequencies: [Double]

  public var validity: Double { Double(valid) / Double(max(draws, 1)) }
  /// Distinct valid cells per valid cell.
  public var uniqueness: Double { Double(distinctValid) / Double(max(valid, 1)) }
  /// Distinct valid cells per cell of the space.
  public var coverage: Double? { spaceSize.map { Double(distinctValid) / Double($0) } }

  /// Measures `graphs` against the space (whose frequencies come from `reference`, cells drawn
  /// uniformly from it).
  public init<Space: SearchSpace>(graphs: [CellGraph], space: Space, reference: SpaceFrequencies, spaceSize: Int?) {
    draws = graphs.count
    var distinct = Set<Space.Cell>()
    var validCount = 0
    for graph in graphs {
      if let cell = space.cell(from: graph) {
        validCount += 1
        distinct.insert(cell)
      }
    }
    valid = validCount
    distinctValid = distinct.count
    self.spaceSize = spaceSize
    let drawn = SpaceFrequencies(graphs: graphs, vocabulary: space.vocabulary)
    nodeTypeFrequencies = drawn.nodeTypeShares
    spaceNodeTypeFrequencies = reference.nodeTypeShares
    edgeFrequencies = drawn.edgeShares
    spaceEdgeFrequencies = reference.edgeShares
  }
}

extension GenerationQuality {
  /// The quality `agnet generate --checkpoint G --count COUNT --seed SEED` reports (z ~ U(−3, 3),
  /// the search's latents): `count` cells of `generator` measured against `space`, with coverage
  /// over the space's distinct cells where it can count them.
  public static func measure<Space: SearchSpace>(_ generator: Generator, on space: Space, count: Int = 10_000,
                                                 seed: UInt64) -> GenerationQuality {
    var rng = Xoshiro256StarStar(seed: seed, stream: "generate")
    let graphs = generator.sampleGraphs(count: count, latent: .uniform3, using: &rng)
    return GenerationQuality(graphs: graphs, space: space, reference: SpaceFrequencies(space: space, seed: seed),
                             spaceSize: space.distinctCellCount)
  }

  /// One line: validity, distinct valid cells and coverage (when the space size is known).
  public var summary: String {
    var line = String(format: "validity %.2f%% (%d of %d draws), %d distinct valid cells (uniqueness %.2f%%)",
                      100 * validity, valid, draws, distinctValid, 100 * uniqueness)
    if let coverage, let spaceSize { line += String(format: ", coverage %.2f%% of %d cells", 100 * coverage, spaceSize) }
    return line
  }
}

/// Per-position node-type and per-slot edge frequencies of a set of graphs, read from their
/// padded encodings y.
public struct SpaceFrequencies: Equatable, Sendable {
  public let vocabulary: GraphVocabulary
  /// [position][type]: share of graphs whose node at that position has that type.
  public let nodeTypes: [[Double]]
  /// [slot]: share of graphs with that edge.
  public let edgeShares: [Double]

  public init(graphs: [CellGraph], vocabulary: GraphVocabulary) {
    self.vocabulary = vocabulary
    let (types, nodes) = (vocabulary.typeCount, vocabulary.maxNodes)
    var nodeCounts = [[Double]](repeating: [Double](repeating: 0, count: types), count: nodes)
    var edgeCounts = [Double](repeating: 0, count: CellGraph.edgeSlots(nodes))
    for graph in graphs {
      let y = vocabulary.encoding(of: graph)
      for v in 0..<nodes { for t in 0..<types { nodeCounts[v][t] += Double(y[v * types + t]) } }
      for s in 0..<edgeCounts.count { edgeCounts[s] += Double(y[nodes * types + s]) }
    }
    let n = Double(max(graphs.count, 1))
    nodeTypes = nodeCounts.map { $0.map { $0 / n } }
    edgeShares = edgeCounts.map { $0 / n }
  }

  /// `count` cells drawn uniformly from the space (stream "space-frequencies" of `seed`).
  public init<Space: SearchSpace>(space: Space, count: Int = 10_000, seed: UInt64 = 0) {
    var rng = Xoshiro256StarStar(seed: seed, stream: "space-frequencies")
    self.init(graphs: (0..<count).map { _ in space.graph(of: space.randomCell(using: &rng)) }, vocabulary: space.vocabulary)
  }

  init(vocabulary: GraphVocabulary, nodeTypes: [[Double]], edgeShares: [Double]) {
    (self.vocabulary, self.nodeTypes, self.edgeShares) = (vocabulary, nodeTypes, edgeShares)
  }

  /// The same frequencies pooled: one node-type distribution for every position (the shares
  /// over all positions) and one edge probability for every slot (the mean edge density).
  public var pooled: SpaceFrequencies {
    let shares = (0..<vocabulary.typeCount).map { t in nodeTypes.reduce(0) { $0 + $1[t] } / Double(vocabulary.maxNodes) }
    let density = edgeShares.reduce(0, +) / Double(max(edgeShares.count, 1))
    return SpaceFrequencies(vocabulary: vocabulary, nodeTypes: nodeTypes.map { _ in shares },
                            edgeShares: edgeShares.map { _ in density })
  }

  /// Share of each type over all node positions, by type name.
  public var nodeTypeShares: [String: Double] {
    var shares: [String: Double] = [:]
    for (t, name) in vocabulary.nodeTypes.enumerated() {
      shares[name] = nodeTypes.reduce(0) { $0 + $1[t] } / Double(vocabulary.maxNodes)
    }
    return shares
  }

  /// "Learnt nothing": graphs whose node types and edges are drawn independently with these
  /// frequencies, through the same sampler as the generator's (logits log p and logit p).
  ///
  /// With per-position frequencies this is also what the pretraining objective converges to:
  /// the target cells are drawn independently of z, so each node's cross-entropy and each
  /// edge's BCE is smallest at the space's marginal frequency of that position, whatever z.
  public func independentGraphs(count: Int, seed: UInt64) -> [CellGraph] {
    func logit(_ p: Double) -> Float { Float(Foundation.log(max(p, 1e-9)) - Foundation.log(max(1 - p, 1e-9))) }
    let nodeLogits = nodeTypes.flatMap { $0.map { Float(Foundation.log(max($0, 1e-9))) } }
    let edgeLogits = edgeShares.map(logit)
    var rng = Xoshiro256StarStar(seed: seed, stream: "independent-baseline")
    let sampler = GraphSampler(vocabulary: vocabulary)
    return nodeLogits.withUnsafeBufferPointer { nodes in
      edgeLogits.withUnsafeBufferPointer { edges in
        (0..<count).map { _ in sampler.sample(nodeLogits: nodes.baseAddress!, edgeLogits: edges.baseAddress!, using: &rng) }
      }
    }
  }
}
