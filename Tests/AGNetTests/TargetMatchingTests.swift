import XCTest
import NeuralCore
import Randomness
import SearchSpaces
@testable import AGNet

/// The matched pairing of pretraining: its costs are the reconstruction loss, its assignment a
/// one-to-one greedy matching.
final class TargetMatchingTests: XCTestCase {
  func testCostsAreTheReconstructionLossOfEveryPair() {
    let space = DARTSCellSpace()
    let generator = Generator(configuration: .published(forSpace: "darts", vocabulary: space.vocabulary), seed: 2)
    var rng = Xoshiro256StarStar(seed: 1, stream: "test")
    let latents = LatentDistribution.normal.draw(count: 3, dimension: 32, using: &rng)
    let targets = (0..<3).map { _ in space.graph(of: space.randomCell(using: &rng)) }
    let (nodes, edges) = generator.logits(latents: latents)
    let costs = TargetMatching.costs(nodeLogits: nodes, edgeLogits: edges, targets: targets, vocabulary: space.vocabulary)
    for shift in 0..<3 {
      let shifted = (0..<3).map { targets[($0 + shift) % 3] }
      let tape = Tape(parameters: generator.parameters)
      let z = tape.constant(rows: 3, cols: 32, values: latents)
      let losses = generator.reconstructionLoss(generator.decode(z, on: tape), targets: shifted, on: tape).values
      for b in 0..<3 { XCTAssertEqual(costs[b][(b + shift) % 3], Double(losses[b]), accuracy: 1e-4) }
    }
  }

  func testGreedyAssignmentTakesTheCheapestPairsOneToOne() {
    let costs: [[Double]] = [[5, 1, 9], [0.5, 2, 8], [7, 3, 6]]
    // (1,0) 0.5 first, then (0,1) 1, then graph 2 gets the only target left.
    XCTAssertEqual(TargetMatching.greedyAssignment(costs), [1, 0, 2])
    XCTAssertEqual(TargetMatching.greedyAssignment([[1, 1], [1, 1]]), [0, 1]) // ties by graph, then target
  }
}
