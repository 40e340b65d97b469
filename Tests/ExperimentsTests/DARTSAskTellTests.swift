import AGNet
@testable import AskTellRuns
import Benchmarks
import Foundation
@testable import Methods
import Optimization
@testable import Runs
import SearchSpaces
import TestSupport
import XCTest

/// Ask/tell on the DARTS space: genotype text out, results (optionally with the genotype echoed)
/// in, for the baselines (AG-Net's two phases are tested in AGNetTests).
final class DARTSAskTellTests: XCTestCase {
  let data = DataDirectory(TestData.benchmarks)

  /// A deterministic stand-in for accuracy.
  func score(_ text: String) throws -> Double {
    let genotype = try DARTSSpace().parseCell(text)
    return 90 + Double(genotype.normal.edges.filter { $0.op == .sepConv3x3 }.count) + Double(genotype.reduce.code % 13) / 10
  }

  func drive(_ directory: URL) throws -> [String] {
    let run = try AskTell.open(directory, dataDirectory: data)
    var seen: [String] = []
    while !run.isFinished {
      let asked = try run.ask(count: 100, claim: false)
      let lines = try asked.map { proposal -> String in
        guard case .text(let text) = proposal.cell else { throw InputError("a DARTS cell is text") }
        seen.append(text)
        let echoed = ProposedCell.quote(text)
        return "{\"id\": \"\(proposal.id)\", \"value\": \(try score(text)), \"cell\": \(echoed)}"
      }
      _ = try run.tell(Data(lines.joined(separator: "\n").utf8), source: "<test>")
    }
    return seen
  }

  func testBaselinesRunToTheEndWithGenotypeText() throws {
    for method in [RandomSearchMethod(), RegularizedEvolutionMethod(), LocalSearchMethod()] as [any SearchMethod] {
      let directory = TestData.temporaryDirectory()
      try AskTell.create(directory, space: "darts", reference: nil, dataDirectory: data, method: method,
                         parameters: method.name == "re" ? ["population_size": "6", "tournament_size": "3"] : [:],
                         settings: TrialSettings(budget: 20, batchSize: 4))
      let seen = try drive(directory)
      XCTAssertEqual(seen.count, 20, method.name)
      XCTAssertEqual(Set(seen).count, 20, method.name)
      for text in seen {
        XCTAssertTrue(text.hasPrefix("Genotype(normal=[('"))
        XCTAssertEqual(DARTSSpace().format(try DARTSSpace().parseCell(text)), text)
      }
      let result = try RunDirectory(directory).readResult(ofTrial: 0, as: DARTSGenotype.self)
      XCTAssertEqual(result.queries.map { DARTSSpace().format($0.cell) }, seen)
      XCTAssertTrue(FileManager.default.fileExists(atPath: directory.appendingPathComponent("summary.md").path))
    }
  }

  func testAToldCellMustBeTheAskedOne() throws {
    let directory = TestData.temporaryDirectory()
    try AskTell.create(directory, space: "darts", reference: nil, dataDirectory: data, method: RandomSearchMethod(),
                       settings: TrialSettings(budget: 4, batchSize: 2))
    let run = try AskTell.open(directory, dataDirectory: data)
    let asked = try run.ask(count: 2, claim: false)
    guard case .text(let first) = asked[0].cell, case .text(let second) = asked[1].cell else { return XCTFail("not text") }
    let wrong = "{\"id\": \"t0-q0\", \"value\": 1, \"cell\": \(ProposedCell.quote(second))}"
    XCTAssertThrowsError(try run.tell(Data(wrong.utf8), source: "<test>")) { error in
      XCTAssertTrue("\(error)".contains("<test>:1: id t0-q0 was asked for Genotype("), "\(error)")
    }
    let garbled = "{\"id\": \"t0-q0\", \"value\": 1, \"cell\": \(ProposedCell.quote(first.replacingOccurrences(of: "sep_conv", with: "sepconv")))}"
    XCTAssertThrowsError(try run.tell(Data(garbled.utf8), source: "<test>")) { error in
      XCTAssertTrue("\(error)".contains("the cell of id t0-q0: invalid DARTS genotype: unknown operation"), "\(error)")
    }
    XCTAssertEqual(try run.status()[0].told, 0)
  }

  func testDARTSHasNoReferenceTable() {
    XCTAssertThrowsError(try AskTell.create(TestData.temporaryDirectory(), space: "darts",
                                            reference: .catalog(.nasbench201, dataset: "cifar10"), dataDirectory: data,
                                            method: RandomSearchMethod())) { error in
      XCTAssertTrue("\(error)".contains("DARTS space has no tables"), "\(error)")
    }
  }

  func testOneCellAGNetVariantsAreRefusedOnDARTSAtInit() {
    let bounded = TrialSettings(batchSize: 16, objective: CostObjective(column: "latency_ms", maxCost: 3, mode: .constraint))
    for (method, settings) in [(AGNetXGBMethod() as any SearchMethod, TrialSettings(batchSize: 16)), (HardwareAwareAGNetMethod(), bounded)] {
      let directory = TestData.temporaryDirectory()
      XCTAssertThrowsError(try AskTell.create(directory, space: "darts", reference: nil, dataDirectory: data, method: method,
                                              settings: settings)) { error in
        XCTAssertTrue(error is UsageError, "\(error)")
        XCTAssertTrue("\(error)".contains("\(method.name) searches one-cell spaces only"), "\(error)")
      }
      XCTAssertFalse(FileManager.default.fileExists(atPath: directory.appendingPathComponent("config.json").path))
    }
  }
}

/// `agnet-tenas` through ask/tell: refused without both proxies or off DARTS; a tiny run with
/// the shipped generator reaches the end with both proxies told as costs.
final class TENASAskTellTests: XCTestCase {
  let data = DataDirectory(TestData.benchmarks)
  let tiny = ["initial_cells": "3", "candidates": "4", "candidate_batches": "50,100", "top_k": "2", "train_batch_size": "4",
              "normal_training": "3", "reduce_training": "3"]

  func testRefusedWithoutBothProxiesOrOffDARTS() {
    for costs in [[], ["ntk_condition"], ["linear_regions"]] {
      XCTAssertThrowsError(try AskTell.create(TestData.temporaryDirectory(), space: "darts", reference: nil, dataDirectory: data,
                                              method: TENASAGNetMethod(), settings: TrialSettings(batchSize: 50, costs: costs))) { error in
        XCTAssertTrue(error is UsageError, "\(error)")
        XCTAssertTrue("\(error)".contains("--cost ntk_condition --cost linear_regions"), "\(error)")
      }
    }
    let setup = MethodSetup(domain: SearchDomain(space: NASBench201Space()),
                            hyperparameters: try! TENASAGNetMethod().resolve([:], space: NASBench201Space().name),
                            costNames: ["ntk_condition", "linear_regions"])
    XCTAssertThrowsError(try TENASAGNetMethod().check(setup)) { error in
      XCTAssertTrue(error is UsageError && "\(error)".contains("darts space only"), "\(error)")
    }
  }

  func testATinyRunReachesTheEndWithBothProxies() throws {
    let directory = TestData.temporaryDirectory()
    try AskTell.create(directory, space: "darts", reference: nil, dataDirectory: data, method: TENASAGNetMethod(), parameters: tiny,
                       settings: TrialSettings(budget: 100, batchSize: 3, costs: ["ntk_condition", "linear_regions"]))
    let run = try AskTell.open(directory, dataDirectory: data)
    var seen: [DARTSGenotype] = []
    while !run.isFinished {
      let asked = try run.ask(count: 100, claim: false)
      let lines = try asked.map { proposal -> String in
        guard case .text(let text) = proposal.cell else { throw InputError("a DARTS cell is text") }
        let genotype = try DARTSSpace().parseCell(text)
        seen.append(genotype)
        let regions = 100 + Double(genotype.normal.code % 17) + Double(genotype.reduce.code % 5)
        let ntk = 10 + Double(genotype.reduce.code % 13)
        // The value (unused by agnet-tenas) disagrees with the proxies, so the reported cell shows
        // whose choice it is.
        return "{\"id\": \"\(proposal.id)\", \"value\": \(-regions), "
          + "\"costs\": {\"linear_regions\": \(regions), \"ntk_condition\": \(ntk)}}"
      }
      _ = try run.tell(Data(lines.joined(separator: "\n").utf8), source: "<test>")
    }
    // Phase 1: 3 random + 4 (training 3 → 5 > 3); phase 2: 2 random (+ phase 1's choice) + 4.
    XCTAssertEqual(seen.count, 13)
    XCTAssertEqual(Set(seen).count, 13)
    XCTAssertEqual(Set(seen.prefix(7).map(\.reduce)).count, 1)
    XCTAssertEqual(Set(seen.suffix(6).map(\.normal)).count, 1)
    let result = try RunDirectory(directory).readResult(ofTrial: 0, as: DARTSGenotype.self)
    XCTAssertEqual(result.queries.count, 13)
    XCTAssertNotNil(result.queries.last?.costs?["ntk_condition"])
    // The reported architecture is the published final choice: the smallest summed proxy rank.
    let costs = try result.queries.map { try XCTUnwrap($0.costs) }
    let chosen = TENASRanking.best(1, regions: costs.map { $0["linear_regions"]! }, ntk: costs.map { $0["ntk_condition"]! })[0]
    XCTAssertEqual(result.best?.query, chosen + 1)
    XCTAssertEqual(result.best?.cell, result.queries[chosen].cell)
    XCTAssertNotEqual(result.best?.query, result.queries.indices.max { result.queries[$0].value < result.queries[$1].value }! + 1)
  }
}
