@testable import Comparisons
import Foundation
@testable import Methods
@testable import Runs
import SearchSpaces
import TestSupport
import XCTest

/// `--methods` with named variants, and a comparison that runs one method twice under two names.
final class MethodListTests: XCTestCase {
  func testPlainNamesAndNamedVariantsWithTheirSettings() throws {
    let choices = try MethodList.choices("agnet, agnet-xgb,wo-lso=agnet:weighting=uniform,wo-bp=agnet:predictor_input=encoding:ticks=5,rs")
    XCTAssertEqual(choices.map(\.name), ["agnet", "agnet-xgb", "wo-lso", "wo-bp", "rs"])
    XCTAssertEqual(choices.map(\.method.name), ["agnet", "agnet-xgb", "agnet", "agnet", "rs"])
    XCTAssertEqual(choices[0].parameters, [:])
    XCTAssertEqual(choices[2].parameters, ["weighting": "uniform"])
    XCTAssertEqual(choices[3].parameters, ["predictor_input": "encoding", "ticks": "5"])
  }

  func testParamItemsReachVariantsByNameAndTheVariantsOwnSettingsWin() throws {
    let choices = try MethodList.choices("re,re5=re:tournament_size=5,rs",
                                         parameterItems: ["tournament_size=3", "re5.population_size=12"])
    XCTAssertEqual(choices[0].parameters, ["tournament_size": "3"])
    XCTAssertEqual(choices[1].parameters, ["tournament_size": "5", "population_size": "12"])
    XCTAssertEqual(choices[2].parameters, [:])
    XCTAssertThrowsError(try MethodList.choices("re,re5=re:tournament_size=5", parameterItems: ["ls.x=1"])) {
      XCTAssertTrue(String(describing: $0).contains("not one of the methods run (re, re5)"), "\($0)")
    }
  }

  func testMistakesAreNamed() {
    for (text, expected) in [("rs,,re", "names separated by commas"), ("", "names separated by commas"),
                             ("rs,rs", "lists 'rs' twice"), ("a=re,a=ls", "lists 'a' twice"),
                             ("re:tournament_size=5", "needs a name, e.g. my-re=re:tournament_size=5"),
                             ("x=bogus", "unknown method 'bogus'"), ("ls=re:tournament_size=5", "'ls' is a method's name"),
                             ("a.b=re", "the name 'a.b'"), ("=re", "the name ''"), ("r e=re", "the name 'r e'"),
                             ("x=re:tournament_size", "'tournament_size' must look like param=value"),
                             ("x=re:a=1:a=2", "'a' is set twice")] {
      XCTAssertThrowsError(try MethodList.choices(text), text) {
        XCTAssertTrue(String(describing: $0).contains(expected), "\(text): \($0)")
      }
    }
  }

  func testAComparisonRunsAMethodTwiceUnderTwoNames() throws {
    let directory = TestData.temporaryDirectory()
    let choices = try MethodList.choices("re,re-big=re:population_size=20:tournament_size=10",
                                         parameterItems: ["population_size=8"])
    let results = try ComparisonRun(benchmark: try Fixtures.sharedTable(), benchmarkName: "synthetic", dataset: "nb201",
                                    methods: choices, budget: 48, seed: 1, trials: 2, directory: directory).execute()
    XCTAssertEqual(results.methodOrder, ["re", "re-big"])
    let plain = try JSONFiles.read(RunConfig.self, from: directory.appendingPathComponent("re/config.json"))
    let variant = try JSONFiles.read(RunConfig.self, from: directory.appendingPathComponent("re-big/config.json"))
    XCTAssertNil(plain.label)
    XCTAssertEqual(variant.method, "re")
    XCTAssertEqual(variant.label, "re-big")
    XCTAssertEqual(plain.hyperparameters.values["population_size"], .int(8))
    XCTAssertEqual(variant.hyperparameters.values["population_size"], .int(20))
    XCTAssertEqual(variant.hyperparameters.values["tournament_size"], .int(10))
    XCTAssertEqual(results.methods["re-big"]?.method, "re-big")
    let trial = try JSONFiles.read(TrialResult<NASBench201Cell>.self, from: directory.appendingPathComponent("re-big/trial-1.json"))
    XCTAssertEqual(trial.method, "re-big")
    XCTAssertNotEqual(results.methods["re"]?.trajectory, results.methods["re-big"]?.trajectory, "the variant ran its own settings")
    let report = try String(contentsOf: directory.appendingPathComponent("report.md"), encoding: .utf8)
    XCTAssertTrue(report.contains("| re-big | "), report)
    // The plain config file has no label field: directories of earlier versions still match.
    let text = try String(contentsOf: directory.appendingPathComponent("re/config.json"), encoding: .utf8)
    XCTAssertFalse(text.contains("label"), text)
    // Renaming a variant is another run: its directory is new, the old one untouched.
    let renamed = try MethodList.choices("re,other=re:population_size=20:tournament_size=10", parameterItems: ["population_size=8"])
    let again = try ComparisonRun(benchmark: try Fixtures.sharedTable(), benchmarkName: "synthetic", dataset: "nb201",
                                  methods: renamed, budget: 48, seed: 1, trials: 2, directory: directory).execute()
    XCTAssertEqual(again.methods["other"]?.trajectory, results.methods["re-big"]?.trajectory)
  }
}
