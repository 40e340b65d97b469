import SearchSpaces
import XCTest

/// The fingerprint AG-Net generator files record for a space file: the cells decide it, not how
/// the file is written.
final class FileSpaceFingerprintTests: XCTestCase {
  let text = """
    name = "small"
    family = "edge-ops"
    ops = ["none", "skip", "conv3x3"]
    nodes = 4
    max_edges = 3
    require_path = true
    only_on = { conv3x3 = [3] }
    """

  func fingerprint(_ text: String) throws -> String { try FileSpace(text: text, path: "t.toml").fingerprint }

  func testLayoutAndNameDoNotChangeIt() throws {
    let reference = try fingerprint(text)
    XCTAssertEqual(reference.count, 32)
    let rewritten = """
      # the same space, written otherwise
      family   = "edge-ops"
      nodes = 4
      only_on = { conv3x3 = [3] }
      require_path = true
      max_edges = 3
      ops = [ "none", "skip", "conv3x3" ]
      name = "renamed"
      """
    XCTAssertEqual(try fingerprint(rewritten), reference)
  }

  func testOtherCellsChangeIt() throws {
    let reference = try fingerprint(text)
    let variants = [
      text.replacingOccurrences(of: "max_edges = 3", with: "max_edges = 4"),
      text.replacingOccurrences(of: "require_path = true", with: "require_path = false"),
      text.replacingOccurrences(of: "conv3x3 = [3]", with: "conv3x3 = [2, 3]"),
      text.replacingOccurrences(of: #"["none", "skip", "conv3x3"]"#, with: #"["none", "conv3x3", "skip"]"#),
      text.replacingOccurrences(of: "nodes = 4", with: "nodes = 5"),
    ]
    let fingerprints = try variants.map(fingerprint)
    XCTAssertFalse(fingerprints.contains(reference))
    XCTAssertEqual(Set(fingerprints).count, variants.count)
  }
}
