/// How a generated graph's edges are drawn from the generator's edge logits.
public enum EdgeSampling: Sendable, Equatable {
  /// Every edge slot on its own, Bernoulli(sigmoid(logit)): the published sampler.
  case independent
  /// DARTS cells (`DARTSCellSpace`): the edges into each edge node are one choice, the earlier
  /// DARTS node it reads, drawn from the softmax of the edge logits (see
  /// `DARTSCellSpace.drawSources`); other slots as `independent`.
  case dartsSources
}

extension GraphVocabulary {
  /// Fixed by the node types and size, so a generator file, which records only those, samples
  /// the same way as the space it was trained on.
  public var edgeSampling: EdgeSampling {
    nodeTypes == DARTSCellSpace.nodeTypes && maxNodes == DARTSCellSpace.graphNodes ? .dartsSources : .independent
  }
}
