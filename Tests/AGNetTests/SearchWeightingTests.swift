import XCTest
import Randomness
@testable import AGNet

final class SearchWeightingTests: XCTestCase {
  func testRanksPutTheBestFirstAndBreakTiesByOrder() {
    XCTAssertEqual(RankWeighting.ranks(of: [0.5, 0.9, 0.1, 0.9]), [2, 0, 3, 1])
  }

  func testWeightsFollowThePublishedFormula() {
    // |D| = 4, factor 0.01: w = 1 / (0.04 + rank).
    let weights = RankWeighting.weights(of: [91.2, 93.0, 88.0, 92.5], factor: 0.01)
    let expected = [1 / (0.04 + 2), 1 / 0.04, 1 / (0.04 + 3), 1 / (0.04 + 1)]
    for (w, e) in zip(weights, expected) { XCTAssertEqual(w, e, accuracy: 1e-12) }
    // The best cell outweighs the second by (0.04 + 1) / 0.04 = 26x.
    XCTAssertEqual(weights[1] / weights[3], 26, accuracy: 1e-9)
  }

  func testPlanDrawsTicksTimesDataInBatchesPerEpoch() {
    var rng = Xoshiro256StarStar(seed: 3)
    let values = (0..<40).map { Double($0) }
    let plan = RetrainingPlan.draw(values: values, weighting: SampleWeighting(), ticks: 3, batchSize: 16, using: &rng)
    XCTAssertEqual(plan.sampleCount, 120)
    // Each epoch of 40 draws is cut 16 + 16 + 8.
    XCTAssertEqual(plan.batches.map(\.cells.count), [16, 16, 8, 16, 16, 8, 16, 16, 8])
  }

  func testPlanFavoursTheBestCellsAndWeighsTheirLossAgain() {
    var rng = Xoshiro256StarStar(seed: 4)
    let values = (0..<32).map { Double($0) } // cell 31 is the best
    let plan = RetrainingPlan.draw(values: values, weighting: SampleWeighting(), ticks: 200, batchSize: 16, using: &rng)
    let weights = RankWeighting.weights(of: values, factor: 0.01)
    var counts = [Int](repeating: 0, count: 32)
    for batch in plan.batches {
      for (cell, lossWeight) in zip(batch.cells, batch.lossWeights) {
        counts[cell] += 1
        XCTAssertEqual(lossWeight, Float(weights[cell]))
      }
    }
    // Expected share of the best cell: w_best / Σw.
    let share = weights[31] / weights.reduce(0, +)
    XCTAssertEqual(Double(counts[31]) / Double(plan.sampleCount), share, accuracy: 0.03)
    XCTAssertGreaterThan(counts[31], 10 * counts[0])
  }

  func testSingleWeightingKeepsSamplingButNotTheLossMultiplier() {
    var rng = Xoshiro256StarStar(seed: 5)
    let weighting = SampleWeighting(weightLossToo: false)
    let plan = RetrainingPlan.draw(values: [1, 2, 3], weighting: weighting, ticks: 2, batchSize: 2, using: &rng)
    XCTAssertTrue(plan.batches.allSatisfy { $0.lossWeights.allSatisfy { $0 == 1 } })
  }

  func testUniformAblationDrawsEveryCellButThePublishedBugOnlyTheFirst() {
    let values = (0..<48).map { Double($0) }
    var rng = Xoshiro256StarStar(seed: 6)
    let uniform = RetrainingPlan.draw(values: values, weighting: SampleWeighting(scheme: .uniform), ticks: 20, batchSize: 16, using: &rng)
    XCTAssertEqual(Set(uniform.batches.flatMap(\.cells)).count, 48)
    let buggy = RetrainingPlan.draw(values: values, weighting: SampleWeighting(scheme: .uniformFirstCells), ticks: 20, batchSize: 16, using: &rng)
    XCTAssertEqual(Set(buggy.batches.flatMap(\.cells)), Set(0..<16))
    XCTAssertEqual(buggy.sampleCount, 20 * 48)
  }

  func testPlanIsDeterministicForASeed() {
    var a = Xoshiro256StarStar(seed: 7), b = Xoshiro256StarStar(seed: 7)
    let values = [3.0, 1.0, 2.0, 5.0, 4.0]
    XCTAssertEqual(RetrainingPlan.draw(values: values, weighting: SampleWeighting(), ticks: 4, batchSize: 2, using: &a),
                   RetrainingPlan.draw(values: values, weighting: SampleWeighting(), ticks: 4, batchSize: 2, using: &b))
  }
}
