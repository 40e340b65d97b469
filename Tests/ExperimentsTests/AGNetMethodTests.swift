import AGNet
import Foundation
@testable import Methods
import Optimization
@testable import Runs
import SearchSpaces
import TestSupport
import XCTest

/// AG-Net through the runner, with the shipped NAS-Bench-201 generator and a tiny configuration
/// (debug builds are slow): resume, query counting, the domain rule, the run directory's copy of
/// the generator, and a short search on the real table.
extension SearchRunTests {
  static let agnetTiny = ["initial_cells": "8", "ticks": "1", "train_batch_size": "8", "candidates": "10",
                          "candidate_batches": "12,24"]

  func testAGNetResumesAfterAKillBetweenRounds() throws {
    try assertResumes(method: AGNetMethod(), parameters: Self.agnetTiny, batch: 10, event: .told(round: 2))
  }

  func testAGNetResumesAfterAKillInsideARound() throws {
    try assertResumes(method: AGNetMethod(), parameters: Self.agnetTiny, batch: 10, event: .asked(round: 3))
  }

  func testAGNetCountsQueriesAndSkipsCellsOutsideTheTable() throws {
    let directory = TestData.temporaryDirectory()
    // The shared table holds the 3,125 cells with edge 1←0 = none: most generated cells are not in it.
    let run = try makeRun(directory, method: AGNetMethod(), parameters: Self.agnetTiny,
                          settings: TrialSettings(budget: 40, batchSize: 8), trials: 1)
    try run.execute()
    let result = try JSONFiles.read(TrialResult<NASBench201Cell>.self, from: directory.appendingPathComponent("trial-0.json"))
    XCTAssertEqual(result.queries.count, 40, "every proposed cell is one query, initial random cells included")
    XCTAssertEqual(Set(result.queries.map(\.cell)).count, 40)
    XCTAssertTrue(result.queries.allSatisfy { $0.cell.op(at: 0) == .none }, "only cells of the table are proposed")
    XCTAssertEqual(result.rounds.map(\.cells), [8, 8, 8, 8, 8])
    XCTAssertEqual(result.rounds[0].statistics["initial_random_cells"], 8)
    let skipped = result.rounds.dropFirst().map { $0.statistics["skipped_not_in_table"] ?? -1 }
    XCTAssertTrue(skipped.allSatisfy { $0 >= 0 } && skipped.reduce(0, +) > 0, "skipped: \(skipped)")
    XCTAssertTrue(FileManager.default.fileExists(atPath: directory.appendingPathComponent(AGNetMethod.generatorFileName).path))
  }

  func testAGNetSearchesTheRealTable() throws {
    let directory = TestData.temporaryDirectory()
    let run = try SearchRun(benchmark: try Fixtures.realCIFAR10(), benchmarkName: "nasbench201", dataset: "cifar10",
                            method: AGNetMethod(), parameters: ["candidate_batches": "100,200"],
                            settings: TrialSettings(budget: 64, batchSize: 16), seed: 0, trials: 1, directory: directory)
    try run.execute()
    let result = try JSONFiles.read(TrialResult<NASBench201Cell>.self, from: directory.appendingPathComponent("trial-0.json"))
    XCTAssertEqual(result.queries.count, 64)
    // The pretrained generator proposes mostly valid cells: rounds are filled from candidates.
    for round in result.rounds.dropFirst() {
      XCTAssertEqual(round.statistics["random_fill"], 0)
      XCTAssertGreaterThan(round.statistics["valid"] ?? 0, 0.5 * (round.statistics["generated"] ?? 0))
    }
    // By the third guided round the proposals are far above a random cell: NAS-Bench-201 CIFAR-10
    // cells average 83.7 % validation accuracy (16 random cells average more than 87.5 about once in 25).
    let lastRound = result.queries.suffix(16).map(\.value)
    XCTAssertGreaterThan(lastRound.reduce(0, +) / 16, 87.5, "\(lastRound)")
  }

  func testAGNetRefusesBadParameters() throws {
    for (parameters, expected) in [(["ticks": "many"], "ticks"), (["weighting": "best"], "weighting"),
                                   (["candidate_batches": "100,x"], "candidate_batches"),
                                   (["alpha": "1.5"], "alpha"), (["generator": "/nonexistent/g.agnet"], "/nonexistent/g.agnet")] {
      XCTAssertThrowsError(try makeRun(TestData.temporaryDirectory(), method: AGNetMethod(), parameters: parameters).execute()) {
        XCTAssertTrue(String(describing: $0).contains(expected), "\(parameters): \($0)")
      }
    }
  }
}
