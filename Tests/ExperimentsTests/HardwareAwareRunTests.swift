import Benchmarks
import Foundation
@testable import Methods
@testable import Optimization
@testable import Runs
import SearchSpaces
import TestSupport
import XCTest

final class HardwareAwareRunTests: XCTestCase {
  // MARK: Ranks (Eq. 4 and 5) on a hand example

  // Accuracies 90, 85, 92, 80 with costs 3, 1, 5, 2 and the bound 4: accuracy ranks 2, 3, 1, 4;
  // cost ranks 3, 1, 4, 2; the third cell is over the bound.
  let accuracies = [90.0, 85, 92, 80]
  let costs = [3.0, 1, 5, 2]

  func testConstraintRanksAreAccuracyRankTimesPenalty() {
    let objective = CostObjective(column: "c", maxCost: 4, mode: .constraint)
    XCTAssertEqual(objective.scores(accuracies: accuracies, costs: costs), [2, 3, 1000, 4])
    XCTAssertEqual(objective.trainingRanks(accuracies: accuracies, costs: costs), [0, 1, 998, 2])
    XCTAssertEqual(objective.reportedIndex(accuracies: accuracies, costs: costs), 0, "the best cell within the bound")
  }

  func testAGradedPenaltyGrowsWithTheCostOverTheBound() {
    let objective = CostObjective(column: "c", maxCost: 4, mode: .constraint)
    // The third cell costs 5 = 1.25·L: 1.25² ≈ 1.5625 times its accuracy rank 1.
    XCTAssertEqual(objective.scores(accuracies: accuracies, costs: costs, penalty: .graded(exponent: 2)), [2, 3, 1.5625, 4])
    XCTAssertEqual(objective.multiplier(4.04, .graded(exponent: 10)), pow(1.01, 10), accuracy: 1e-12)
    XCTAssertEqual(objective.multiplier(40, .graded(exponent: 10)), CostObjective.penalty, "capped at the hard penalty")
    XCTAssertEqual(objective.multiplier(4, .graded(exponent: 10)), 1, "within the bound")
    let nonPositive = CostObjective(column: "c", maxCost: 0, mode: .constraint)
    XCTAssertEqual(nonPositive.multiplier(1, .graded(exponent: 10)), CostObjective.penalty, "no ratio to a bound of 0: hard")
  }

  /// Issue 31: a cell exactly on the bound is within it everywhere the objective judges cells: the
  /// scores candidates are picked by, the training ranks under either penalty, the reported cell.
  func testACellExactlyOnTheBoundIsWithinIt() {
    let objective = CostObjective(column: "c", maxCost: 4, mode: .constraint)
    let (accuracies, costs) = ([90.0, 92, 93], [3.0, 4, 5])
    XCTAssertTrue(objective.isFeasible(4))
    XCTAssertEqual(objective.scores(accuracies: accuracies, costs: costs), [3, 2, 1000])
    XCTAssertEqual(objective.trainingRanks(accuracies: accuracies, costs: costs, penalty: .graded(exponent: 20)),
                   [1, 0, pow(1.25, 20) - 2], "graded: only the cell over the bound is penalised")
    XCTAssertEqual(objective.reportedIndex(accuracies: accuracies, costs: costs), 1, "the cell on the bound is reported")
  }

  func testJointRanksAreSummedRanksTimesPenalty() {
    let objective = CostObjective(column: "c", maxCost: 4, mode: .joint)
    XCTAssertEqual(objective.scores(accuracies: accuracies, costs: costs), [5, 4, 5000, 6])
    XCTAssertEqual(objective.reportedIndex(accuracies: accuracies, costs: costs), 1)
    let unbounded = CostObjective(column: "c", maxCost: nil, mode: .joint)
    XCTAssertEqual(unbounded.scores(accuracies: accuracies, costs: costs), [5, 4, 5, 6], "no bound, no penalty")
    XCTAssertEqual(unbounded.trainingRanks(accuracies: accuracies, costs: costs), [1, 0, 1, 2])
  }

  func testTiesShareRanksAndInfeasibleSetsStillReport() {
    XCTAssertEqual(CostObjective.competitionRanks([90, 90, 80, 95], higherIsBetter: true), [2, 2, 4, 1])
    XCTAssertEqual(CostObjective.competitionRanks([3, 1, 1], higherIsBetter: false), [3, 1, 1])
    let objective = CostObjective(column: "c", maxCost: 0.5, mode: .constraint)
    XCTAssertEqual(objective.reportedIndex(accuracies: accuracies, costs: costs), 2, "none within: the most accurate")
    XCTAssertThrowsError(try CostObjective(column: "c", maxCost: nil, mode: .constraint).validate())
  }

  // MARK: The runner with a cost objective

  private func settings(_ objective: CostObjective, budget: Int = 64, batch: Int = 1) -> TrialSettings {
    TrialSettings(budget: budget, batchSize: batch, reportEvery: 16, objective: objective)
  }

  /// The reported cell of every trajectory point is, by brute force, the best-validation cell
  /// within the bound among the queries so far; and it is within the bound.
  func testReportedCellRespectsTheBoundForEveryBaselineOverManySeeds() throws {
    let table = try Fixtures.sharedTable()
    let objective = CostObjective(column: "latency", maxCost: 2, mode: .constraint)
    let runner = try TrialRunner(benchmark: table, settings: settings(objective))
    XCTAssertLessThan(runner.benchmark.count, table.count, "cells without latency are not in the run's table")
    let domain = SearchDomain(space: runner.benchmark.space, members: runner.benchmark.cells)
    let methods: [any SearchMethod] = [RandomSearchMethod(), RegularizedEvolutionMethod(), LocalSearchMethod()]
    for method in methods {
      let hyperparameters = try method.resolve([:], space: domain.space.name)
      let prepared = try method.prepare(MethodSetup(domain: domain, hyperparameters: hyperparameters,
                                                    costNames: ["latency"], objective: objective))
      for seed in 0..<25 as Range<UInt64> {
        let result = try runner.run(try prepared.makeOptimizer(seed), method: method.name, trial: Int(seed), seed: seed)
        for point in result.trajectory {
          let prefix = result.queries.prefix(point.queries)
          XCTAssertTrue(prefix.allSatisfy { $0.costs?["latency"] != nil }, "\(method.name): a queried cell without the cost")
          guard let best = prefix.filter({ $0.costs!["latency"]! <= 2 }).max(by: { $0.value < $1.value }) else { continue }
          XCTAssertEqual(point.bestValid, best.value, "\(method.name) seed \(seed) at \(point.queries)")
          XCTAssertLessThanOrEqual(try XCTUnwrap(point.costOfReported), 2, "\(method.name) seed \(seed)")
        }
        XCTAssertEqual(result.best?.cost, result.trajectory.last?.costOfReported)
      }
    }
  }

  /// Hardware-aware AG-Net through the runner, small enough for a debug build: the reported cell
  /// keeps the bound, and the method refuses a run without an objective.
  func testHardwareAwareAGNetKeepsTheBound() throws {
    let table = try Fixtures.sharedTable()
    let objective = CostObjective(column: "latency", maxCost: 2, mode: .constraint)
    let runner = try TrialRunner(benchmark: table, settings: settings(objective, budget: 48, batch: 16))
    let domain = SearchDomain(space: runner.benchmark.space, members: runner.benchmark.cells)
    let method = HardwareAwareAGNetMethod()
    let hyperparameters = try method.resolve(["ticks": "1", "candidates": "20", "candidate_batches": "100,200"],
                                             space: domain.space.name)
    XCTAssertEqual(hyperparameters.values["alpha"], .double(0.95))
    XCTAssertEqual(hyperparameters.values["learning_rate"], .double(2e-4))
    XCTAssertThrowsError(try method.prepare(MethodSetup(domain: domain, hyperparameters: hyperparameters))) {
      XCTAssertTrue(String(describing: $0).contains("needs a cost objective"), "\($0)")
    }
    let prepared = try method.prepare(MethodSetup(domain: domain, hyperparameters: hyperparameters, costNames: ["latency"],
                                                  objective: objective))
    for seed in 0..<4 as Range<UInt64> {
      let result = try runner.run(try prepared.makeOptimizer(seed), method: method.name, trial: Int(seed), seed: seed)
      XCTAssertEqual(result.queries.count, 48)
      XCTAssertLessThanOrEqual(try XCTUnwrap(result.best?.cost), 2, "seed \(seed)")
      XCTAssertNotNil(result.rounds.last?.statistics["chosen_predicted_within_bound"])
    }
  }

  func testJointModeReportsTheLowestSummedRank() throws {
    let table = try Fixtures.sharedTable()
    let objective = CostObjective(column: "latency", maxCost: 6, mode: .joint)
    let runner = try TrialRunner(benchmark: table, settings: settings(objective, budget: 48, batch: 16))
    let domain = SearchDomain(space: runner.benchmark.space, members: runner.benchmark.cells)
    let optimizer = try RandomSearchMethod().prepare(MethodSetup(domain: domain, hyperparameters: Hyperparameters()))
      .makeOptimizer(3)
    let result = try runner.run(optimizer, method: "rs", trial: 0, seed: 3)
    for point in result.trajectory {
      let prefix = Array(result.queries.prefix(point.queries))
      // Written out independently of CostObjective: (1 + better accuracies + 1 + cheaper) × penalty.
      let scores = prefix.map { q -> Double in
        let c = q.costs!["latency"]!
        let a = 1 + prefix.filter { $0.value > q.value }.count
        let k = 1 + prefix.filter { $0.costs!["latency"]! < c }.count
        return Double(a + k) * (c > 6 ? 1000 : 1)
      }
      let expected = scores.indices.min { scores[$0] != scores[$1] ? scores[$0] < scores[$1] : $0 < $1 }!
      XCTAssertEqual(point.bestValid, prefix[expected].value, "at \(point.queries)")
      XCTAssertEqual(point.costOfReported, prefix[expected].costs!["latency"])
    }
  }

  func testMissingCostCellsAreNotInTheRunsTable() throws {
    let table = try Fixtures.realCIFAR10()
    let objective = CostObjective(column: "edgetpu_latency_ms", maxCost: 1, mode: .constraint)
    let runner = try TrialRunner(benchmark: table, settings: settings(objective))
    let known = try table.column("edgetpu_latency_ms").filter { !$0.isNaN }.count
    XCTAssertEqual(runner.benchmark.count, known)
    XCTAssertLessThan(known, table.count)
    XCTAssertTrue(try runner.benchmark.column("edgetpu_latency_ms").allSatisfy { !$0.isNaN && $0 >= 0 })
    let feasible = try runner.benchmark.column("edgetpu_latency_ms").filter { $0 <= 1 }.count
    XCTAssertEqual(runner.tableFront?.feasibleCells, feasible)
    // The optimum is the best cell within the bound.
    let best = runner.optimum.bestBySearch[0].cell
    XCTAssertLessThanOrEqual(try XCTUnwrap(try table.value("edgetpu_latency_ms", of: best)), 1)
    XCTAssertLessThan(runner.optimum.bestSearchValue, try XCTUnwrap(table.optimum).bestSearchValue)
    XCTAssertThrowsError(try TrialRunner(benchmark: table, settings: settings(
      CostObjective(column: "edgetpu_latency_ms", maxCost: 0.0001, mode: .constraint)))) {
      XCTAssertTrue(String(describing: $0).contains("the lowest is"), "\($0)")
    }
  }

  // MARK: Files

  func testParetoFrontAndHypervolumeAreWrittenToTheRunFiles() throws {
    let directory = TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let table = try Fixtures.sharedTable()
    let objective = CostObjective(column: "latency", maxCost: 3, mode: .constraint)
    let run = try SearchRun(benchmark: table, benchmarkName: "synthetic", dataset: "nb201", method: RandomSearchMethod(),
                            settings: TrialSettings(budget: 40, batchSize: 8, objective: objective), trials: 3,
                            directory: directory)
    let summary = try run.execute()
    let maxLatency = try table.column("latency").filter { !$0.isNaN }.max()!
    var volumes: [Double] = []
    for trial in 0..<3 {
      let result = try JSONFiles.read(TrialResult<NASBench201Cell>.self, from: directory.appendingPathComponent("trial-\(trial).json"))
      let pareto = try XCTUnwrap(result.pareto)
      XCTAssertEqual(pareto.referenceAccuracy, 0)
      XCTAssertEqual(pareto.referenceCost, maxLatency)
      // Brute force: no queried cell dominates a front member, every non-member is dominated.
      let points = result.queries.map { ($0.value, $0.costs!["latency"]!) }
      for member in pareto.front {
        XCTAssertFalse(points.contains { $0.0 >= member.valid && $0.1 <= member.cost && ($0.0 > member.valid || $0.1 < member.cost) })
      }
      XCTAssertEqual(pareto.front.count, Set(points.filter { p in
        !points.contains { $0.0 >= p.0 && $0.1 <= p.1 && ($0.0 > p.0 || $0.1 < p.1) } }.map { "\($0.0) \($0.1)" }).count)
      // Hypervolume of a staircase, summed by cost slabs instead of accuracy slabs.
      var area = 0.0
      for (i, m) in pareto.front.enumerated() {
        let nextCost = i + 1 < pareto.front.count ? pareto.front[i + 1].cost : maxLatency
        area += m.valid * (nextCost - m.cost)
      }
      XCTAssertEqual(pareto.hypervolume, area, accuracy: 1e-9 * area)
      volumes.append(pareto.hypervolume)
    }
    let hardware = try XCTUnwrap(summary.hardwareAware)
    XCTAssertEqual(hardware.hypervolumeMean, volumes.reduce(0, +) / 3, accuracy: 1e-9)
    XCTAssertEqual(hardware.referenceCost, maxLatency)
    XCTAssertGreaterThanOrEqual(hardware.tableHypervolume, volumes.max()!)
    XCTAssertNotNil(summary.trajectory.last?.costOfReportedMax)
    let json = try String(contentsOf: directory.appendingPathComponent("summary.json"), encoding: .utf8)
    XCTAssertTrue(json.contains("\"hardware_aware\"") && json.contains("\"cost_of_reported_max\""))
    let svg = try String(contentsOf: directory.appendingPathComponent("pareto.svg"), encoding: .utf8)
    XCTAssertTrue(svg.contains("front of the table") && svg.contains("bound 3"), svg)
    let markdown = try String(contentsOf: directory.appendingPathComponent("summary.md"), encoding: .utf8)
    XCTAssertTrue(markdown.contains("reference point: accuracy 0"), markdown)
  }
}

extension SearchRunTests {
  func testHardwareAwareAGNetResumesExactly() throws {
    let objective = CostObjective(column: "latency", maxCost: 4, mode: .joint)
    try assertResumes(method: HardwareAwareAGNetMethod(), parameters: Self.agnetTiny, batch: 8, event: .told(round: 2),
                      objective: objective)
    try assertResumes(method: HardwareAwareAGNetMethod(), parameters: Self.agnetTiny, batch: 8, event: .asked(round: 3),
                      objective: objective)
  }
}
