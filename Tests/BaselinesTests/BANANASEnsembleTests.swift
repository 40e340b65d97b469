@testable import Baselines
import NeuralCore
import Randomness
import XCTest

final class BANANASEnsembleTests: XCTestCase {
  private func randomRows(_ count: Int, width: Int, seed: UInt64) -> FeatureRows {
    var rng = Xoshiro256StarStar(seed: seed)
    return FeatureRows(values: (0..<(count * width)).map { _ in rng.bernoulli(0.4) ? 1 : 0 }, width: width)
  }

  func testGradientsMatchFiniteDifferences() {
    let ensemble = PredictorEnsemble(inputs: 6, memberCount: 2, hiddenLayers: 2, width: 5)
    var rng = Xoshiro256StarStar(seed: 11)
    ensemble.initialize(using: &rng)
    // Non-zero biases so that every parameter matters.
    for i in 0..<ensemble.parameters.count { ensemble.parameters.values[i] += rng.uniform(-0.1, 0.1) }
    let rows = randomRows(7, width: 6, seed: 2)
    let targets: [Float] = (0..<7).map { _ in rng.uniform(-2, 2) }
    let batches: [ArraySlice<Int>] = [[0, 2, 4, 6][...], [1, 3, 5, 6][...]]

    let store = ensemble.parameters
    store.zeroGradients()
    ensemble.accumulateGradients(rows, targets: targets, batches: batches)
    let analytic = Array(store.gradientBuffer)
    var worst: Float = 0
    for i in 0..<store.count {
      let saved = store.values[i]
      // Small enough that no ReLU or absolute value crosses its kink at this seed.
      let h: Float = 1e-3
      store.values[i] = saved + h
      let up = ensemble.accumulateGradients(rows, targets: targets, batches: batches)
      store.values[i] = saved - h
      let down = ensemble.accumulateGradients(rows, targets: targets, batches: batches)
      store.values[i] = saved
      let numeric = (up - down) / (2 * h)
      worst = max(worst, abs(numeric - analytic[i]) / max(1, abs(numeric), abs(analytic[i])))
    }
    XCTAssertLessThan(worst, 2e-3, "relative error of the loss gradient")
    XCTAssertGreaterThan(analytic.map(abs).max()!, 0.01, "the gradient is not trivially zero")
  }

  func testTrainingFitsAnAdditiveFunctionAndIsDeterministic() {
    let width = 12
    let rows = randomRows(64, width: width, seed: 5)
    let weights: [Float] = (0..<width).map { Float($0 % 4) - 1.5 }
    let targets = (0..<64).map { r in (0..<width).reduce(Float(0)) { $0 + weights[$1] * rows.values[r * width + $1] } }
    func trained() -> [[Float]] {
      let ensemble = PredictorEnsemble(inputs: width, memberCount: 3, hiddenLayers: 3, width: 16)
      var rng = Xoshiro256StarStar(seed: 21)
      ensemble.initialize(using: &rng)
      ensemble.train(rows, targets: targets, epochs: 150, batchSize: 32, learningRate: 0.01, using: &rng)
      return ensemble.predict(rows)
    }
    let predictions = trained()
    let spread = targets.map { abs($0 - targets.reduce(0, +) / 64) }.reduce(0, +) / 64
    for member in predictions {
      let error = zip(member, targets).map { abs($0 - $1) }.reduce(0, +) / 64
      XCTAssertLessThan(error, 0.1 * spread, "each member fits the training data")
    }
    XCTAssertNotEqual(predictions[0], predictions[1], "members start from different parameters")
    XCTAssertEqual(trained(), predictions, "same seed, same predictions, bit for bit")
  }

  func testIndependentThompsonSamplingPicksTheBestDraws() {
    let (means, deviations) = IndependentThompsonSampling.moments(of: [[1, 2, 5], [3, 2, 1]])
    XCTAssertEqual(means, [2, 2, 3])
    XCTAssertEqual(deviations, [1, 0, 2])

    // Without spread the draws are the means.
    var rng = Xoshiro256StarStar(seed: 1)
    XCTAssertEqual(IndependentThompsonSampling.select(3, means: [0.5, 2, -1, 1.5], deviations: [0, 0, 0, 0], using: &rng), [1, 3, 0])

    // With spread: the chosen are exactly the candidates with the highest draw, one standard
    // normal per candidate in order.
    let m = (0..<50).map { Double($0 % 7) * 0.3 }
    let s = (0..<50).map { 0.1 + Double($0 % 5) * 0.4 }
    var a = Xoshiro256StarStar(seed: 99)
    var b = a
    let chosen = IndependentThompsonSampling.select(10, means: m, deviations: s, using: &a)
    let draws = (0..<50).map { m[$0] + s[$0] * b.normal() }
    XCTAssertEqual(chosen, Array(draws.indices.sorted { draws[$0] > draws[$1] }.prefix(10)))
    XCTAssertEqual(a, b, "one draw per candidate")
    XCTAssertNotEqual(chosen, Array(m.indices.sorted { m[$0] > m[$1] }.prefix(10)), "uncertain candidates get a chance")
  }
}
