import AGNet
import Foundation
@testable import Methods
import Optimization
@testable import Runs
import SearchSpaces
import TestSupport
import XCTest

/// `agnet-xgb` through the runner: resume after a kill (the forest is refitted from the told
/// cells), and a small trial on the real NAS-Bench-201 table.
extension SearchRunTests {
  static let xgbTiny = ["initial_cells": "8", "train_batch_size": "8", "candidates": "10", "candidate_batches": "12,24",
                        "xgb_rounds": "50"]

  func testAGNetXGBResumesAfterAKillBetweenRoundsAndInsideOne() throws {
    try assertResumes(method: AGNetXGBMethod(), parameters: Self.xgbTiny, batch: 10, event: .told(round: 2))
    try assertResumes(method: AGNetXGBMethod(), parameters: Self.xgbTiny, batch: 10, event: .asked(round: 3))
  }

  func testAGNetXGBSearchesTheRealTableReproducibly() throws {
    func run() throws -> (URL, TrialResult<NASBench201Cell>) {
      let directory = TestData.temporaryDirectory()
      try SearchRun(benchmark: try Fixtures.realCIFAR10(), benchmarkName: "nasbench201", dataset: "cifar10",
                    method: AGNetXGBMethod(), parameters: ["candidate_batches": "100,200"],
                    settings: TrialSettings(budget: 64, batchSize: 16), seed: 0, trials: 1, directory: directory).execute()
      return (directory, try JSONFiles.read(TrialResult<NASBench201Cell>.self, from: directory.appendingPathComponent("trial-0.json")))
    }
    let (directory, result) = try run()
    XCTAssertEqual(result.queries.count, 64)
    XCTAssertEqual(Set(result.queries.map(\.cell)).count, 64)
    // Every round found enough candidates. (Validity dips after the first few Adam steps: one
    // epoch a round is a handful of steps, each moving every weight by about the learning rate.)
    for round in result.rounds.dropFirst() {
      XCTAssertEqual(round.statistics["random_fill"], 0)
      XCTAssertGreaterThanOrEqual(round.statistics["candidates"] ?? 0, 16)
    }
    // NAS-Bench-201 CIFAR-10 cells average 83.7 % validation accuracy; the forest's picks of the
    // last round average far more (16 random cells average more than 87.5 about once in 25).
    let lastRound = result.queries.suffix(16).map(\.value)
    XCTAssertGreaterThan(lastRound.reduce(0, +) / 16, 87.5, "\(lastRound)")
    let config = try JSONFiles.read(RunConfig.self, from: directory.appendingPathComponent("config.json"))
    XCTAssertEqual(config.hyperparameters.values["ticks"], .string("1"), "one epoch a round, as the published script")
    XCTAssertEqual(config.hyperparameters.values["xgb_rounds"], .int(500))
    XCTAssertNil(config.hyperparameters.values["regression_layers"], "no predictor network")
    XCTAssertEqual(try run().1, result, "the same seed gives the same trial")
  }

  func testAGNetXGBRefusesBadParameters() throws {
    for (parameters, expected) in [(["xgb_eta": "0"], "eta"), (["xgb_max_depth": "0"], "max_depth"),
                                   (["xgb_rounds": "0"], "rounds"), (["regression_layers": "2"], "no parameter 'regression_layers'")] {
      XCTAssertThrowsError(try makeRun(TestData.temporaryDirectory(), method: AGNetXGBMethod(), parameters: parameters).execute()) {
        XCTAssertTrue(String(describing: $0).contains(expected), "\(parameters): \($0)")
      }
    }
  }
}
