import Benchmarks
import Foundation
import SearchSpaces
import TestSupport
import XCTest
@testable import Experiments

/// Ask/tell on the DARTS space: genotype text out, results (optionally with the genotype echoed)
/// in, for the baselines (AG-Net's two phases are tested in AGNetTests).
final class DARTSAskTellTests: XCTestCase {
  let data = DataDirectory(SharedData.benchmarks)

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
      try run.tell(Data(lines.joined(separator: "\n").utf8), source: "<test>")
    }
    return seen
  }

  func testBaselinesRunToTheEndWithGenotypeText() throws {
    for method in [RandomSearchMethod(), RegularizedEvolutionMethod(), LocalSearchMethod()] as [any SearchMethod] {
      let directory = SharedData.temporaryDirectory()
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
    let directory = SharedData.temporaryDirectory()
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
    XCTAssertThrowsError(try AskTell.create(SharedData.temporaryDirectory(), space: "darts",
                                            reference: .catalog(.nasbench201, dataset: "cifar10"), dataDirectory: data,
                                            method: RandomSearchMethod())) { error in
      XCTAssertTrue("\(error)".contains("DARTS space has no tables"), "\(error)")
    }
  }
}
