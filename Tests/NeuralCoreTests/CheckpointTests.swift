import Foundation
import Randomness
import TestSupport
import XCTest
@testable import NeuralCore

final class CheckpointTests: XCTestCase {
  func makeModel(hidden: Int = 4, seed: UInt64 = 1) -> (ParameterStore, Adam) {
    var rng = Xoshiro256StarStar(seed: seed)
    let store = ParameterStore()
    _ = Linear("a", inputs: 3, outputs: hidden, in: store, using: &rng)
    _ = GRUCell("b", inputSize: hidden, hiddenSize: 2, in: store, using: &rng)
    let adam = Adam(parameters: store)
    for i in 0..<store.count { store.gradients[i] = rng.uniform(-1, 1) }
    adam.update()
    adam.update()
    return (store, adam)
  }

  func testRoundTripWithOptimizerAndMetadata() throws {
    let url = TestData.temporaryDirectory().appendingPathComponent("model.ckpt")
    let (store, adam) = makeModel()
    try Checkpoint(parameters: store, optimizer: adam, metadata: ["space": "nasbench201", "samples": "64"]).write(to: url)
    let read = try Checkpoint(contentsOf: url)
    XCTAssertEqual(read.metadata, ["space": "nasbench201", "samples": "64"])
    XCTAssertEqual(read.entries.map(\.name), ["a.weight", "a.bias", "b.weight_ih", "b.weight_hh", "b.bias_ih", "b.bias_hh"])

    let (other, otherAdam) = makeModel(seed: 2)
    XCTAssertNotEqual(other.allValues, store.allValues)
    try read.restore(into: other, optimizer: otherAdam, file: url.path)
    XCTAssertEqual(other.allValues, store.allValues)
    XCTAssertEqual(otherAdam.step, 2)
    XCTAssertEqual(otherAdam.moments.first, adam.moments.first)
    XCTAssertEqual(otherAdam.moments.second, adam.moments.second)
  }

  func testShapeMismatchNamesFileAndParameter() throws {
    let url = TestData.temporaryDirectory().appendingPathComponent("model.ckpt")
    try Checkpoint(parameters: makeModel().0).write(to: url)
    let read = try Checkpoint(contentsOf: url)
    XCTAssertThrowsError(try read.restore(into: makeModel(hidden: 5).0, file: url.path)) { error in
      let text = "\(error)"
      XCTAssertTrue(text.hasPrefix(url.path + ": "), text)
      XCTAssertTrue(text.contains("'a.weight' 4×3 in the file but 'a.weight' 5×3"), text)
    }
    // Without optimizer state, resuming is refused.
    XCTAssertThrowsError(try read.restore(into: makeModel().0, optimizer: makeModel().1, file: url.path)) { error in
      XCTAssertTrue("\(error)".contains("no optimizer state"))
    }
  }

  func testDamagedTruncatedAndMissingFiles() throws {
    let directory = TestData.temporaryDirectory()
    let url = directory.appendingPathComponent("model.ckpt")
    try Checkpoint(parameters: makeModel().0, metadata: ["k": "v"]).write(to: url)
    var bytes = [UInt8](try Data(contentsOf: url))

    var flipped = bytes
    flipped[flipped.count / 2] ^= 0x10
    try Data(flipped).write(to: url)
    XCTAssertThrowsError(try Checkpoint(contentsOf: url)) { XCTAssertEqual("\($0)", "\(url.path): damaged checkpoint (checksum mismatch)") }

    bytes.removeLast(9)
    try Data(bytes).write(to: url)
    XCTAssertThrowsError(try Checkpoint(contentsOf: url)) { XCTAssertTrue("\($0)".hasPrefix(url.path + ": damaged")) }

    try Data("hello".utf8).write(to: url)
    XCTAssertThrowsError(try Checkpoint(contentsOf: url)) { XCTAssertEqual("\($0)", "\(url.path): not an AGNet checkpoint") }

    let missing = directory.appendingPathComponent("absent.ckpt")
    XCTAssertThrowsError(try Checkpoint(contentsOf: missing)) { XCTAssertEqual("\($0)", "\(missing.path): cannot read checkpoint: no such file") }
  }
}
