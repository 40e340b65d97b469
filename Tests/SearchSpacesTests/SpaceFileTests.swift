import Foundation
import Randomness
@testable import SearchSpaces
import XCTest

/// Space files against the built-in spaces they describe, and the refusals of bad files.
final class SpaceFileTests: XCTestCase {
  /// `spaces/NAME.toml` at the repository root.
  static func shipped(_ name: String) throws -> FileSpace {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return try FileSpace(path: root.appendingPathComponent("spaces/\(name).toml").path)
  }

  /// The built-in NAS-Bench-201 cell of a file cell (the file lists ops in op-code order).
  static func builtIn(_ cell: FileCell) -> NASBench201Cell {
    NASBench201Cell(ops: cell.parts[0].ops.map { NASBench201Op(rawValue: Int($0))! })
  }

  func testNASBench201FileListsTheBuiltInCellsInTheirOrder() throws {
    let space = try Self.shipped("nasbench201")
    let cells = try space.enumerated()
    XCTAssertEqual(cells.count, 15_625)
    XCTAssertEqual(space.distinctCellCount, 15_625)
    XCTAssertEqual(cells.map(Self.builtIn), NASBench201Space().allCells)
    // Same graphs as the built-in space up to the order of node types.
    let builtInSpace = NASBench201Space()
    for cell in cells.prefix(200) {
      XCTAssertEqual(space.graph(of: cell).edges, builtInSpace.graph(of: Self.builtIn(cell)).edges)
      XCTAssertEqual(space.cell(from: space.graph(of: cell)), cell)
    }
  }

  func testNASBench201FileDrawsAndChangesCellsAsTheBuiltInSpace() throws {
    let space = try Self.shipped("nasbench201")
    let builtInSpace = NASBench201Space()
    var a = Xoshiro256StarStar(seed: 3, stream: "test")
    var b = Xoshiro256StarStar(seed: 3, stream: "test")
    for _ in 0..<500 {
      let cell = space.randomCell(using: &a)
      let reference = builtInSpace.randomCell(using: &b)
      XCTAssertEqual(Self.builtIn(cell), reference)
      XCTAssertEqual(space.neighbours(of: cell).map(Self.builtIn), builtInSpace.neighbours(of: reference))
      XCTAssertEqual(Self.builtIn(space.mutate(cell, using: &a)), builtInSpace.mutate(reference, using: &b))
    }
  }

  func testNASBench101FileHasTheBuiltInCellsAndFingerprints() throws {
    let space = try Self.shipped("nasbench101")
    let cells = try space.enumerated()
    XCTAssertEqual(cells.count, NASBench101Enumeration.cellCount)
    let builtIn = NASBench101Space.enumeratedCells
    // Same representatives in the same order, so the same fingerprints.
    for (cell, reference) in zip(cells, builtIn) {
      let part = cell.parts[0]
      XCTAssertEqual(part.nodeCount, reference.vertexCount)
      XCTAssertEqual(Int(part.edges), reference.adjacencyBits)
      XCTAssertEqual(part.ops.map(Int.init), reference.ops.map(\.rawValue))
    }
    var rng = Xoshiro256StarStar(seed: 1, stream: "test")
    for _ in 0..<300 {
      let index = rng.below(cells.count)
      XCTAssertEqual(space.fingerprint(of: cells[index].parts[0]), builtIn[index].fingerprint)
    }
  }

  func testNodeOpsCellsAreCanonical() throws {
    let space = try Self.shipped("nasbench101")
    // Two numberings of one cell: input→1(conv1x1)→3, input→2(maxpool)→3 → output.
    let a = try space.parseCell(#"{"edges":[[0,1],[0,2],[1,3],[2,3],[3,4]],"ops":["conv1x1-bn-relu","maxpool3x3","conv3x3-bn-relu"]}"#)
    let b = try space.parseCell(#"{"ops":["maxpool3x3","conv1x1-bn-relu","conv3x3-bn-relu"], "edges":[[0,2],[0,1],[1,3],[2,3],[3,4]]}"#)
    XCTAssertEqual(a, b)
    XCTAssertEqual(space.format(a), space.format(b))
    XCTAssertEqual(try space.parseCell(space.format(a)), a)
    // A node off every input→output path is pruned.
    let pruned = try space.parseCell(#"{"edges":[[0,1],[1,3],[0,2]],"ops":["conv3x3-bn-relu","maxpool3x3"]}"#)
    XCTAssertEqual(space.format(pruned), #"{"edges":[[0,1],[1,2]],"ops":["conv3x3-bn-relu"]}"#)
  }

  func testEveryFamilyRoundTripsAndStaysValid() throws {
    for name in ["nasbench201", "nasbench101", "darts"] {
      let space = try Self.shipped(name)
      var rng = Xoshiro256StarStar(seed: 7, stream: "test")
      for _ in 0..<100 {
        let cell = space.randomCell(using: &rng)
        let text = space.format(cell)
        XCTAssertFalse(text.contains(" "), text)
        XCTAssertEqual(try space.parseCell(text), cell, name)
        XCTAssertEqual(space.cell(from: space.graph(of: cell)), cell, name)
        XCTAssertLessThanOrEqual(space.graph(of: cell).nodeCount, space.vocabulary.maxNodes)
        let neighbours = space.neighbours(of: cell)
        XCTAssertFalse(neighbours.contains(cell), name)
        XCTAssertEqual(Set(neighbours).count, neighbours.count, name)
        for neighbour in neighbours.prefix(10) { XCTAssertEqual(try space.parseCell(space.format(neighbour)), neighbour, name) }
        let child = space.mutate(cell, using: &rng)
        XCTAssertNotEqual(child, cell, name)
        XCTAssertTrue(neighbours.contains(child), name)
      }
    }
  }

  func testDARTSFileCountsTheBuiltInCells() throws {
    let space = try Self.shipped("darts")
    XCTAssertFalse(space.isEnumerable)
    let (count, exact) = space.cellCount()
    XCTAssertFalse(exact)
    XCTAssertEqual(count, Double(DARTSCell.cellCount) * Double(DARTSCell.cellCount), accuracy: 1) // an exact product of integers below 2^53 each
    XCTAssertEqual(space.vocabulary.nodeTypes.count, 2 + 1 + 7)
  }

  func testConstraintsLimitTheCells() throws {
    // NAS-Bench-201's DAG where at most 2 edges carry an op and some path avoids none.
    let space = try FileSpace(text: """
      family = "edge-ops"
      ops = ["none", "conv"]
      nodes = 4
      max_edges = 2
      require_path = true
      only_on = { conv = [1, 3] }
      """, path: "small.toml")
    let cells = try space.enumerated()
    // conv may sit on 0→1, 0→3, 1→3, 2→3 (not into node 2): a path is 0→3 or 0→1→3; at most 2 convs.
    XCTAssertEqual(cells.map { space.format($0) }.sorted(), [
      #"{"edges":[[0,1,"conv"],[0,2,"none"],[1,2,"none"],[0,3,"conv"],[1,3,"none"],[2,3,"none"]]}"#,
      #"{"edges":[[0,1,"conv"],[0,2,"none"],[1,2,"none"],[0,3,"none"],[1,3,"conv"],[2,3,"none"]]}"#,
      #"{"edges":[[0,1,"none"],[0,2,"none"],[1,2,"none"],[0,3,"conv"],[1,3,"conv"],[2,3,"none"]]}"#,
      #"{"edges":[[0,1,"none"],[0,2,"none"],[1,2,"none"],[0,3,"conv"],[1,3,"none"],[2,3,"conv"]]}"#,
      #"{"edges":[[0,1,"none"],[0,2,"none"],[1,2,"none"],[0,3,"conv"],[1,3,"none"],[2,3,"none"]]}"#,
    ])
    XCTAssertThrowsError(try space.parseCell(#"{"edges":[[0,1,"none"],[0,2,"none"],[1,2,"none"],[0,3,"none"],[1,3,"none"],[2,3,"none"]]}"#))
  }

  /// Each bad file gets one line naming the file and the key (and line where there is one).
  func testBadFilesNameFileAndKey() {
    let cases: [(String, String)] = [
      ("family = \"node-ops\"\nops = [\"a\"]\nmax_nodes = 5\ncolour = 3\n", "bad.toml:4: colour: unknown key"),
      ("family = \"node-ops\"\nops = []\nmax_nodes = 5\n", "bad.toml:2: ops: ops is empty"),
      ("family = \"edge-ops\"\nops = [\"none\", \"a\"]\nnodes = 3\nmax_edges = 1\nrequire_path = true\nedges = [[0,1],[1,2]]\n",
       "bad.toml: no cell satisfies the constraints: no input→output path avoids none within max_edges = 1"),
      ("family = \"edge-ops\"\nops = [\"none\", \"a\"]\nnodes = 3\nrequire_path = true\nonly_on = { a = [1] }\n",
       "bad.toml: no cell satisfies the constraints: no input→output path"),
      ("family = \"node-ops\"\nops = [\"a\"\n", "bad.toml:"),
      ("family = \"graph\"\nops = [\"a\"]\n", "bad.toml:1: family: family must be one of"),
      ("family = \"node-ops\"\nops = [\"a\", \"a\"]\nmax_nodes = 5\n", "bad.toml:2: ops: 'a' is listed twice"),
      ("family = \"k-inputs\"\nops = [\"a\"]\ninputs = 2\nnodes = 3\nk = 3\n", "bad.toml:5: k: must be 1…2, not 3"),
      ("name = \"nasbench201\"\nfamily = \"edge-ops\"\nops = [\"a\"]\nnodes = 3\n", "bad.toml:1: name: the space is named 'nasbench201'"),
    ]
    for (text, expected) in cases {
      XCTAssertThrowsError(try FileSpace(text: text, path: "bad.toml"), expected) { error in
        let message = (error as? InputError)?.description ?? "\(error)"
        XCTAssertTrue(message.hasPrefix(expected), "\(message) does not start with \(expected)")
        XCTAssertFalse(message.contains("\n"), message)
      }
    }
  }

  func testTooLargeToEnumerateIsRefusedNamingTheFile() throws {
    let space = try FileSpace(text: "family = \"node-ops\"\nops = [\"a\", \"b\"]\nmax_nodes = 9\n", path: "big.toml")
    XCTAssertFalse(space.isEnumerable)
    XCTAssertThrowsError(try space.enumerated()) { error in
      XCTAssertTrue("\(error)".hasPrefix("big.toml: the space has about"), "\(error)")
    }
    XCTAssertFalse(space.cellCount().isExact)
    var rng = Xoshiro256StarStar(seed: 0, stream: "test")
    for _ in 0..<50 {
      let cell = space.randomCell(using: &rng)
      XCTAssertEqual(try space.parseCell(space.format(cell)), cell)
    }
  }

  func testBadCellTextSaysWhy() throws {
    let space = try Self.shipped("nasbench201")
    for (text, reason) in [
      ("not json", "not JSON"),
      (#"{"edges":[[0,1,"conv"]]}"#, "unknown op 'conv'"),
      (#"{"edges":[[0,1,"none"]]}"#, "a cell lists every edge"),
      (#"{"edges":[[0,1,"none"]],"ops":[]}"#, "expected the keys edges"),
      (#"{"edges":[[1,0,"none"]]}"#, "must have 0 ≤ from < to"),
    ] {
      XCTAssertThrowsError(try space.parseCell(text)) { error in
        XCTAssertTrue("\(error)".contains(reason), "\(error)")
      }
    }
  }
}
