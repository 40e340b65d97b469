import NeuralCore
import Randomness
import SearchSpaces
import XCTest
@testable import AGNet

/// What `agnet generate` draws through the registry: every space's shipped generator decodes into
/// the registry's generator space, so its cells print (DARTS: single cells in genotype-list text).
final class GeneratedCellsTests: XCTestCase {
  func cellTexts<Space: SearchSpace>(_ space: Space, generator: Generator, count: Int) throws -> [String] {
    XCTAssertEqual(generator.configuration.vocabulary, space.vocabulary, space.name)
    var rng = Xoshiro256StarStar(seed: 1, stream: "generate")
    let graphs = generator.sampleGraphs(count: count, latent: .uniform3, using: &rng)
    return graphs.compactMap(space.cell(from:)).map { space.format($0) }
  }

  func testDARTSGeneratorYieldsValidDARTSCells() throws {
    let space = BuiltInSpace.darts
    let texts = try cellTexts(space.generatorSpace, generator: try ShippedGenerator.load(space: space.name), count: 50)
    XCTAssertGreaterThan(texts.count, 45)
    for text in texts {
      XCTAssertTrue(text.hasPrefix("[('"), text)
      XCTAssertEqual(DARTSCellSpace().format(try DARTSCellSpace().parseCell(text)), text)
    }
  }

  func testPublishedSettingsFollowTheSpace() {
    XCTAssertEqual(GeneratorConfiguration.published(for: DARTSCellSpace()).propagationLayers, 4)
    XCTAssertEqual(GeneratorConfiguration.published(for: NASBench201Space()).propagationLayers, 2)
    XCTAssertEqual(GeneratorConfiguration.published(for: NASBench101Space()).propagationLayers, 2)
    XCTAssertEqual(AGNetSearchConfiguration.published(for: .nasbench201).ticks, 30)
    XCTAssertEqual(AGNetSearchConfiguration.published(for: .nasbench101).ticks, 15)
    XCTAssertEqual(AGNetSearchConfiguration.published(for: .darts).ticks, 1)
    XCTAssertEqual(AGNetSearchConfiguration.published(for: .nasbench101).ticks, 15)
  }
}
