import SearchSpaces

/// The sizes of an AG-Net generator and the graph vocabulary it draws from (method document §2).
public struct GeneratorConfiguration: Hashable, Sendable {
  public var vocabulary: GraphVocabulary
  /// ndim: width of a node state (split into forward and backward halves).
  public var nodeDimension: Int
  /// gdim: width of the latent vector and of the graph read-outs.
  public var graphDimension: Int
  /// Message-passing layers in each direction (2 for NAS-Bench-101/201, 4 for DARTS).
  public var propagationLayers: Int

  public init(vocabulary: GraphVocabulary, nodeDimension: Int = 32, graphDimension: Int = 32, propagationLayers: Int = 2) {
    precondition(nodeDimension % 2 == 0, "the node state splits into two halves")
    precondition(vocabulary.maxNodes >= 2 && vocabulary.typeCount >= 2, "a graph vocabulary needs input and output")
    self.vocabulary = vocabulary
    self.nodeDimension = nodeDimension
    self.graphDimension = graphDimension
    self.propagationLayers = propagationLayers
  }

  /// The published sizes for a generator of `space`: 4 message-passing layers for DARTS (the
  /// published NAS-Bench-301 generator), 2 elsewhere; node and graph dimensions 32 everywhere.
  public static func published<Space: SearchSpace>(for space: Space) -> GeneratorConfiguration {
    let layers: Int
    switch BuiltInSpace(of: space) {
    case .darts: layers = 4
    case .nasbench201, .nasbench101, nil: layers = 2
    }
    return GeneratorConfiguration(vocabulary: space.vocabulary, propagationLayers: layers)
  }

  /// A: node types.
  public var typeCount: Int { vocabulary.typeCount }
  /// N: nodes of a full graph.
  public var maxNodes: Int { vocabulary.maxNodes }
  /// N·A node logits per graph.
  public var nodeLogitCount: Int { maxNodes * typeCount }
  /// N(N−1)/2 edge logits per graph.
  public var edgeLogitCount: Int { CellGraph.edgeSlots(maxNodes) }

  // MARK: As checkpoint metadata

  var metadata: [String: String] {
    ["generator.node_types": vocabulary.nodeTypes.joined(separator: ","),
     "generator.max_nodes": String(maxNodes),
     "generator.node_dimension": String(nodeDimension),
     "generator.graph_dimension": String(graphDimension),
     "generator.propagation_layers": String(propagationLayers)]
  }

  /// Reads the configuration written by `metadata`; nil when a key is missing or malformed.
  init?(metadata: [String: String]) {
    guard let types = metadata["generator.node_types"]?.split(separator: ",").map(String.init), types.count >= 2,
          let maxNodes = metadata["generator.max_nodes"].flatMap(Int.init), maxNodes >= 2,
          let nodeDimension = metadata["generator.node_dimension"].flatMap(Int.init), nodeDimension > 0, nodeDimension % 2 == 0,
          let graphDimension = metadata["generator.graph_dimension"].flatMap(Int.init), graphDimension > 0,
          let layers = metadata["generator.propagation_layers"].flatMap(Int.init), layers > 0
    else { return nil }
    self.init(vocabulary: GraphVocabulary(nodeTypes: types, maxNodes: maxNodes), nodeDimension: nodeDimension,
              graphDimension: graphDimension, propagationLayers: layers)
  }
}
