import AGNet
import AskTellRuns
import Benchmarks
import Foundation
import Methods
import Runs
import SearchSpaces
import TestSupport
import XCTest

/// `agnet init --space FILE --method agnet` (and `agnet-plus`): refused without a generator of the
/// space (with the command that makes one), and with one it asks only valid cells of the space.
final class FileSpaceAGNetRunTests: XCTestCase {
  /// 3 ops on the 3 edges of a 3-node cell, an input→output path required: 22 cells (pretrained
  /// in a second).
  let space = try! FileSpace(text: """
    name = "tiny"
    family = "edge-ops"
    ops = ["none", "skip", "conv"]
    nodes = 3
    require_path = true
    """, path: "tiny.toml")

  func init_(_ directory: URL, method: any SearchMethod = AGNetMethod(), parameters: [String: String] = [:]) throws {
    try AskTell.create(directory, space: .file(space), reference: nil, dataDirectory: DataDirectory(TestData.benchmarks),
                       method: method, parameters: parameters, settings: TrialSettings(budget: 12, batchSize: 4), trials: 1)
  }

  func testWithoutAGeneratorTheRefusalGivesThePretrainCommand() {
    XCTAssertThrowsError(try init_(TestData.temporaryDirectory())) { error in
      let message = (error as? UsageError)?.message ?? "\(error)"
      XCTAssertTrue(message.contains("agnet pretrain --space SPACE_FILE --output tiny-generator.agnet"), message)
      XCTAssertTrue(message.contains("--param agnet.generator=tiny-generator.agnet"), message)
    }
    // The parameter the message names is the method's own.
    XCTAssertThrowsError(try init_(TestData.temporaryDirectory(), method: AGNetPlusMethod())) { error in
      XCTAssertTrue("\(error)".contains("--param agnet-plus.generator=tiny-generator.agnet"), "\(error)")
    }
  }

  func testAGeneratorOfAnotherSpaceIsRefused() throws {
    let shipped = try ShippedGenerator.url(space: "nasbench201").path
    XCTAssertThrowsError(try init_(TestData.temporaryDirectory(), parameters: ["generator": shipped])) { error in
      XCTAssertTrue("\(error)".contains("was pretrained on nasbench201, not on tiny (space file"), "\(error)")
    }
  }

  func testAsksOnlyValidCellsOfTheSpace() throws {
    var options = PretrainingOptions(samples: 3_200, seed: 0)
    options.tickSamples = 3_200
    options.validityDraws = 10
    let generator = TestData.temporaryDirectory().appendingPathComponent("tiny.agnet")
    try FileManager.default.createDirectory(at: generator.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Pretraining.train(space: space, options: options, output: generator) { _ in }
    for method in [AGNetMethod(), AGNetPlusMethod()] as [any SearchMethod] {
      try assertAsksOnlyValidCells(method: method, generator: generator)
    }
  }

  func assertAsksOnlyValidCells(method: any SearchMethod, generator: URL) throws {
    let directory = TestData.temporaryDirectory()
    try init_(directory, method: method, parameters: ["generator": generator.path, "initial_cells": "4"])
    let session = try AskTell.open(directory, dataDirectory: DataDirectory(TestData.benchmarks))
    var asked: [String] = []
    while !session.isFinished {
      let cells = try session.ask(count: 4, claim: false)
      guard !cells.isEmpty else { break }
      var lines = ""
      for proposed in cells {
        guard case .text(let text) = proposed.cell else { return XCTFail("a space file's cell is text") }
        asked.append(text)
        let cell = try space.parseCell(text)
        XCTAssertEqual(space.format(cell), text, "canonical text")
        XCTAssertEqual(space.cell(from: space.graph(of: cell)), cell, "a valid cell of the space")
        lines += "{\"id\":\"\(proposed.id)\",\"value\":\(text.count)}\n"
      }
      _ = try session.tell(Data(lines.utf8), source: "test")
    }
    XCTAssertEqual(asked.count, 12, method.name)
    XCTAssertEqual(Set(asked).count, 12, "\(method.name): no cell twice")
  }
}
