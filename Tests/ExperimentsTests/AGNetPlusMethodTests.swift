import AGNet
import Foundation
@testable import Methods
import Optimization
@testable import Runs
import SearchSpaces
import TestSupport
import XCTest

/// `agnet-plus` through the runner: resume after a kill, and trials on the real NAS-Bench-201
/// table that repeat bit for bit and never query a cell twice.
extension SearchRunTests {
  /// Small networks and short training: the behaviour, not the tuned quality, is under test.
  static let plusTiny = ["initial_cells": "6", "ensemble_size": "2", "hidden_layers": "2", "layer_width": "8",
                         "epochs": "5", "generated_cells": "300"]

  func testAGNetPlusResumesAfterAKillBetweenRoundsAndInsideOne() throws {
    try assertResumes(method: AGNetPlusMethod(), parameters: Self.plusTiny, batch: 2, event: .told(round: 7))
    try assertResumes(method: AGNetPlusMethod(), parameters: Self.plusTiny, batch: 3, event: .asked(round: 5))
  }

  func testAGNetPlusSearchesTheRealTableReproduciblyWithoutRepeats() throws {
    func run() throws -> TrialResult<NASBench201Cell> {
      let directory = TestData.temporaryDirectory()
      try SearchRun(benchmark: try Fixtures.realCIFAR10(), benchmarkName: "nasbench201", dataset: "cifar10",
                    method: AGNetPlusMethod(), parameters: ["epochs": "30"],
                    settings: TrialSettings(budget: 40, batchSize: 2), seed: 3, trials: 1, directory: directory).execute()
      return try JSONFiles.read(TrialResult<NASBench201Cell>.self, from: directory.appendingPathComponent("trial-0.json"))
    }
    let result = try run()
    XCTAssertEqual(result.queries.count, 40)
    XCTAssertEqual(Set(result.queries.map(\.cell)).count, 40, "no cell is queried twice")
    for round in result.rounds.dropFirst(5) {
      XCTAssertEqual(round.statistics["random_fill"], 0)
      XCTAssertEqual(round.statistics["neighbour_candidates"].map { $0 > 0 }, true)
      XCTAssertEqual(round.statistics["generated_candidates"].map { $0 > 1000 }, true, "most of 2000 draws are new cells")
    }
    // CIFAR-10 cells average 83.7 % validation accuracy; the model's last 20 picks average far
    // more (uniform random picks average about 84).
    let picks = result.queries.suffix(20).map(\.value)
    XCTAssertGreaterThan(picks.reduce(0, +) / 20, 88, "\(picks)")
    XCTAssertEqual(try run(), result, "the same seed gives the same trial")
  }

  func testAGNetPlusRefusesBadParameters() throws {
    for (parameters, expected) in [(["acquisition": "greedy"], "thompson, ucb, mean"), (["epochs": "0"], "epochs"),
                                   (["generated_cells": "0", "neighbour_parents": "0"], "needs candidates")] {
      XCTAssertThrowsError(try makeRun(TestData.temporaryDirectory(), method: AGNetPlusMethod(), parameters: parameters).execute()) {
        XCTAssertTrue(String(describing: $0).contains(expected), "\(parameters): \($0)")
      }
    }
  }
}
