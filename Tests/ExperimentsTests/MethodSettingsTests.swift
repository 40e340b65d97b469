import Foundation
@testable import Methods
@testable import Runs
import SearchSpaces
import TestSupport
import XCTest

final class MethodSettingsTests: XCTestCase {
  let registry = MethodRegistry.standard

  /// `expression` throws a `UsageError` whose message contains every one of `parts`.
  func assertRefused<T>(_ expression: @autoclosure () throws -> T, _ parts: String..., line: UInt = #line) {
    XCTAssertThrowsError(try expression(), line: line) { error in
      XCTAssertTrue(error is UsageError, "\(error)", line: line)
      for part in parts { XCTAssertTrue("\(error)".contains(part), "'\(part)' not in: \(error)", line: line) }
    }
  }

  func testEverySettingReadsItsDefaultsTextAndStoredValueAndRefusesAnotherKind() {
    func check<Settings: MethodSettings>(_: Settings.Type, method: String) {
      XCTAssertFalse(Settings.settings.isEmpty && !["rs", "ls"].contains(method), method)
      XCTAssertEqual(Set(Settings.settings.map(\.name)).count, Settings.settings.count, "\(method): a name declared twice")
      for setting in Settings.settings {
        let defaults = Settings.defaults
        var fromText = Settings.defaults, fromStore = Settings.defaults
        XCTAssertNil(setting.parse(&fromText, setting.text(defaults)), "\(method).\(setting.name)")
        XCTAssertTrue(setting.same(fromText, defaults), "\(method).\(setting.name)")
        XCTAssertNil(setting.read(&fromStore, setting.stored(defaults)), "\(method).\(setting.name)")
        XCTAssertTrue(setting.same(fromStore, defaults), "\(method).\(setting.name)")
        guard setting.kind != String.kindName else { continue } // every text is a string
        var bad = Settings.defaults
        XCTAssertEqual(setting.parse(&bad, "not-a-value"), setting.kind, "\(method).\(setting.name)")
        XCTAssertNotNil(setting.read(&bad, .string("not-a-value")), "\(method).\(setting.name)")
      }
    }
    func open<Method: SearchMethod>(_ method: Method) { check(Method.Settings.self, method: method.name) }
    for method in registry.methods { open(method) }
  }

  func testOverridesParseByKindAndRefuseUnknownNamesAndValuesOutOfRange() throws {
    let agnet = AGNetMethod(), re = RegularizedEvolutionMethod()
    let h = try agnet.resolve(["alpha": "0.5", "ticks": "5", "weight_loss_too": "no", "weighting": "uniform",
                               "candidate_batches": "10, 20", "training_latents": "uniform3"], space: "nasbench201")
    XCTAssertEqual(h.values["alpha"], .double(0.5))
    XCTAssertEqual(h.values["ticks"], .string("5"))
    XCTAssertEqual(h.values["weight_loss_too"], .bool(false))
    XCTAssertEqual(h.values["weighting"], .string("uniform"))
    XCTAssertEqual(h.values["candidate_batches"], .string("10,20"))
    XCTAssertEqual(h.values["training_latents"], .string("uniform3"))
    let settings = try AGNetSettings(stored: h, space: "nasbench201")
    XCTAssertEqual(try settings.configuration(space: "nasbench201").ticks, 5)
    XCTAssertEqual(try AGNetSettings.defaults.configuration(space: "nasbench101").ticks, 15, "auto follows the space")
    XCTAssertEqual(settings.search.candidateBatches, [10, 20])

    assertRefused(try re.resolve(["speed": "3"], space: "nasbench201"),
                  "no parameter 'speed'", "population_size, tournament_size, mutation_attempts")
    assertRefused(try RandomSearchMethod().resolve(["x": "1"], space: "nasbench201"), "takes none")
    assertRefused(try re.resolve(["population_size": "ten"], space: "nasbench201"), "re.population_size must be an integer")
    assertRefused(try re.resolve(["population_size": "0"], space: "nasbench201"), "population_size must be at least 1")
    assertRefused(try agnet.resolve(["alpha": "1.5"], space: "nasbench201"), "alpha must be in [0.0, 1.0]")
    assertRefused(try agnet.resolve(["alpha": "nan"], space: "nasbench201"), "alpha must be a number")
    assertRefused(try agnet.resolve(["ticks": "0"], space: "nasbench201"), "ticks must be at least 1")
    assertRefused(try agnet.resolve(["ticks": "often"], space: "nasbench201"), "ticks must be an integer or auto")
    assertRefused(try agnet.resolve(["shards": "65"], space: "nasbench201"), "shards must be in [1, 64]")
    assertRefused(try agnet.resolve(["candidate_batches": "100,0"], space: "nasbench201"), "candidate_batches must be each at least 1")
    assertRefused(try agnet.resolve(["weighting": "ranks"], space: "nasbench201"), "one of rank, uniform, uniform_first_cells")
    assertRefused(try BANANASMethod().resolve(["path_encoding_length": "0"], space: "nasbench101"), "path_encoding_length must be in [1, 364]")
    assertRefused(try AGNetXGBMethod().resolve(["xgb_eta": "0"], space: "nasbench201"), "xgb_eta must be in (0, 1]")
  }

  func testDARTSPhaseSizesBelongToDARTSRunsOnly() throws {
    let agnet = AGNetMethod()
    let nb201 = try agnet.resolve([:], space: "nasbench201")
    XCTAssertNil(nb201.values["normal_queries"])
    XCTAssertNil(nb201.values["reduce_queries"])
    XCTAssertEqual(nb201.values.count, 19)
    let darts = try agnet.resolve(["normal_queries": "40"], space: "darts")
    XCTAssertEqual(darts.values["normal_queries"], .int(40))
    XCTAssertEqual(darts.values["reduce_queries"], .int(152))
    XCTAssertEqual(try AGNetSettings(stored: darts, space: "darts").phases.normalQueries, 40)
    assertRefused(try agnet.resolve(["normal_queries": "40"], space: "nasbench201"),
                  "agnet.normal_queries applies to darts only, not to nasbench201")
    // `--param` still routes the name to agnet (it declares it), so the refusal comes from the run.
    XCTAssertEqual(try ParameterOverrides.parse(["normal_queries=40"], methods: [agnet]), ["agnet": ["normal_queries": "40"]])

    let everywhere = registry.helpText(space: nil), nb201Help = registry.helpText(space: "nasbench201")
    let dartsHelp = registry.helpText(space: "darts")
    XCTAssertTrue(everywhere.contains("normal_queries=152, reduce_queries=152]"))
    XCTAssertTrue(dartsHelp.contains("normal_queries=152, reduce_queries=152]"))
    XCTAssertFalse(nb201Help.contains("normal_queries"), nb201Help)
    XCTAssertFalse(nb201Help.contains("reduce_queries"), nb201Help)
    XCTAssertTrue(nb201Help.contains("agnet: AG-Net"))
    XCTAssertTrue(nb201Help.contains("shards=2, regression_layers=4, predictor_input=logits, value_scale=100.0]"))
    // `search` and `compare` list what a table search uses.
    XCTAssertEqual(registry.tableHelpText, nb201Help)
    XCTAssertEqual(registry.tableHelpText, registry.helpText(space: "nasbench101"))
  }

  func testVariantsComposeTheSharedBlockWithTheirOwnDefaults() throws {
    let block = AGNetGeneratorSettings.settings.map(\.name)
    XCTAssertEqual(block, ["generator", "initial_cells", "ticks", "train_batch_size", "alpha", "weighting", "weight_factor",
                           "weight_loss_too", "learning_rate", "beta1", "beta2", "candidates", "candidate_batches",
                           "candidate_latents", "training_latents", "shards"])
    let network = ["regression_layers", "predictor_input", "value_scale"]
    XCTAssertEqual(AGNetMethod().parameterNames, block + network + ["normal_queries", "reduce_queries"])
    XCTAssertEqual(AGNetXGBMethod().parameterNames, block + ["xgb_rounds", "xgb_max_depth", "xgb_min_child_weight", "xgb_eta",
                                                             "xgb_subsample", "xgb_colsample_bytree", "xgb_colsample_bylevel",
                                                             "xgb_threads"])
    XCTAssertEqual(HardwareAwareAGNetMethod().parameterNames, block + network + [
      "weight_decay", "cost_model", "bound_margin", "grid_aware", "explore", "explore_margin", "neighbours", "penalty_exponent"])
    XCTAssertEqual(TENASAGNetMethod().parameterNames, [
      "generator", "initial_cells", "candidates", "candidate_batches", "top_k", "normal_training", "reduce_training", "ticks",
      "train_batch_size", "weight_factor", "learning_rate", "beta1", "beta2", "training_latents", "shards"])

    // The defaults each variant declares, as `config.json` stores them.
    let agnet = try AGNetMethod().resolve([:], space: "nasbench201")
    let xgb = try AGNetXGBMethod().resolve([:], space: "nasbench201")
    let hw = try HardwareAwareAGNetMethod().resolve([:], space: "nasbench201")
    let tenas = try TENASAGNetMethod().resolve([:], space: "darts")
    XCTAssertEqual(agnet.values["ticks"], .string("auto"))
    XCTAssertEqual(agnet.values["alpha"], .double(0.9))
    XCTAssertEqual(agnet.values["learning_rate"], .double(1e-3))
    XCTAssertEqual(xgb.values["ticks"], .string("1"))
    XCTAssertEqual(xgb.values["alpha"], .double(0.9))
    XCTAssertEqual(xgb.values["xgb_rounds"], .int(500))
    XCTAssertEqual(hw.values["alpha"], .double(0.95))
    XCTAssertEqual(hw.values["learning_rate"], .double(2e-4))
    XCTAssertEqual(hw.values["penalty_exponent"], .double(20))
    XCTAssertEqual(tenas.values["ticks"], .int(1), "agnet-tenas stores ticks as an integer")
    XCTAssertEqual(tenas.values["candidates"], .int(50))
    // What agnet-tenas fixes of the block cannot be set, and holds the published values.
    assertRefused(try TENASAGNetMethod().resolve(["alpha": "0.5"], space: "darts"), "no parameter 'alpha'")
    let fixed = try TENASAGNetSettings.defaults.configuration(space: "darts")
    XCTAssertEqual(fixed.alpha, 0)
    XCTAssertEqual(fixed.regressionLayers, 0)
    XCTAssertEqual(fixed.valueScale, 1)
    XCTAssertEqual(fixed.ticks, 1)
    XCTAssertEqual(fixed.candidatesPerRound, 50)
    // Shared values reach every variant's configuration the same way.
    let shared = ["shards": "1", "beta1": "0.6", "initial_cells": "12"]
    let agnetConfiguration = try AGNetSettings.resolve(shared, space: "nasbench201", method: "agnet").configuration(space: "nasbench201")
    let xgbConfiguration = try AGNetXGBSettings.resolve(shared, space: "nasbench201", method: "agnet-xgb")
      .configuration(space: "nasbench201")
    for configuration in [agnetConfiguration, xgbConfiguration] {
      XCTAssertEqual(configuration.shards, 1)
      XCTAssertEqual(configuration.beta1, 0.6)
      XCTAssertEqual(configuration.initialCells, 12)
      XCTAssertEqual(configuration.weighting.initialCells, 12)
    }
    XCTAssertEqual(xgbConfiguration.ticks, 1)
    XCTAssertEqual(agnetConfiguration.ticks, 30)
  }

  /// Config comparison on resume: stored settings this build no longer writes, a setting the run
  /// lacks (added later, read with its default), the same value written otherwise, and another
  /// version all continue; a value that changes results is refused.
  func testResumeComparesSettingsNotTheirText() throws {
    let fresh = try AGNetMethod().resolve([:], space: "nasbench201")
    func config(_ values: [String: ParameterValue], version: String = AGNetVersion.current) -> RunConfig {
      RunConfig(method: "agnet", hyperparameters: Hyperparameters(values), benchmark: "nasbench201", dataset: "cifar10",
                table: TableIdentity(name: "t", cells: 1, searchMetric: "m", reportMetric: nil, fingerprint: "0"),
                settings: TrialSettings(budget: 16, batchSize: 16), seed: 0, trials: 1, version: version)
    }
    let new = config(fresh.values)
    var old = fresh.values
    old["normal_queries"] = .int(152)
    old["reduce_queries"] = .int(99) // never read on nasbench201
    old["shards"] = nil
    old["candidate_batches"] = .string("100, 200, 300, 400, 500, 600, 700, 800, 900")
    old["value_scale"] = .int(100) // a whole double as JSON reads it back
    XCTAssertEqual(new.differences(from: config(old, version: "0.0.1")), [])
    old["shards"] = .int(1)
    old["ticks"] = .string("30")
    XCTAssertEqual(new.differences(from: config(old)), ["hyperparameters.shards", "hyperparameters.ticks"])
    old["shards"] = .string("two")
    XCTAssertEqual(new.differences(from: config(old)), ["hyperparameters.shards", "hyperparameters.ticks"])
    // A stored config whose settings a build cannot read is refused when the run starts.
    XCTAssertThrowsError(try AGNetSettings(stored: Hyperparameters(old), space: "nasbench201")) {
      XCTAssertTrue("\($0)".contains("'shards' must be an integer"), "\($0)")
    }
  }

  /// A run directory whose config.json holds what an older build wrote (another version, a
  /// setting this build does not store, one it lacks) continues to the same trial files.
  func testARunWithAnOlderConfigResumesToTheSameTrials() throws {
    let directory = TestData.temporaryDirectory()
    func run() throws -> SearchRun<NASBench201Space> {
      try SearchRun(benchmark: try Fixtures.sharedTable(), benchmarkName: "synthetic", dataset: "nb201",
                    method: RegularizedEvolutionMethod(), parameters: ["population_size": "10"],
                    settings: TrialSettings(budget: 24, batchSize: 1), seed: 3, trials: 2, directory: directory)
    }
    _ = try run().execute()
    let trial1 = directory.appendingPathComponent("trial-1.json")
    let finished = try Data(contentsOf: trial1)
    try FileManager.default.removeItem(at: trial1)
    for name in ["summary.json", "summary.md"] { try? FileManager.default.removeItem(at: directory.appendingPathComponent(name)) }
    let configURL = directory.appendingPathComponent("config.json")
    var object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: configURL)) as? [String: Any])
    var hyperparameters = try XCTUnwrap(object["hyperparameters"] as? [String: Any])
    hyperparameters["mutation_attempts"] = nil  // added "later": read with its default
    hyperparameters["normal_queries"] = 152     // stored by older builds on every space
    object["hyperparameters"] = hyperparameters
    object["version"] = "0.0.1"
    try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]).write(to: configURL, options: [])
    _ = try run().execute()
    XCTAssertEqual(try Data(contentsOf: trial1), finished)

    // A setting that changes results still refuses the run.
    assertInputError(try run2(directory).open(), "hyperparameters.population_size")
  }

  private func run2(_ directory: URL) throws -> SearchRun<NASBench201Space> {
    try SearchRun(benchmark: try Fixtures.sharedTable(), benchmarkName: "synthetic", dataset: "nb201",
                  method: RegularizedEvolutionMethod(), parameters: ["population_size": "11"],
                  settings: TrialSettings(budget: 24, batchSize: 1), seed: 3, trials: 2, directory: directory)
  }

  private func assertInputError<T>(_ expression: @autoclosure () throws -> T, _ part: String, line: UInt = #line) {
    XCTAssertThrowsError(try expression(), line: line) { error in
      XCTAssertTrue(error is InputError && "\(error)".contains(part), "\(error)", line: line)
    }
  }
}
