@testable import Methods
import Optimization
@testable import Runs
import SearchSpaces
import XCTest

final class MethodRegistryTests: XCTestCase {
  func testStandardMethodsByName() throws {
    XCTAssertEqual(MethodRegistry.standard.names, ["agnet", "agnet-xgb", "agnet-plus", "agnet-hw", "agnet-tenas", "rs", "re", "ls", "bananas"])
    XCTAssertEqual(try MethodRegistry.standard.method(named: "re").defaultBatchSize, 1)
    XCTAssertThrowsError(try MethodRegistry.standard.method(named: "bogus")) {
      XCTAssertTrue(String(describing: $0).contains("available: agnet, agnet-xgb, agnet-plus, agnet-hw, agnet-tenas, rs, re, ls, bananas"), "\($0)")
    }
    XCTAssertTrue(MethodRegistry.standard.helpText.contains("re: regularized evolution"))
    XCTAssertTrue(MethodRegistry.standard.helpText.contains("population_size=30"))
  }

  func testBANANASPreparesWithPublishedDefaultsAndRejectsBadValues() throws {
    let bananas = try MethodRegistry.standard.method(named: "bananas")
    XCTAssertEqual(bananas.defaultBatchSize, 10)
    let defaults = try Hyperparameters.resolve(bananas.parameters, overrides: [:], method: "bananas")
    let domain = SearchDomain(space: NASBench201Space())
    let optimizer = try bananas.prepare(MethodSetup(domain: domain, hyperparameters: defaults)).makeOptimizer(1)
    XCTAssertEqual(try optimizer.ask(limit: 10).count, 10)
    let bad = try Hyperparameters.resolve(bananas.parameters, overrides: ["ensemble_size": "0"], method: "bananas")
    XCTAssertThrowsError(try bananas.prepare(MethodSetup(domain: domain, hyperparameters: bad)))
  }

  func testParametersResolveWithKindsAndDefaults() throws {
    let parameters = [MethodParameter("n", default: .int(3), help: ""), MethodParameter("lr", default: .double(0.1), help: ""),
                      MethodParameter("on", default: .bool(false), help: ""), MethodParameter("path", default: .string(""), help: "")]
    let h = try Hyperparameters.resolve(parameters, overrides: ["lr": "0.5", "on": "true", "path": "a/b"], method: "m")
    XCTAssertEqual(try h.int("n"), 3)
    XCTAssertEqual(try h.double("lr"), 0.5)
    XCTAssertEqual(try h.bool("on"), true)
    XCTAssertEqual(try h.string("path"), "a/b")
    XCTAssertThrowsError(try Hyperparameters.resolve(parameters, overrides: ["n": "2.5"], method: "m"))
    XCTAssertThrowsError(try Hyperparameters.resolve(parameters, overrides: ["lr": "nan"], method: "m"))
    XCTAssertThrowsError(try Hyperparameters.resolve(parameters, overrides: ["on": "maybe"], method: "m"))
    XCTAssertThrowsError(try Hyperparameters.resolve([], overrides: ["x": "1"], method: "m")) {
      XCTAssertTrue(String(describing: $0).contains("takes none"), "\($0)")
    }
    // A whole double read back from JSON is an integer; it still counts as the same value.
    let json = try JSONFiles.encode(Hyperparameters(["lr": .double(2)]))
    let back = try JSONDecoder().decode(Hyperparameters.self, from: json)
    XCTAssertEqual(back, Hyperparameters(["lr": .double(2)]))
    XCTAssertEqual(try back.double("lr"), 2)
  }
}

final class ParameterOverridesTests: XCTestCase {
  let methods: [any SearchMethod] = [RandomSearchMethod(), RegularizedEvolutionMethod(), LocalSearchMethod()]

  func testPrefixedAndSharedOverrides() throws {
    let parsed = try ParameterOverrides.parse(["re.tournament_size=5", "population_size=50"], methods: methods)
    XCTAssertEqual(parsed, ["re": ["tournament_size": "5", "population_size": "50"]])
    // The value may contain '=' and '.'.
    XCTAssertEqual(try ParameterOverrides.parse(["re.x=a=b.c"], methods: methods), ["re": ["x": "a=b.c"]])
  }

  func testMistakesAreNamed() {
    for (item, expected) in [("population_size", "name=value"), ("=3", "name=value"), ("bo.x=1", "not one of the methods"),
                             ("speed=3", "no method run has a parameter 'speed'")] {
      XCTAssertThrowsError(try ParameterOverrides.parse([item], methods: methods)) {
        XCTAssertTrue(String(describing: $0).contains(expected), "\(item): \($0)")
      }
    }
  }
}
