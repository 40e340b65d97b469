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
    let domain = SearchDomain(space: NASBench201Space())
    let defaults = try bananas.resolve([:], space: domain.space.name)
    let optimizer = try bananas.prepare(MethodSetup(domain: domain, hyperparameters: defaults)).makeOptimizer(1)
    XCTAssertEqual(try optimizer.ask(limit: 10).count, 10)
    XCTAssertThrowsError(try bananas.resolve(["ensemble_size": "0"], space: domain.space.name)) {
      XCTAssertTrue($0 is UsageError && "\($0)".contains("ensemble_size must be at least 1"), "\($0)")
    }
    // A stored value the method cannot run with (written by hand) is refused when it prepares.
    let bad = Hyperparameters(defaults.values.merging(["learning_rate": .double(-1)]) { $1 })
    XCTAssertThrowsError(try bananas.prepare(MethodSetup(domain: domain, hyperparameters: bad)))
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
