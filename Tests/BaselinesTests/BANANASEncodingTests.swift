@testable import Baselines
import Randomness
import SearchSpaces
import XCTest

final class BANANASEncodingTests: XCTestCase {
  /// The cell with the best mean test accuracy of NAS-Bench-101 (hash 02e5a024…, from the shared
  /// three-repeats file): edges 0→1 0→2 2→3 3→4 0→5 1→5 4→5 0→6 5→6, ops 1 conv1x1, 2 conv3x3,
  /// 3 maxpool, 4 conv3x3, 5 conv3x3. Its input→output paths: input→output (index 0);
  /// conv3x3 (vertex 5: 1·1 = 1); conv1x1, conv3x3 (1·2 + 3·1 = 5); conv3x3, maxpool, conv3x3,
  /// conv3x3 (1·1 + 3·3 + 9·1 + 27·1 = 46).
  func testPathEncodingOfTheBestNASBench101Cell() throws {
    let cell = try NASBench101Cell(text: "7:1101347:10200")
    XCTAssertEqual(cell.fingerprint.hex, "02e5a0247bbdcf2860b7e96f74961594")
    XCTAssertEqual(NASBench101PathEncoding.pathIndices(of: cell), [0, 1, 5, 46])
    let features = NASBench101PathEncoding.features(of: cell)
    XCTAssertEqual(features.count, 364)
    XCTAssertEqual(features.indices.filter { features[$0] == 1 }, [0, 1, 5, 46])
    XCTAssertEqual(features.reduce(0, +), 4, "every other bit is 0")

    let truncated = NASBench101PathEncoding.features(of: cell, length: 40)
    XCTAssertEqual(truncated.indices.filter { truncated[$0] == 1 }, [0, 1, 5], "the 4-op path lies beyond the first 40 bits")
  }

  func testPathIndicesSpanAllPathLengths() throws {
    XCTAssertEqual(NASBench101PathEncoding.fullLength, 1 + 3 + 9 + 27 + 81 + 243)
    XCTAssertEqual(NASBench101PathEncoding.pathIndices(of: try NASBench101Cell(text: "2:1:")), [0], "input→output only")
    // A chain through five vertices: bits 0→1, 1→2, 2→3, 3→4, 4→5, 5→6.
    let chain = (1..<7).reduce(0) { $0 | 1 << CellGraph.edgeIndex(from: $1 - 1, to: $1) }
    let conv1x1Chain = try NASBench101Cell(vertexCount: 7, adjacencyBits: chain, ops: Array(repeating: .conv1x1, count: 5))
    XCTAssertEqual(NASBench101PathEncoding.pathIndices(of: conv1x1Chain), [2 * (1 + 3 + 9 + 27 + 81)])
    let poolChain = try NASBench101Cell(vertexCount: 7, adjacencyBits: chain, ops: Array(repeating: .maxPool3x3, count: 5))
    XCTAssertEqual(NASBench101PathEncoding.pathIndices(of: poolChain), [363], "the longest path of maxpools is the last bit")
    // The order of ops matters: conv3x3 then maxpool (1 + 3·3 = 10) is not maxpool then conv3x3 (3 + 3·1 = 6).
    let bits = (1..<4).reduce(0) { $0 | 1 << CellGraph.edgeIndex(from: $1 - 1, to: $1) }
    XCTAssertEqual(NASBench101PathEncoding.pathIndices(of: try NASBench101Cell(vertexCount: 4, adjacencyBits: bits, ops: [.conv3x3, .maxPool3x3])), [10])
    XCTAssertEqual(NASBench101PathEncoding.pathIndices(of: try NASBench101Cell(vertexCount: 4, adjacencyBits: bits, ops: [.maxPool3x3, .conv3x3])), [6])
  }

  func testParallelPathsThroughTheSameOpsShareOneBit() throws {
    // input → 1 → output and input → 2 → output, both conv3x3: one path "conv3x3", index 1.
    let bits = [(0, 1), (0, 2), (1, 3), (2, 3)].reduce(0) { $0 | 1 << CellGraph.edgeIndex(from: $1.0, to: $1.1) }
    let cell = try NASBench101Cell(vertexCount: 4, adjacencyBits: bits, ops: [.conv3x3, .conv3x3])
    XCTAssertEqual(NASBench101PathEncoding.pathIndices(of: cell), [1])
    XCTAssertEqual(NASBench101PathEncoding.features(of: cell).reduce(0, +), 1)
  }

  func testNASBench201OneHotSetsOneBitPerEdge() {
    let cell = NASBench201Cell(ops: [.conv3x3, .none, .skipConnect, .avgPool3x3, .conv1x1, .conv3x3])
    let features = NASBench201OneHotEncoding.features(of: cell)
    XCTAssertEqual(features.count, 30)
    XCTAssertEqual(features.indices.filter { features[$0] == 1 }, [0 + 3, 5 + 0, 10 + 1, 15 + 4, 20 + 2, 25 + 3])

    var seen = Set<[Float]>()
    for cell in NASBench201Space().allCells {
      let f = NASBench201OneHotEncoding.features(of: cell)
      for edge in 0..<6 { XCTAssertEqual(f[(edge * 5)..<(edge * 5 + 5)].reduce(0, +), 1) }
      seen.insert(f)
    }
    XCTAssertEqual(seen.count, NASBench201Cell.cellCount, "distinct cells have distinct encodings")
  }

  func testStandardAdapterPicksTheSpacesEncoding() throws {
    let nb201 = try BANANASSpaceAdapter.standard(for: NASBench201Space())
    XCTAssertEqual(nb201.featureCount, 30)
    let cell = NASBench201Cell(code: 4_321)
    XCTAssertEqual(nb201.features(of: [cell, cell]), NASBench201OneHotEncoding.features(of: cell) + NASBench201OneHotEncoding.features(of: cell))

    let nb101 = try BANANASSpaceAdapter.standard(for: NASBench101Space(), pathEncodingLength: 40)
    XCTAssertEqual(nb101.featureCount, 40)
    let best = try NASBench101Cell(text: "7:1101347:10200")
    XCTAssertEqual(nb101.features(of: [best]), NASBench101PathEncoding.features(of: best, length: 40))
    XCTAssertThrowsError(try BANANASSpaceAdapter.standard(for: NASBench101Space(), pathEncodingLength: 365))
    XCTAssertThrowsError(try BANANASSpaceAdapter.standard(for: NASBench101Space(), pathEncodingLength: 0))
    XCTAssertThrowsError(try BANANASSpaceAdapter.standard(for: DARTSSpace())) { error in
      XCTAssertEqual(error as? InputError, InputError("BANANAS has no encoding for the darts space (it supports nasbench201 and nasbench101)"))
    }
  }

  func testStandardAdapterMutatesAsTheReferenceCode() throws {
    let nb201 = try BANANASSpaceAdapter.standard(for: NASBench201Space())
    let nb101 = try BANANASSpaceAdapter.standard(for: NASBench101Space())
    var (a, b) = (Xoshiro256StarStar(seed: 9), Xoshiro256StarStar(seed: 9))
    for code in stride(from: 0, to: NASBench201Cell.cellCount, by: 997) {
      let cell = NASBench201Cell(code: code)
      XCTAssertEqual(nb201.mutate(cell, rate: 1, using: &a), BANANASMutation.mutate(cell, rate: 1, using: &b))
    }
    let best = try NASBench101Cell(text: "7:1101347:10200")
    for _ in 0..<20 { XCTAssertEqual(nb101.mutate(best, rate: 1, using: &a), BANANASMutation.mutate(best, rate: 1, using: &b)) }
  }

  func testNASBench201MutationChangesEachEdgeWithProbabilityRateOverFour() {
    var rng = Xoshiro256StarStar(seed: 3)
    let parent = NASBench201Cell(code: 7_777)
    let draws = 40_000
    var changedEdges = 0
    var unchanged = 0
    for _ in 0..<draws {
      let child = BANANASMutation.mutate(parent, rate: 1, using: &rng)
      let changes = zip(child.ops, parent.ops).filter { $0 != $1 }.count
      changedEdges += changes
      if changes == 0 { unchanged += 1 }
    }
    XCTAssertEqual(Double(changedEdges) / Double(draws), 6.0 / 4.0, accuracy: 0.03)
    XCTAssertEqual(Double(unchanged) / Double(draws), pow(0.75, 6), accuracy: 0.01)
  }

  func testNASBench101MutationGivesValidNearbyCells() throws {
    var rng = Xoshiro256StarStar(seed: 8)
    let parent = try NASBench101Cell(text: "7:1101347:10200")
    var same = 0
    var opChanges = 0
    let draws = 2_000
    for _ in 0..<draws {
      let child = BANANASMutation.mutate(parent, rate: 1, using: &rng)
      XCTAssertLessThanOrEqual(child.edgeCount, NASBench101Cell.maxEdges)
      if child == parent { same += 1 }
      if child.vertexCount == 7 && child.adjacencyBits == parent.adjacencyBits && child.ops != parent.ops { opChanges += 1 }
    }
    // Nothing changes with probability (20/21)^21·(4/5)^5 ≈ 0.12 (before validity); some draws
    // only change ops, and most children differ from the parent.
    XCTAssertGreaterThan(same, draws / 20)
    XCTAssertLessThan(same, draws / 4)
    XCTAssertGreaterThan(opChanges, draws / 10)

    // The smallest cell still mutates (by adding vertices through edge flips).
    let tiny = try NASBench101Cell(text: "2:1:")
    var grew = false
    for _ in 0..<200 where BANANASMutation.mutate(tiny, rate: 1, using: &rng).vertexCount > 2 { grew = true }
    XCTAssertTrue(grew)
  }

  func testPaddingKeepsTheCell() throws {
    var rng = Xoshiro256StarStar(seed: 1)
    for text in ["2:1:", "5:\(1 | 1 << 2 | 1 << 5 | 1 << 9):012", "7:1101347:10200"] {
      let cell = try NASBench101Cell(text: text)
      let (bits, ops) = BANANASMutation.padded(cell, using: &rng)
      XCTAssertEqual(ops.count, 5)
      XCTAssertEqual(try NASBench101Cell(vertexCount: 7, adjacencyBits: bits, ops: ops), cell, text)
    }
  }
}
