import Foundation
import NeuralCore
import SearchSpaces
import XCTest
@testable import AGNet

final class GeneratorPretrainingTests: XCTestCase {
  let space = NASBench201Space()

  func temporaryURL(_ name: String) -> URL {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("agnet-pretrain-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory.appendingPathComponent(name)
  }

  func testLossFallsOver2000Samples() {
    let run = Pretraining(space: space, options: PretrainingOptions(samples: 2_000, seed: 1))
    var losses: [Float] = []
    while !run.isFinished { losses.append(run.trainNextBatch()) }
    XCTAssertEqual(losses.count, 63) // 62 batches of 32 and one of 16
    let first = losses.prefix(10).reduce(0, +) / 10, last = losses.suffix(10).reduce(0, +) / 10
    // At the published learning rate (2e-4) 63 steps move the loss by about 0.1 (seeded: exact).
    XCTAssertLessThan(last, first - 0.05, "loss \(first) → \(last)")
  }

  func testResumeAfterInterruptionWritesTheSameFile() throws {
    var options = PretrainingOptions(samples: 200, seed: 2)
    options.tickSamples = 64
    options.validityDraws = 20
    let straight = temporaryURL("straight.agnet")
    var reports: [PretrainingProgress] = []
    try Pretraining.train(space: space, options: options, output: straight) { reports.append($0) }
    XCTAssertEqual(reports.map(\.samplesDone), [64, 128, 192, 200])
    XCTAssertFalse(FileManager.default.fileExists(atPath: straight.path + ".partial"))

    // A run killed after 96 samples left its last checkpoint behind; rerunning resumes from it.
    let resumed = temporaryURL("resumed.agnet")
    let killed = Pretraining(space: space, options: options)
    for _ in 0..<3 { killed.trainNextBatch() }
    try killed.checkpoint().write(to: resumed.appendingPathExtension("partial"))
    var resumedAt: Int?
    try Pretraining.train(space: space, options: options, output: resumed, resumed: { resumedAt = $0 }) { _ in }
    XCTAssertEqual(resumedAt, 96)
    XCTAssertEqual(try Data(contentsOf: resumed), try Data(contentsOf: straight))
  }

  func testResumeRefusesACheckpointOfOtherOptions() throws {
    let url = temporaryURL("other.agnet")
    var options = PretrainingOptions(samples: 64, seed: 3)
    let run = Pretraining(space: space, options: options)
    run.trainNextBatch()
    try run.checkpoint().write(to: url.appendingPathExtension("partial"))
    options.seed = 4
    XCTAssertThrowsError(try Pretraining.train(space: space, options: options, output: url) { _ in }) { error in
      XCTAssertTrue("\(error)".contains("pretraining.seed = 3, this run has 4"), "\(error)")
      XCTAssertTrue("\(error)".hasPrefix(url.path + ".partial: "), "\(error)")
    }
  }

  func testMissingOutputFolderFailsBeforeTraining() {
    let url = URL(fileURLWithPath: "/nonexistent-agnet-folder/g.agnet")
    var reports = 0
    XCTAssertThrowsError(try Pretraining.train(space: space, options: PretrainingOptions(samples: 64, seed: 1), output: url) { _ in reports += 1 }) {
      XCTAssertEqual("\($0)", "/nonexistent-agnet-folder/g.agnet: cannot write: no folder /nonexistent-agnet-folder")
    }
    XCTAssertEqual(reports, 0)
  }

  func testShardsSplitBatchesWithoutGapsOrOverlap() {
    XCTAssertEqual((0..<2).map { ShardedGradients.rows(ofShard: $0, count: 32, shards: 2) }, [0..<16, 16..<32])
    XCTAssertEqual((0..<2).map { ShardedGradients.rows(ofShard: $0, count: 7, shards: 2) }, [0..<4, 4..<7])
  }
}
