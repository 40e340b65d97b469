import Foundation
import NeuralCore
import Optimization
import Randomness
import SearchSpaces
import TestSupport
import XCTest
@testable import AGNet

/// A space the way a space file defines one (a fingerprint, no built-in name): operations on the
/// three edges of a triangle cell 0→1, 0→2, 1→2, three operations each (27 cells). As an AG-Net
/// graph each edge is a node (§9): input 0, edge nodes 1 (0→1), 2 (0→2), 3 (1→2), output 4,
/// with the fixed adjacency 0→1, 0→2, 1→3, 2→4, 3→4.
struct TriangleSpace: FingerprintedSpace {
  typealias Cell = [Int]
  static let operations = ["conv", "pool", "none"]
  static let fixedEdges: [Bool] = {
    var bits = [Bool](repeating: false, count: CellGraph.edgeSlots(5))
    for (i, j) in [(0, 1), (0, 2), (1, 3), (2, 4), (3, 4)] { bits[CellGraph.edgeIndex(from: i, to: j)] = true }
    return bits
  }()

  var fingerprint = "triangle-0"
  var name = "triangle"
  var vocabulary: GraphVocabulary { GraphVocabulary(nodeTypes: ["output", "input"] + TriangleSpace.operations, maxNodes: 5) }
  var distinctCellCount: Int? { 27 }
  var allCells: [[Int]] { (0..<27).map { [$0 % 3, $0 / 3 % 3, $0 / 9] } }

  func parseCell(_ text: String) throws -> [Int] {
    let ops = text.split(separator: ",").map { TriangleSpace.operations.firstIndex(of: String($0)) }
    guard ops.count == 3, ops.allSatisfy({ $0 != nil }) else { throw InputError("not a triangle cell: \(text)") }
    return ops.map { $0! }
  }
  func format(_ cell: [Int]) -> String { cell.map { TriangleSpace.operations[$0] }.joined(separator: ",") }
  var cellColumns: [String] { ["cell"] }
  func parseCell(columns: [Substring]) throws -> [Int] { try parseCell(String(columns[0])) }
  func cellColumnValues(_ cell: [Int]) -> [String] { [format(cell)] }
  func randomCell(using rng: inout Xoshiro256StarStar) -> [Int] { (0..<3).map { _ in rng.below(3) } }
  func neighbours(of cell: [Int]) -> [[Int]] {
    (0..<3).flatMap { edge in (0..<3).filter { $0 != cell[edge] }.map { op in var c = cell; c[edge] = op; return c } }
  }
  func mutate(_ cell: [Int], using rng: inout Xoshiro256StarStar) -> [Int] {
    let options = neighbours(of: cell)
    return options[rng.below(options.count)]
  }
  func graph(of cell: [Int]) -> CellGraph {
    CellGraph(nodeTypes: [GraphVocabulary.inputType] + cell.map { $0 + 2 } + [GraphVocabulary.outputType], edges: TriangleSpace.fixedEdges)
  }
  func cell(from graph: CellGraph) -> [Int]? {
    guard graph.nodeCount == 5, graph.nodeTypes[0] == GraphVocabulary.inputType, graph.nodeTypes[4] == GraphVocabulary.outputType,
          graph.edges == TriangleSpace.fixedEdges, graph.nodeTypes[1...3].allSatisfy({ $0 >= 2 }) else { return nil }
    return graph.nodeTypes[1...3].map { $0 - 2 }
  }
}

final class FileSpaceGeneratorTests: XCTestCase {
  let space = TriangleSpace()

  func temporaryURL(_ name: String) -> URL {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("agnet-filespace-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory.appendingPathComponent(name)
  }

  /// Pretrained for 6,400 samples (a second or two), as `agnet pretrain --keep last`.
  func pretrained(seed: UInt64 = 0) throws -> (URL, Generator) {
    var options = PretrainingOptions(samples: 6_400, seed: seed)
    options.tickSamples = 3_200
    options.validityDraws = 100
    let url = temporaryURL("triangle.agnet")
    try Pretraining.train(space: space, options: options, output: url) { _ in }
    return (url, try Generator(contentsOf: url))
  }

  func testASmallSpacePretrainsToValidCells() throws {
    let untrained = GenerationQuality.measure(Generator(configuration: .published(for: space), seed: 0), on: space, count: 2_000, seed: 1)
    let (_, generator) = try pretrained()
    let quality = GenerationQuality.measure(generator, on: space, count: 2_000, seed: 1)
    // An untrained decoder must hit the one legal adjacency of 10 edge slots by chance; the
    // pretrained one has learnt it (seeded: the figures are exact, the bounds leave room).
    XCTAssertLessThan(untrained.validity, 0.05, untrained.summary)
    XCTAssertGreaterThan(quality.validity, 0.5, quality.summary)
    XCTAssertEqual(quality.spaceSize, 27)
    XCTAssertGreaterThan(quality.distinctValid, 20, "the generator draws most of the 27 cells: \(quality.summary)")
  }

  func testCheckpointRoundTripsWithItsSpace() throws {
    let (url, generator) = try pretrained()
    let checkpoint = try Checkpoint(contentsOf: url)
    XCTAssertEqual(GeneratorProvenance(metadata: checkpoint.metadata), GeneratorProvenance(space: "triangle", fingerprint: "triangle-0"))
    XCTAssertNoThrow(try checkpoint.requireGenerator(of: space, file: url.path))
    let copy = temporaryURL("copy.agnet")
    try generator.write(to: copy, metadata: checkpoint.metadata)
    XCTAssertEqual(try Data(contentsOf: copy), try Data(contentsOf: url))
    let reread = try Generator(contentsOf: copy)
    XCTAssertEqual(reread.configuration, generator.configuration)
    XCTAssertEqual(Array(UnsafeBufferPointer(start: reread.parameters.values, count: reread.parameters.count)),
                   Array(UnsafeBufferPointer(start: generator.parameters.values, count: generator.parameters.count)))
  }

  func testGeneratorOfAnotherSpaceIsRefused() throws {
    let (url, _) = try pretrained()
    let checkpoint = try Checkpoint(contentsOf: url)
    var edited = space
    edited.fingerprint = "triangle-1"
    XCTAssertThrowsError(try checkpoint.requireGenerator(of: edited, file: url.path)) { error in
      let message = (error as? CheckpointError)?.description ?? ""
      XCTAssertTrue(message.hasPrefix(url.path + ": was pretrained on triangle (space file, fingerprint triangle-0), not on triangle "),
                    message)
      XCTAssertTrue(message.contains("agnet pretrain --space"), message)
    }
    // The same cells under another name are the same space.
    var renamed = space
    renamed.name = "renamed"
    XCTAssertNoThrow(try checkpoint.requireGenerator(of: renamed, file: url.path))
    // A built-in space's generator on the file space, and the file space's on a built-in one.
    let shipped = try Checkpoint(contentsOf: try ShippedGenerator.url(space: "nasbench201"))
    XCTAssertThrowsError(try shipped.requireGenerator(of: space, file: "nb201.agnet"))
    XCTAssertThrowsError(try checkpoint.requireGenerator(of: NASBench201Space(), file: url.path))
    XCTAssertNoThrow(try shipped.requireGenerator(of: NASBench201Space(), file: "nb201.agnet"))
    // Resuming a pretraining run of the other space is refused the same way.
    var options = PretrainingOptions(samples: 6_400, seed: 0)
    options.tickSamples = 3_200
    let partial = Pretraining(space: space, options: options)
    partial.trainNextBatch()
    XCTAssertThrowsError(try Pretraining(space: edited, options: options, resuming: partial.checkpoint(), file: "g.partial"))
  }

  /// Every cell AG-Net asks for is a cell of the space, asked once; the opening cells are random,
  /// later rounds come from the generator.
  func testAGNetAsksOnlyValidCellsOfTheSpace() throws {
    let (_, generator) = try pretrained()
    var configuration = AGNetSearchConfiguration.tiny
    configuration.initialCells = 4
    configuration.candidatesPerRound = 6
    let optimizer = try AGNetOptimizer(domain: SearchDomain(space: space), generator: generator, configuration: configuration, seed: 2)
    var asked: [[Int]] = []
    for _ in 0..<5 {
      let cells = try optimizer.ask(limit: 4)
      asked += cells
      try optimizer.tell(cells.map { Evaluation(cell: $0, value: Double($0.filter { $0 == 0 }.count)) })
    }
    XCTAssertEqual(asked.count, 20)
    XCTAssertEqual(Set(asked).count, 20, "no cell twice")
    XCTAssertTrue(asked.allSatisfy { space.cell(from: space.graph(of: $0)) == $0 && $0.allSatisfy((0..<3).contains) })
    XCTAssertEqual(optimizer.rounds, 4)
    XCTAssertGreaterThan(optimizer.roundStatistics["valid"] ?? 0, 0, "the generator drew valid cells in the last round")
  }
}
