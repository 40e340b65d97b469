/// The settings of an XGBoost regression forest (`reg:squarederror`, gbtree), with the values of
/// AG-Net's published `Search_XGB.py` as defaults.
public struct BoosterParameters: Codable, Equatable, Sendable {
  public var maxDepth = 6
  public var minChildWeight = 1.0
  /// Shrinkage per boosting round (XGBoost's `eta`, `learning_rate` in the published script).
  public var eta = 0.3
  public var subsample = 1.0
  public var columnSampleByTree = 1.0
  public var columnSampleByLevel = 1.0
  /// Boosting rounds (trees).
  public var rounds = 500
  /// XGBoost's own seed (row and column sampling; unused while both fractions are 1).
  public var seed: UInt32 = 0
  /// XGBoost's threads. 1 keeps a fit's floating-point sums in one order (and leaves the cores to
  /// the trials that `--jobs` runs side by side).
  public var threads = 1

  public init() {}

  /// Throws a `BoosterError` naming the first setting that cannot work.
  public func validate() throws {
    func check(_ ok: Bool, _ message: @autoclosure () -> String) throws {
      if !ok { throw BoosterError(message()) }
    }
    try check(maxDepth >= 1, "max_depth must be at least 1 (got \(maxDepth))")
    try check(minChildWeight >= 0 && minChildWeight.isFinite, "min_child_weight must be non-negative (got \(minChildWeight))")
    try check(eta > 0 && eta <= 1, "eta must lie in (0, 1] (got \(eta))")
    for (name, fraction) in [("subsample", subsample), ("colsample_bytree", columnSampleByTree),
                             ("colsample_bylevel", columnSampleByLevel)] {
      try check(fraction > 0 && fraction <= 1, "\(name) must lie in (0, 1] (got \(fraction))")
    }
    try check(rounds >= 1, "boosting rounds must be at least 1 (got \(rounds))")
    try check((1...256).contains(threads), "booster threads must be between 1 and 256 (got \(threads))")
  }

  /// XGBoost's names and values. `tree_method` and `base_score` are pinned to what XGBoost 1.7
  /// picks by default for small data (the published setting), so a later XGBoost with other
  /// defaults (2.0: `hist`, a fitted base score) fits the same trees.
  var xgboostSettings: [(String, String)] {
    [("objective", "reg:squarederror"), ("booster", "gbtree"), ("tree_method", "exact"), ("base_score", "0.5"),
     ("max_depth", String(maxDepth)), ("min_child_weight", String(minChildWeight)), ("eta", String(eta)),
     ("subsample", String(subsample)), ("colsample_bytree", String(columnSampleByTree)),
     ("colsample_bylevel", String(columnSampleByLevel)), ("seed", String(seed)), ("nthread", String(threads)),
     ("verbosity", "0")]
  }
}

/// An error reported by XGBoost or a setting it cannot use.
public struct BoosterError: Error, CustomStringConvertible, Sendable {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}
