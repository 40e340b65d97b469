import Randomness
import SearchSpaces
import XCTest
@testable import AGNet

final class GeneratorSamplingTests: XCTestCase {
  let vocabulary = GraphVocabulary(nodeTypes: ["output", "input", "a", "b"], maxNodes: 5)

  /// Logits so large that sampling is certain: one-hot(type)·50, edges ±50.
  func logits(types: [Int], edges: [Bool]) -> (nodes: [Float], edges: [Float]) {
    var nodes = [Float](repeating: -50, count: 5 * 4)
    for (v, t) in types.enumerated() { nodes[v * 4 + t] = 50 }
    return (nodes, edges.map { $0 ? 50 : -50 })
  }

  func testCutAtFirstOutputAndCropEdges() {
    var rng = Xoshiro256StarStar(seed: 1)
    let edgeBits = (0..<10).map { $0 % 3 != 1 }
    let (nodes, edges) = logits(types: [1, 2, 0, 3, 2], edges: edgeBits)
    let graph = GraphSampler(vocabulary: vocabulary).sample(nodeLogits: nodes, edgeLogits: edges, using: &rng)[0]
    XCTAssertEqual(graph.nodeTypes, [1, 2, 0])
    XCTAssertEqual(graph.edges, Array(edgeBits[0..<3]))
  }

  func testLastNodeIsForcedToOutput() {
    var rng = Xoshiro256StarStar(seed: 2)
    let (nodes, edges) = logits(types: [1, 2, 3, 2, 3], edges: [Bool](repeating: true, count: 10))
    let graph = GraphSampler(vocabulary: vocabulary).sample(nodeLogits: nodes, edgeLogits: edges, using: &rng)[0]
    XCTAssertEqual(graph.nodeTypes, [1, 2, 3, 2, 0])
    XCTAssertEqual(graph.edges.count, 10)
  }

  func testEdgesAreBernoulliOfSigmoid() {
    var rng = Xoshiro256StarStar(seed: 3)
    var (nodes, _) = logits(types: [1, 2, 3, 2, 0], edges: [])
    nodes = nodes + nodes
    let edges = [Float](repeating: Float(log(0.25 / 0.75)), count: 20)
    var present = 0, total = 0
    let sampler = GraphSampler(vocabulary: vocabulary)
    for _ in 0..<500 {
      for graph in sampler.sample(nodeLogits: nodes, edgeLogits: edges, using: &rng) {
        present += graph.edges.filter { $0 }.count
        total += graph.edges.count
      }
    }
    XCTAssertEqual(Double(present) / Double(total), 0.25, accuracy: 0.015)
  }

  func testQualityOfTheSpaceItselfAndTheIndependentBaseline() {
    let space = NASBench201Space()
    var rng = Xoshiro256StarStar(seed: 4)
    let graphs = (0..<300).map { _ in space.graph(of: space.randomCell(using: &rng)) }
    let reference = SpaceFrequencies(space: space, count: 2_000, seed: 5)
    let quality = GenerationQuality(graphs: graphs, space: space, reference: reference, spaceSize: 15_625)
    XCTAssertEqual(quality.validity, 1)
    XCTAssertEqual(quality.distinctValid, Set(graphs).count)
    XCTAssertEqual(quality.coverage!, Double(quality.distinctValid) / 15_625, accuracy: 1e-12)
    XCTAssertEqual(quality.nodeTypeFrequencies["input"]!, 1.0 / 8, accuracy: 1e-9)
    XCTAssertEqual(quality.spaceEdgeFrequencies[CellGraph.edgeIndex(from: 0, to: 1)], 1)
    // Drawing node types independently (five ops, six positions) and the fixed edges, almost
    // every baseline graph is valid for NAS-Bench-201; a broken baseline would not be.
    let baseline = GenerationQuality(graphs: reference.independentGraphs(count: 500, seed: 6), space: space, reference: reference, spaceSize: 15_625)
    XCTAssertGreaterThan(baseline.validity, 0.95)
    // Pooled, every position may draw input or output and every slot an edge: rarely valid.
    let pooled = reference.pooled
    XCTAssertEqual(pooled.nodeTypes[3], pooled.nodeTypes[0])
    XCTAssertEqual(pooled.edgeShares[0], 10.0 / 28, accuracy: 1e-9)
    XCTAssertLessThan(GenerationQuality(graphs: pooled.independentGraphs(count: 500, seed: 6), space: space, reference: reference, spaceSize: 15_625).validity, 0.05)
  }
}
