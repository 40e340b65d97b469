import Foundation
import XCTest

/// `--space FILE` end to end through the built binary: check, sample, enumerate, init/ask/tell,
/// and the refusals (exit 1 naming the file and key; 64 for a method that cannot run).
final class SpaceFileCommandTests: XCTestCase {
  func write(_ text: String, _ name: String, in folder: URL) throws -> String {
    let url = folder.appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  func testASpaceFileIsCheckedSampledEnumeratedAndSearched() throws {
    let folder = CommandLineTests.temporaryDirectory()
    let space = try write("family = \"edge-ops\"\nops = [\"none\", \"conv\", \"skip\"]\nnodes = 3\nrequire_path = true\n", "tiny.toml", in: folder)
    let check = try CommandLineTests.runAGNet(["space", "check", space])
    XCTAssertEqual(check.status, 0, check.stderr)
    // Ops on 0→1, 0→2, 1→2 with a path avoiding none: 0→2 not none (2 · 9), or 0→2 none and
    // both 0→1 and 1→2 not none (2 · 2): 22 cells.
    XCTAssertTrue(check.stdout.contains("cells:          22 (exact"), check.stdout)
    let listed = try CommandLineTests.runAGNet(["space", "enumerate", space])
    XCTAssertEqual(listed.status, 0, listed.stderr)
    XCTAssertEqual(listed.stdout.split(separator: "\n").count, 1 + 22)
    XCTAssertTrue(listed.stdout.hasPrefix("cell\n\"{\"\"edges\"\":[[0,1,\"\"none\"\"],[0,2,\"\"conv\"\"],[1,2,\"\"none\"\"]]}\"\n"), listed.stdout)

    let run = folder.appendingPathComponent("run").path
    let initialised = try CommandLineTests.runAGNet(["init", "--run", run, "--space", space, "--method", "re", "--budget", "5"])
    XCTAssertEqual(initialised.status, 0, initialised.stderr)
    let asked = try CommandLineTests.runAGNet(["ask", "--run", run])
    XCTAssertEqual(asked.status, 0, asked.stderr)
    XCTAssertTrue(asked.stdout.contains("{\\\"edges\\\":[[0,1,") || asked.stdout.contains("{\"edges\":[[0,1,"), asked.stdout)
    // init again with another file under the same run is refused.
    let other = try write("family = \"edge-ops\"\nops = [\"none\", \"conv\"]\nnodes = 3\nrequire_path = true\nname = \"tiny\"\n", "tiny2.toml", in: folder)
    let again = try CommandLineTests.runAGNet(["init", "--run", run, "--space", other, "--method", "re", "--budget", "5"])
    XCTAssertEqual(again.status, 1, again.stderr)
    // AG-Net needs a generator pretrained on the space: without one, refused as misuse with the command that makes it.
    let agnet = try CommandLineTests.runAGNet(["init", "--run", folder.appendingPathComponent("agnet").path, "--space", space, "--method", "agnet", "--budget", "5"])
    XCTAssertEqual(agnet.status, 64, agnet.stderr)
    XCTAssertTrue(agnet.stderr.contains("needs a generator pretrained on it") && agnet.stderr.contains("agnet pretrain --space"), agnet.stderr)
    // A method that cannot work on a space file at all is refused by name.
    let tenas = try CommandLineTests.runAGNet(["init", "--run", folder.appendingPathComponent("tenas").path, "--space", space, "--method", "agnet-tenas", "--budget", "5"])
    XCTAssertEqual(tenas.status, 64, tenas.stderr)
    XCTAssertTrue(tenas.stderr.contains("does not run on space files yet"), tenas.stderr)
  }

  func testBadSpaceFilesExitOneNamingFileAndKey() throws {
    let folder = CommandLineTests.temporaryDirectory()
    let unknown = try write("family = \"node-ops\"\nops = [\"a\"]\nmax_nodes = 4\nshape = 1\n", "unknown.toml", in: folder)
    let big = try write("family = \"node-ops\"\nops = [\"a\"]\nmax_nodes = 10\n", "big.toml", in: folder)
    for (arguments, expected) in [
      (["space", "check", unknown], "agnet: \(unknown):4: shape: unknown key 'shape'"),
      (["space", "enumerate", big], "agnet: \(big): the space has about"),
    ] {
      let result = try CommandLineTests.runAGNet(arguments)
      XCTAssertEqual(result.status, 1, result.stderr)
      XCTAssertTrue(result.stderr.hasPrefix(expected), result.stderr)
      XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, result.stderr)
    }
  }
}
