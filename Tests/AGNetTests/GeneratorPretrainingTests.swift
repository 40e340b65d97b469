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

  /// `best-validity` writes the earliest tick with the most valid cells, and resumes to the same file.
  func testBestValiditySelectionWritesTheBestTickAndResumes() throws {
    var options = PretrainingOptions(samples: 256, seed: 5)
    options.tickSamples = 64
    options.validityDraws = 10
    options.selection = .bestValidity
    options.selectionDraws = 200
    let straight = temporaryURL("selected.agnet")
    try Pretraining.train(space: space, options: options, output: straight) { _ in }
    XCTAssertFalse(FileManager.default.fileExists(atPath: straight.path + ".selected"))
    let written = try Checkpoint(contentsOf: straight)

    // The same measurements, tick by tick, on a fresh run of the same options.
    let replay = Pretraining(space: space, options: options)
    var best = (validity: -1.0, done: 0, values: [Float]())
    while !replay.isFinished {
      replay.trainNextBatch()
      guard replay.samplesDone % 64 == 0 || replay.isFinished else { continue }
      let validity = replay.selectionValidity(tick: UInt64(replay.samplesDone / 64))
      if validity > best.validity {
        best = (validity, replay.samplesDone, Array(UnsafeBufferPointer(start: replay.generator.parameters.values, count: replay.generator.parameters.count)))
      }
    }
    XCTAssertEqual(written.metadata["pretraining.selected_at"], String(best.done))
    XCTAssertEqual(written.metadata["pretraining.selected_validity"], String(best.validity))
    XCTAssertEqual(written.metadata["pretraining.selection"], "best-validity of 200 draws every 64 samples")
    let restored = Generator(configuration: replay.generator.configuration, seed: 99)
    try written.restore(into: restored.parameters, file: straight.path)
    XCTAssertEqual(Array(UnsafeBufferPointer(start: restored.parameters.values, count: restored.parameters.count)), best.values)

    // Killed after 160 samples (its selected tick so far on disk): the same file.
    let resumed = temporaryURL("resumed.agnet")
    let killed = Pretraining(space: space, options: options)
    var killedBest = -1.0
    while killed.samplesDone < 160 {
      killed.trainNextBatch()
      guard killed.samplesDone % 64 == 0 else { continue }
      let validity = killed.selectionValidity(tick: UInt64(killed.samplesDone / 64))
      if validity > killedBest {
        killedBest = validity
        try killed.selectedCheckpoint(validity: validity).write(to: resumed.appendingPathExtension("selected"))
      }
    }
    try killed.checkpoint().write(to: resumed.appendingPathExtension("partial"))
    try Pretraining.train(space: space, options: options, output: resumed) { _ in }
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
