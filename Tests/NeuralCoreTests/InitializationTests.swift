import Randomness
import XCTest
@testable import NeuralCore

final class InitializationTests: XCTestCase {
  /// U(−b, b) has mean 0 and variance b²/3; every value lies inside the bound.
  func assertUniform(_ values: [Float], bound: Float, file: StaticString = #filePath, line: UInt = #line) {
    let n = Double(values.count)
    let mean = values.reduce(0.0) { $0 + Double($1) } / n
    let variance = values.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / n
    let b = Double(bound)
    XCTAssertTrue(values.allSatisfy { abs($0) <= bound }, "value outside ±\(bound)", file: file, line: line)
    XCTAssertEqual(mean, 0, accuracy: 4 * b / (3 * n).squareRoot(), file: file, line: line)
    XCTAssertEqual(variance, b * b / 3, accuracy: 0.03 * b * b, file: file, line: line)
    XCTAssertGreaterThan(values.map { abs($0) }.max()!, 0.98 * bound, "values should fill the range", file: file, line: line)
  }

  func testLinearInitLikePyTorch() {
    var rng = Xoshiro256StarStar(seed: 3)
    let store = ParameterStore()
    let layer = Linear("l", inputs: 64, outputs: 200, in: store, using: &rng)
    assertUniform(store.values(of: layer.weight), bound: 1 / 8)
    let wide = Linear("wide", inputs: 4, outputs: 3000, in: store, using: &rng)
    assertUniform(store.values(of: wide.bias!), bound: 0.5)
  }

  func testGRUCellInitLikePyTorch() {
    var rng = Xoshiro256StarStar(seed: 4)
    let store = ParameterStore()
    let cell = GRUCell("g", inputSize: 32, hiddenSize: 16, in: store, using: &rng)
    assertUniform(store.values(of: cell.weightIH) + store.values(of: cell.weightHH), bound: 0.25)
    XCTAssertEqual(cell.inputSize, 32)
    XCTAssertEqual(store.count, 3 * 16 * 32 + 3 * 16 * 16 + 2 * 48)
  }

  func testInitIsDeterministicPerSeed() {
    func values(_ seed: UInt64) -> [Float] {
      var rng = Xoshiro256StarStar(seed: seed)
      let store = ParameterStore()
      _ = Linear("l", inputs: 5, outputs: 5, in: store, using: &rng)
      return store.allValues
    }
    XCTAssertEqual(values(7), values(7))
    XCTAssertNotEqual(values(7), values(8))
  }
}
