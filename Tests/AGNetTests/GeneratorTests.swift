import NeuralCore
import Randomness
import SearchSpaces
import XCTest
@testable import AGNet

final class GeneratorTests: XCTestCase {
  let nb201 = GeneratorConfiguration(vocabulary: NASBench201Space().vocabulary)

  func decode(_ generator: Generator, latents: [Float]) -> (nodes: [Float], edges: [Float], kept: [(graph: Int, from: Int, to: Int)]) {
    let tape = Tape(parameters: generator.parameters)
    let z = tape.constant(rows: latents.count / generator.configuration.graphDimension, cols: generator.configuration.graphDimension, values: latents)
    let output = generator.decode(z, on: tape)
    return (output.nodeLogits.values, output.edgeLogits.values, output.partialGraphEdges)
  }

  func latents(_ count: Int, seed: UInt64, dimension: Int = 32) -> [Float] {
    var rng = Xoshiro256StarStar(seed: seed)
    return LatentDistribution.uniform3.draw(count: count, dimension: dimension, using: &rng)
  }

  /// Sizes of method document §2: ~42k parameters at ndim = gdim = 32 with 2 layers each way.
  func testParameterCount() {
    let generator = Generator(configuration: nb201, seed: 0)
    // propagation 4·(1,056 + 2,400), read-outs 2·(1,056 + 33), node type 2,080 + 231,
    // embedding 256 + 1,056, node init 6,208 + 2,080, input init 4,160 + 2,080, edges 8,256 + 65.
    XCTAssertEqual(generator.parameters.count, 42_474)
  }

  func testOutputShapesAndFixedLogits() {
    let generator = Generator(configuration: nb201, seed: 1)
    let (nodes, edges, _) = decode(generator, latents: latents(5, seed: 2))
    XCTAssertEqual(nodes.count, 5 * 8 * 7)
    XCTAssertEqual(edges.count, 5 * 28)
    for b in 0..<5 {
      XCTAssertEqual(Array(nodes[(b * 56)..<(b * 56 + 7)]), [0, 20, 0, 0, 0, 0, 0], "input node logits are 20·one-hot(input)")
      XCTAssertEqual(edges[b * 28], 20, "the edge into the first added node is fixed")
      XCTAssertNotEqual(Array(nodes[(b * 56 + 7)..<(b * 56 + 14)]), Array(nodes[7..<14]).map { _ in 0 })
    }
  }

  /// The partial graph of later steps holds exactly the edges whose raw logit is > 0.5.
  func testThresholdRule() {
    let generator = Generator(configuration: nb201, seed: 3)
    // Shift the edge logits so that about half are above the threshold.
    let bias = generator.parameters["edge.output.bias"]!
    let before = decode(generator, latents: latents(6, seed: 4)).edges.filter { $0 != 20 }.sorted()
    generator.parameters.setValues([generator.parameters.values(of: bias)[0] + 0.5 - before[before.count / 2]], of: bias)
    let (_, edges, kept) = decode(generator, latents: latents(6, seed: 4))
    var expected: [String] = []
    for b in 0..<6 {
      // Edges into the last node are decided but never propagated over.
      for j in 1..<7 {
        for i in 0..<j where edges[b * 28 + CellGraph.edgeIndex(from: i, to: j)] > 0.5 { expected.append("\(b):\(i)→\(j)") }
      }
    }
    XCTAssertEqual(Set(kept.map { "\($0.graph):\($0.from)→\($0.to)" }), Set(expected))
    XCTAssertEqual(kept.count, expected.count)
    XCTAssertGreaterThan(expected.count, 20, "edges beyond the fixed one")
    XCTAssertLessThan(expected.count, 6 * 21, "not every edge")
  }

  /// Graphs of a batch do not see each other: decoding together or one by one agrees (the
  /// published code's offset of batched edge lists could mix graphs; ours must not).
  func testGraphsOfABatchAreIndependent() {
    let generator = Generator(configuration: nb201, seed: 5)
    let z = latents(4, seed: 6)
    let together = decode(generator, latents: z)
    for b in 0..<4 {
      let alone = decode(generator, latents: Array(z[(b * 32)..<((b + 1) * 32)]))
      for (i, v) in alone.nodes.enumerated() { XCTAssertEqual(v, together.nodes[b * 56 + i], accuracy: 1e-4) }
      for (i, v) in alone.edges.enumerated() { XCTAssertEqual(v, together.edges[b * 28 + i], accuracy: 1e-4) }
    }
  }

  /// Shorter targets are scored as if padded with `output` nodes and no edges (NAS-Bench-101).
  func testReconstructionLossPadsShortTargets() {
    let vocabulary = GraphVocabulary(nodeTypes: ["output", "input", "a", "b", "c"], maxNodes: 7)
    let generator = Generator(configuration: GeneratorConfiguration(vocabulary: vocabulary), seed: 15)
    let short = CellGraph(nodeTypes: [1, 3, 0], edges: [true, false, true])
    var paddedEdges = [Bool](repeating: false, count: 21)
    paddedEdges[0] = true
    paddedEdges[2] = true
    let padded = CellGraph(nodeTypes: [1, 3, 0, 0, 0, 0, 0], edges: paddedEdges)
    let other = CellGraph(nodeTypes: [1, 3, 2, 0], edges: [true, false, true, false, false, true])
    let tape = Tape(parameters: generator.parameters)
    let output = generator.decode(tape.constant(rows: 3, cols: 32, values: latents(1, seed: 16) + latents(1, seed: 16) + latents(1, seed: 16)), on: tape)
    let loss = generator.reconstructionLoss(output, targets: [short, padded, other], on: tape).values
    // Rows 0 and 1 decode the same latent, but each row's loss is summed in its own order (the short
    // target pads 4 nodes, the padded one spells them out) and the matrix kernels may round rows of
    // a batch differently on another CPU: exact equality is not guaranteed. A missing padded
    // node's CE term is about log(5) ≈ 1.6 in a mean over 7 nodes (≈ 0.2), so 1e-5 relative still
    // catches unpadded targets; the third graph's loss differs by far more.
    let tolerance = 1e-5 * abs(loss[0])
    XCTAssertEqual(loss[0], loss[1], accuracy: tolerance)
    XCTAssertGreaterThan(abs(loss[0] - loss[2]), 100 * tolerance)
    // By hand for the first graph: mean CE over 7 nodes + mean BCE over 21 edges.
    let (nodes, edges) = (output.nodeLogits.values, output.edgeLogits.values)
    var ce = 0.0, bce = 0.0
    for v in 0..<7 {
      let logits = (0..<5).map { Double(nodes[v * 5 + $0]) }
      let target = v < 3 ? short.nodeTypes[v] : 0
      ce += log(logits.map { exp($0) }.reduce(0, +)) - logits[target]
    }
    for slot in 0..<21 {
      let x = Double(edges[slot]), t = paddedEdges[slot] ? 1.0 : 0.0
      bce += max(x, 0) - x * t + log(1 + exp(-abs(x)))
    }
    XCTAssertEqual(Double(loss[0]), ce / 7 + bce / 21, accuracy: 1e-4)
  }

  func testDeterministicForASeed() {
    XCTAssertEqual(Generator(configuration: nb201, seed: 7).parameters.allValues, Generator(configuration: nb201, seed: 7).parameters.allValues)
    XCTAssertNotEqual(Generator(configuration: nb201, seed: 7).parameters.allValues, Generator(configuration: nb201, seed: 8).parameters.allValues)
    let generator = Generator(configuration: nb201, seed: 7)
    func draw(_ seed: UInt64) -> [CellGraph] {
      var rng = Xoshiro256StarStar(seed: seed, stream: "test")
      return generator.sampleGraphs(count: 40, latent: .uniform3, using: &rng, batchSize: 16)
    }
    XCTAssertEqual(draw(9), draw(9))
    XCTAssertNotEqual(draw(9), draw(10))
  }

  func testCheckpointRoundTrip() throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("generator-\(UUID().uuidString).agnet")
    defer { try? FileManager.default.removeItem(at: url) }
    let generator = Generator(configuration: nb201, seed: 11)
    try generator.write(to: url, metadata: ["space": "nasbench201"])
    let loaded = try Generator(contentsOf: url)
    XCTAssertEqual(loaded.configuration, nb201)
    XCTAssertEqual(loaded.parameters.allValues, generator.parameters.allValues)
    let z = latents(3, seed: 12)
    XCTAssertEqual(decode(loaded, latents: z).edges, decode(generator, latents: z).edges)

    // A generator of other sizes cannot take these parameters.
    let other = Generator(configuration: GeneratorConfiguration(vocabulary: nb201.vocabulary, nodeDimension: 16), seed: 0)
    XCTAssertThrowsError(try Checkpoint(contentsOf: url).restore(into: other.parameters, file: url.path))
  }

  /// Finite differences through a tiny generator: parameters and latents. Inputs are chosen so
  /// that no edge logit sits near the 0.5 threshold (where the partial graph, and so the
  /// function, jumps).
  func testGradientsThroughTinyGenerator() {
    let vocabulary = GraphVocabulary(nodeTypes: ["output", "input", "a", "b"], maxNodes: 4)
    let configuration = GeneratorConfiguration(vocabulary: vocabulary, nodeDimension: 4, graphDimension: 3, propagationLayers: 1)
    let targets = [CellGraph(nodeTypes: [1, 2, 3, 0], edges: [true, false, true, true, false, true]),
                   CellGraph(nodeTypes: [1, 3, 0], edges: [true, true, false])]
    // The first seed (deterministic search) whose edge logits all keep 0.05 from the threshold.
    let (generator, z) = (UInt64(13)..<200).lazy.map { seed -> (Generator, [Float]) in
      let g = Generator(configuration: configuration, seed: seed)
      g.parameters.setValues([0.4], of: g.parameters["edge.output.bias"]!) // some edges kept
      return (g, self.latents(2, seed: seed, dimension: 3))
    }.first { g, z in self.decode(g, latents: z).edges.allSatisfy { abs($0 - 0.5) > 0.05 } && self.decode(g, latents: z).kept.count > 2 }!

    let step: Float = 1e-2
    func loss(_ tape: Tape, latents: [Float], variable: Bool) -> Tensor {
      let input = variable ? tape.variable(rows: 2, cols: 3, values: latents) : tape.constant(rows: 2, cols: 3, values: latents)
      return tape.mean(generator.reconstructionLoss(generator.decode(input, on: tape), targets: targets, on: tape))
    }
    let tape = Tape(parameters: generator.parameters)
    generator.parameters.zeroGradients()
    let input = tape.variable(rows: 2, cols: 3, values: z)
    tape.backward(tape.mean(generator.reconstructionLoss(generator.decode(input, on: tape), targets: targets, on: tape)))
    let latentGradient = input.gradients!
    let parameterGradient = Array(generator.parameters.gradientBuffer)
    func value(_ latents: [Float]) -> Double {
      tape.reset()
      return Double(loss(tape, latents: latents, variable: false).value[0])
    }
    func check(_ analytic: Float, _ numeric: Float, _ what: String) {
      XCTAssertEqual(analytic, numeric, accuracy: 2e-3 + 1e-2 * abs(numeric), what)
    }
    for i in 0..<z.count {
      var (up, down) = (z, z)
      up[i] += step
      down[i] -= step
      check(latentGradient[i], Float((value(up) - value(down)) / Double(2 * step)), "latent \(i)")
    }
    let values = generator.parameters.values
    for i in stride(from: 0, to: generator.parameters.count, by: 5) {
      let original = values[i]
      values[i] = original + step
      let up = value(z)
      values[i] = original - step
      let down = value(z)
      values[i] = original
      check(parameterGradient[i], Float((up - down) / Double(2 * step)), "parameter \(i)")
    }
  }
}
