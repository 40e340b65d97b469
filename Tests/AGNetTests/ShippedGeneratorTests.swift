import NeuralCore
import Randomness
import SearchSpaces
import XCTest
@testable import AGNet

/// The generators in models/: found, loadable, made by the published checkpoint rule, and as good
/// as their README says (within the sampling noise of 2,000 draws).
final class ShippedGeneratorTests: XCTestCase {
  func assertShipped<Space: SearchSpace>(_ space: Space, minimumValidity: Double, samples: String = "2500000", tick: Int = 5_000,
                                         file: StaticString = #filePath, line: UInt = #line) throws {
    let url = try ShippedGenerator.url(space: space.name)
    let metadata = try Checkpoint(contentsOf: url).metadata
    XCTAssertEqual(metadata["pretraining.samples"], samples, file: file, line: line)
    XCTAssertEqual(metadata["pretraining.selection"], "best-validity of 10000 draws every \(tick) samples", file: file, line: line)
    XCTAssertNotNil(metadata["pretraining.selected_at"].flatMap(Int.init), file: file, line: line)
    let generator = try ShippedGenerator.load(space: space.name)
    var rng = Xoshiro256StarStar(seed: 1, stream: "shipped-generator-test")
    let graphs = generator.sampleGraphs(count: 2_000, latent: .uniform3, using: &rng)
    let valid = graphs.compactMap(space.cell(from:))
    XCTAssertGreaterThan(Double(valid.count) / 2_000, minimumValidity, file: file, line: line)
    XCTAssertGreaterThan(Set(valid).count, valid.count / 2, "mostly distinct cells", file: file, line: line)
  }

  func testNASBench201Generator() throws { try assertShipped(NASBench201Space(), minimumValidity: 0.99) }

  func testNASBench101Generator() throws { try assertShipped(NASBench101Space(), minimumValidity: 0.68) }

  func testDARTSGenerator() throws {
    try assertShipped(DARTSCellSpace(), minimumValidity: 0.98, samples: "240000", tick: 20_000)
    XCTAssertEqual(try ShippedGenerator.load(space: "darts").configuration.propagationLayers, 4)
  }
}
