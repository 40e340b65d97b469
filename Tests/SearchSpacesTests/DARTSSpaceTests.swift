import Foundation
import XCTest
import Randomness
@testable import SearchSpaces

final class DARTSSpaceTests: XCTestCase {
  let space = DARTSSpace()
  let cells = DARTSCellSpace()
  /// DARTS (second order), as its genotypes.py writes it: nodes 4 and 5 of the reduction cell and
  /// node 4 of the normal cell list the higher input first.
  let dartsV2 = "Genotype(normal=[('sep_conv_3x3', 0), ('sep_conv_3x3', 1), ('sep_conv_3x3', 0), ('sep_conv_3x3', 1), "
    + "('sep_conv_3x3', 1), ('skip_connect', 0), ('skip_connect', 0), ('dil_conv_3x3', 2)], normal_concat=[2, 3, 4, 5], "
    + "reduce=[('max_pool_3x3', 0), ('max_pool_3x3', 1), ('skip_connect', 2), ('max_pool_3x3', 1), ('max_pool_3x3', 0), "
    + "('skip_connect', 2), ('skip_connect', 2), ('max_pool_3x3', 1)], reduce_concat=[2, 3, 4, 5])"

  func testKnownGenotypeParsesToItsCanonicalForm() throws {
    let genotype = try space.parseCell(dartsV2)
    XCTAssertEqual(genotype.normal.edge(4), DARTSCell.Edge(op: .skipConnect, input: 0))
    XCTAssertEqual(genotype.normal.edge(5), DARTSCell.Edge(op: .sepConv3x3, input: 1))
    XCTAssertEqual(genotype.reduce.edge(2), DARTSCell.Edge(op: .maxPool3x3, input: 1))
    XCTAssertEqual(genotype.reduce.edge(3), DARTSCell.Edge(op: .skipConnect, input: 2))
    XCTAssertEqual(space.format(genotype),
      "Genotype(normal=[('sep_conv_3x3', 0), ('sep_conv_3x3', 1), ('sep_conv_3x3', 0), ('sep_conv_3x3', 1), "
      + "('skip_connect', 0), ('sep_conv_3x3', 1), ('skip_connect', 0), ('dil_conv_3x3', 2)], normal_concat=[2, 3, 4, 5], "
      + "reduce=[('max_pool_3x3', 0), ('max_pool_3x3', 1), ('max_pool_3x3', 1), ('skip_connect', 2), ('max_pool_3x3', 0), "
      + "('skip_connect', 2), ('max_pool_3x3', 1), ('skip_connect', 2)], reduce_concat=[2, 3, 4, 5])")
  }

  func testOtherSpellingsOfTheSameGenotype() throws {
    let canonical = try space.parseCell(dartsV2)
    let pcdartsStyle = dartsV2.replacingOccurrences(of: "[2, 3, 4, 5]", with: "range(2, 6)")
    let spaced = dartsV2.replacingOccurrences(of: ", ", with: " ,\n  ").replacingOccurrences(of: "'", with: "\"")
    let reordered = "Genotype(reduce_concat=[2, 3, 4, 5], reduce=" + canonical.reduce.genotypeList
      + ", normal=" + canonical.normal.genotypeList + ", normal_concat=(2, 3, 4, 5),)"
    for text in [pcdartsStyle, spaced, reordered, space.format(canonical)] {
      XCTAssertEqual(try space.parseCell(text), canonical, text)
    }
  }

  func testSwappingTheTwoEdgesOfANodeGivesTheSameCell() throws {
    var rng = Xoshiro256StarStar(seed: 3, stream: "test")
    for _ in 0..<200 {
      let cell = cells.randomCell(using: &rng)
      var edges = cell.edges
      let node = rng.below(4)
      edges.swapAt(2 * node, 2 * node + 1)
      XCTAssertEqual(try DARTSCell(edges: edges), cell)
      XCTAssertTrue(cell.edges.indices.filter { $0 % 2 == 0 }.allSatisfy { cell.edge($0).input < cell.edge($0 + 1).input })
    }
  }

  func testRandomGenotypesRoundTripThroughTextGraphAndJSON() throws {
    var rng = Xoshiro256StarStar(seed: 1, stream: "test")
    var seen = Set<DARTSGenotype>()
    for _ in 0..<1_000 {
      let genotype = space.randomCell(using: &rng)
      seen.insert(genotype)
      XCTAssertEqual(try space.parseCell(space.format(genotype)), genotype)
      XCTAssertEqual(space.cell(from: space.graph(of: genotype)), genotype)
      XCTAssertEqual(try cells.parseCell(cells.format(genotype.normal)), genotype.normal)
      let json = try JSONEncoder().encode([genotype])
      XCTAssertEqual(try JSONDecoder().decode([DARTSGenotype].self, from: json), [genotype])
    }
    XCTAssertEqual(seen.count, 1_000)
  }

  func testRandomCellsCoverEveryInputPairEvenly() {
    var rng = Xoshiro256StarStar(seed: 2, stream: "test")
    var pairs = [String: Int]()
    let draws = 20_000
    for _ in 0..<draws {
      let cell = cells.randomCell(using: &rng)
      pairs["\(cell.edge(6).input)\(cell.edge(7).input)", default: 0] += 1
    }
    XCTAssertEqual(pairs.count, 10) // node 5 reads 2 of nodes 0…4
    for (pair, count) in pairs { XCTAssertEqual(Double(count), Double(draws) / 10, accuracy: 250, pair) }
  }

  func testTheGraphIsThePublishedElevenNodeEncoding() throws {
    let genotype = try space.parseCell(dartsV2)
    let graph = cells.graph(of: genotype.normal)
    XCTAssertEqual(graph.nodeCount, 11)
    XCTAssertEqual(cells.vocabulary.typeCount, 11)
    XCTAssertEqual(graph.nodeTypes.map { DARTSCellSpace.nodeTypes[$0] },
                   ["input", "input_1", "sep_conv_3x3", "sep_conv_3x3", "sep_conv_3x3", "sep_conv_3x3", "skip_connect",
                    "sep_conv_3x3", "skip_connect", "dil_conv_3x3", "output"])
    // Node 5's second edge reads node 2, the sum of edge nodes 2 and 3.
    XCTAssertTrue(graph.hasEdge(from: 2, to: 9) && graph.hasEdge(from: 3, to: 9))
    XCTAssertFalse(graph.hasEdge(from: 0, to: 9) || graph.hasEdge(from: 1, to: 9))
    XCTAssertTrue(graph.hasEdge(from: 0, to: 2) && graph.hasEdge(from: 1, to: 3) && graph.hasEdge(from: 0, to: 1))
    XCTAssertTrue((2...9).allSatisfy { graph.hasEdge(from: $0, to: 10) })
    XCTAssertEqual(graph.edges.filter { $0 }.count, 1 + 8 + 9) // 0→1, into the output, and 9 input edges
  }

  func testGraphsThatAreNotCells() throws {
    let genotype = try space.parseCell(dartsV2)
    let good = cells.graph(of: genotype.normal)
    var noInput = good
    noInput.edges[CellGraph.edgeIndex(from: 0, to: 2)] = false
    var twoInputs = good
    twoInputs.edges[CellGraph.edgeIndex(from: 1, to: 2)] = true
    var sameInput = good
    sameInput.edges[CellGraph.edgeIndex(from: 1, to: 3)] = false
    sameInput.edges[CellGraph.edgeIndex(from: 0, to: 3)] = true
    var identityOp = good
    identityOp.nodeTypes[5] = 3
    var short = good
    short.nodeTypes[10] = 4
    for (name, graph) in [("no input", noInput), ("two inputs", twoInputs), ("same input twice", sameInput),
                          ("identity op", identityOp), ("no output", short)] {
      XCTAssertNil(cells.cell(from: graph), name)
    }
    // Edges without a choice in them are ignored; one of the two edge nodes of a source suffices.
    var lenient = good
    lenient.edges[CellGraph.edgeIndex(from: 0, to: 1)] = false
    lenient.edges[CellGraph.edgeIndex(from: 4, to: 5)] = true
    lenient.edges[CellGraph.edgeIndex(from: 9, to: 10)] = false
    lenient.edges[CellGraph.edgeIndex(from: 3, to: 9)] = false
    XCTAssertEqual(cells.cell(from: lenient), genotype.normal)
  }

  func testNeighboursAreTheSixtyOneEdgeChangesOfEachCell() throws {
    var rng = Xoshiro256StarStar(seed: 4, stream: "test")
    for _ in 0..<50 {
      let genotype = space.randomCell(using: &rng)
      let neighbours = space.neighbours(of: genotype)
      XCTAssertEqual(neighbours.count, 120)
      XCTAssertEqual(Set(neighbours).count, 120)
      XCTAssertFalse(neighbours.contains(genotype))
      for neighbour in neighbours {
        let changedCells = [neighbour.normal != genotype.normal, neighbour.reduce != genotype.reduce].filter { $0 }.count
        XCTAssertEqual(changedCells, 1)
        let (old, new) = neighbour.normal != genotype.normal ? (genotype.normal, neighbour.normal) : (genotype.reduce, neighbour.reduce)
        // One edge differs, up to the order of a node's two edges.
        let differing = (0..<4).filter { node in
          Set([old.edge(2 * node), old.edge(2 * node + 1)]) != Set([new.edge(2 * node), new.edge(2 * node + 1)])
        }
        XCTAssertEqual(differing.count, 1)
        let node = differing[0]
        XCTAssertEqual(Set([old.edge(2 * node), old.edge(2 * node + 1)]).intersection([new.edge(2 * node), new.edge(2 * node + 1)]).count, 1)
      }
      let child = space.mutate(genotype, using: &rng)
      XCTAssertTrue(neighbours.contains(child))
    }
  }

  func testBadGenotypesNameWhatIsWrong() {
    let cases: [(String, String)] = [
      ("", "must start with Genotype("),
      ("Genotype(normal=[], normal_concat=[2, 3, 4, 5], reduce=[], reduce_concat=[2, 3, 4, 5])", "normal has 0 edges"),
      (dartsV2.replacingOccurrences(of: "dil_conv_3x3", with: "conv_3x3"), "unknown operation 'conv_3x3' in normal (edge 7)"),
      (dartsV2.replacingOccurrences(of: "('dil_conv_3x3', 2)", with: "('dil_conv_3x3', 5)"), "normal node 5 reads node 5"),
      (dartsV2.replacingOccurrences(of: "('sep_conv_3x3', 1), ('skip_connect', 0)", with: "('sep_conv_3x3', 1), ('skip_connect', 1)"),
       "normal node 4 reads node 1 twice"),
      (dartsV2.replacingOccurrences(of: "reduce_concat=[2, 3, 4, 5]", with: "reduce_concat=[4, 5]"), "reduce_concat is [4, 5]"),
      (dartsV2.replacingOccurrences(of: ", reduce_concat=[2, 3, 4, 5]", with: ""), "missing reduce_concat"),
      (dartsV2.replacingOccurrences(of: "normal_concat", with: "normal_concatt"), "unknown field 'normal_concatt'"),
      (dartsV2 + ")", "expected the end of the text"),
      (String(dartsV2.dropLast(10)), "expected"),
      (dartsV2.replacingOccurrences(of: "('max_pool_3x3', 0)", with: "('max_pool_3x3', x)"), "expected an input node number"),
    ]
    for (text, fragment) in cases {
      XCTAssertThrowsError(try space.parseCell(text), text) { error in
        guard let error = error as? InputError else { return XCTFail("not an InputError: \(error)") }
        XCTAssertTrue(error.message.hasPrefix("invalid DARTS genotype: "), error.message)
        XCTAssertTrue(error.message.contains(fragment), "\(error.message) should contain \(fragment)")
        XCTAssertFalse(error.description.contains("\n"))
      }
    }
  }

  /// Issue 30: `range(2, 99999999999)` allocated 800 GB before it was compared, `range(2, 10000000)`
  /// printed an 88.9 MB error line. A range or list longer than a cell's nodes is refused at once.
  func testConcatenationsBeyondACellAreRefusedBeforeTheyAreBuilt() {
    let cases: [(String, String)] = [
      ("range(2, 99999999999)", "normal_concat is range(2, 99999999999); a DARTS cell has nodes 0…5"),
      ("range(2, 10000000)", "normal_concat is range(2, 10000000)"),
      ("range(2, 7)", "normal_concat is range(2, 7)"),
      ("[" + (0..<100_000).map(String.init).joined(separator: ", ") + "]", "normal_concat lists more than 6 nodes"),
    ]
    let start = Date()
    for (concat, fragment) in cases {
      let text = dartsV2.replacingOccurrences(of: "normal_concat=[2, 3, 4, 5]", with: "normal_concat=\(concat)")
      XCTAssertThrowsError(try DARTSGenotype(text: text), concat) { error in
        let message = (error as? InputError)?.message ?? "\(error)"
        XCTAssertTrue(message.contains(fragment), "\(message.prefix(300)) should contain \(fragment)")
        XCTAssertLessThan(message.count, 300, String(message.prefix(300)))
      }
    }
    XCTAssertLessThan(Date().timeIntervalSince(start), 20, "nothing the size of a range is built")
    XCTAssertNoThrow(try DARTSGenotype(text: dartsV2.replacingOccurrences(of: "[2, 3, 4, 5]", with: "range(2, 6)")))
  }

  /// What DARTS code does with the text: eval with the namedtuple, whose repr is the same text.
  func testPythonEvalReadsPrintedGenotypes() throws {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") else { throw XCTSkip("no python3") }
    var rng = Xoshiro256StarStar(seed: 5, stream: "test")
    let genotypes = (0..<20).map { _ in space.randomCell(using: &rng) }
    let script = """
      import sys
      from collections import namedtuple
      Genotype = namedtuple('Genotype', 'normal normal_concat reduce reduce_concat')
      for line in sys.stdin:
          g = eval(line)
          assert len(g.normal) == 8 and list(g.reduce_concat) == [2, 3, 4, 5]
          print(repr(g))
      """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
    process.arguments = ["-c", script]
    let input = Pipe(), output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    try process.run()
    input.fileHandleForWriting.write(Data(genotypes.map { space.format($0) + "\n" }.joined().utf8))
    try input.fileHandleForWriting.close()
    let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    XCTAssertEqual(process.terminationStatus, 0)
    XCTAssertEqual(printed, genotypes.map { space.format($0) + "\n" }.joined())
  }
}

final class DARTSSourceSamplingTests: XCTestCase {
  let cells = DARTSCellSpace()

  /// With the node types of a cell, every graph whose edges into edge nodes are drawn as one
  /// choice each is a valid cell, whatever the logits.
  func testDrawnSourcesAlwaysMakeACell() {
    var rng = Xoshiro256StarStar(seed: 6, stream: "test")
    let types = cells.graph(of: cells.randomCell(using: &rng)).nodeTypes
    for _ in 0..<500 {
      let logits = (0..<55).map { _ in Float(rng.uniform(-4, 4)) }
      var edges = (0..<55).map { _ in rng.below(2) == 0 }
      logits.withUnsafeBufferPointer { DARTSCellSpace.drawSources(edges: &edges, edgeLogits: $0.baseAddress!, using: &rng) }
      XCTAssertNotNil(cells.cell(from: CellGraph(nodeTypes: types, edges: edges)))
    }
  }

  /// The draw follows the logits: an input whose edge logit is far above the others is read.
  func testDrawnSourcesFollowTheLogits() throws {
    var rng = Xoshiro256StarStar(seed: 7, stream: "test")
    let target = try cells.parseCell("[('sep_conv_3x3', 0), ('sep_conv_3x3', 1), ('skip_connect', 1), ('skip_connect', 2), "
      + "('max_pool_3x3', 0), ('max_pool_3x3', 3), ('dil_conv_3x3', 2), ('dil_conv_3x3', 4)]")
    let graph = cells.graph(of: target)
    let logits = graph.edges.map { $0 ? Float(12) : Float(-12) }
    for _ in 0..<20 {
      var edges = [Bool](repeating: false, count: 55)
      logits.withUnsafeBufferPointer { DARTSCellSpace.drawSources(edges: &edges, edgeLogits: $0.baseAddress!, using: &rng) }
      XCTAssertEqual(cells.cell(from: CellGraph(nodeTypes: graph.nodeTypes, edges: edges)), target)
    }
    XCTAssertEqual(cells.vocabulary.edgeSampling, .dartsSources)
    XCTAssertEqual(NASBench201Space().vocabulary.edgeSampling, .independent)
    XCTAssertEqual(DARTSSpace().vocabulary.edgeSampling, .independent) // architectures are never generated whole
  }
}
