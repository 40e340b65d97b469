import Foundation
import Randomness
import XCTest
@testable import SearchSpaces

/// The registry of spaces and the `--space NAME|FILE` contract (docs/cli.md, "Naming a space").
final class BuiltInSpaceTests: XCTestCase {
  func spaceType<Space: SearchSpace>(_ space: Space) -> ObjectIdentifier { ObjectIdentifier(Space.self) }

  func testEveryNameGivesItsSpaceAndBack() throws {
    XCTAssertEqual(BuiltInSpace.names, ["nasbench201", "nasbench101", "darts"])
    for space in BuiltInSpace.allCases {
      XCTAssertEqual(try BuiltInSpace(named: space.name), space)
      XCTAssertEqual(try SpaceReference.resolve(space.name), .builtIn(space))
      XCTAssertEqual(space.space.name, space.name)
      XCTAssertEqual(space.generatorSpace.name, space.name)
      XCTAssertEqual(BuiltInSpace(of: space.space), space)
    }
  }

  func testDispatchHandsTheConcreteSpace() {
    XCTAssertEqual(spaceType(BuiltInSpace.nasbench201.space), ObjectIdentifier(NASBench201Space.self))
    XCTAssertEqual(spaceType(BuiltInSpace.nasbench101.space), ObjectIdentifier(NASBench101Space.self))
    XCTAssertEqual(spaceType(BuiltInSpace.darts.space), ObjectIdentifier(DARTSSpace.self))
    XCTAssertEqual(spaceType(BuiltInSpace.nasbench201.generatorSpace), ObjectIdentifier(NASBench201Space.self))
    XCTAssertEqual(spaceType(BuiltInSpace.nasbench101.generatorSpace), ObjectIdentifier(NASBench101Space.self))
    XCTAssertEqual(spaceType(BuiltInSpace.darts.generatorSpace), ObjectIdentifier(DARTSCellSpace.self))
  }

  func testUnknownNameIsMisuseListingTheNames() {
    for text in ["nasbench301", "NASBench201", "no/such/file.json"] {
      XCTAssertThrowsError(try SpaceReference.resolve(text)) { error in
        XCTAssertEqual((error as? UsageError)?.message,
                       "unknown space '\(text)' (no such file either); the spaces are: nasbench201, nasbench101, darts")
      }
    }
    XCTAssertThrowsError(try BuiltInSpace(named: "nasbench301")) { error in
      XCTAssertEqual((error as? UsageError)?.message, "unknown space 'nasbench301'; the spaces are: nasbench201, nasbench101, darts")
    }
  }

  func testAPathIsAFileErrorNamingIt() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("space-reference-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    XCTAssertThrowsError(try SpaceReference.resolve(folder.path)) { error in
      XCTAssertEqual(error as? InputError, InputError("is a directory, not a space file", file: folder.path))
    }
    let file = folder.appendingPathComponent("darts")
    try Data("# a space file without its family\n".utf8).write(to: file)
    XCTAssertThrowsError(try SpaceReference.resolve(file.path)) { error in
      let error = error as? InputError
      XCTAssertEqual(error?.file, file.path)
      XCTAssertEqual(error?.message, "missing key 'family'")
    }
  }

  func testExampleCellsParseAndCountsMatchTheSpaces() throws {
    func parses<Space: SearchSpace>(_ space: Space, _ text: String) throws -> String { space.format(try space.parseCell(text)) }
    for space in BuiltInSpace.allCases {
      XCTAssertNoThrow(try parses(space.space, space.exampleCell), space.name)
    }
    XCTAssertEqual(BuiltInSpace.nasbench201.distinctCells, NASBench201Space().distinctCellCount)
    XCTAssertEqual(BuiltInSpace.nasbench101.distinctCells, NASBench101Space().distinctCellCount)
    XCTAssertEqual(BuiltInSpace.darts.distinctGeneratorCells, 1_037_664_180)
    XCTAssertEqual(BuiltInSpace.darts.distinctCells, 1_037_664_180 * 1_037_664_180)
  }

  func testEnumerationListsTheSmallSpacesAndRefusesDARTS() throws {
    XCTAssertEqual(try BuiltInSpace.nasbench201.enumerableSpace().allCellCount, 15_625)
    XCTAssertThrowsError(try BuiltInSpace.darts.enumerableSpace()) { error in
      XCTAssertTrue((error as? UsageError)?.message.contains("too many to enumerate") ?? false, "\(error)")
    }
  }

  func testDARTSSampleIsQuotedCSVThatReadsBack() throws {
    let space = DARTSSpace()
    var rng = Xoshiro256StarStar(seed: 1, stream: "space-sample")
    let cells = (0..<3).map { _ in space.randomCell(using: &rng) }
    let lines = space.cellTableCSV(cells).split(separator: "\n").map(String.init)
    XCTAssertEqual(lines.count, 4)
    XCTAssertEqual(lines[0], "genotype")
    for (line, cell) in zip(lines.dropFirst(), cells) {
      XCTAssertTrue(line.hasPrefix("\"Genotype(") && line.hasSuffix(")\""), line)
      XCTAssertEqual(try space.parseCell(String(line.dropFirst().dropLast())), cell)
    }
    XCTAssertEqual(csvField("a\"b,c"), "\"a\"\"b,c\"")
    XCTAssertEqual(csvField("|nor_conv_3x3~0|"), "|nor_conv_3x3~0|")
  }
}

extension EnumerableSpace {
  var allCellCount: Int { allCells.count }
}
