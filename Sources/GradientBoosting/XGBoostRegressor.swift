/// A regression forest fitted by the XGBoost library (its C API, loaded at run time: see
/// `XGBoostLibrary`) on dense rows of features.
///
///     let model = try XGBoostRegressor(features: x, columns: 84, labels: y, parameters: BoosterParameters())
///     let predictions = try model.predict(rows)
///
/// Fitting is deterministic for given data and parameters (fixed seed and thread count).
public final class XGBoostRegressor {
  public let columns: Int
  private let xgboost: XGBoostLibrary
  private let booster: XGBoostLibrary.Handle

  /// Fits `parameters.rounds` trees to `labels`, one per row of `features` (row-major,
  /// `columns` values each). Throws when XGBoost is not installed.
  public init(features: [Float], columns: Int, labels: [Float], parameters: BoosterParameters) throws {
    try parameters.validate()
    let xgboost = try XGBoostLibrary.require()
    guard columns > 0, !labels.isEmpty, features.count == labels.count * columns else {
      throw BoosterError("XGBoost needs one row of \(columns) features per label (got \(features.count) values, \(labels.count) labels)")
    }
    guard labels.allSatisfy(\.isFinite) else { throw BoosterError("XGBoost labels must be finite") }
    self.columns = columns
    self.xgboost = xgboost
    let training = try XGBoostRegressor.matrix(features, columns: columns, xgboost)
    defer { _ = xgboost.matrixFree(training) }
    try xgboost.call { labels.withUnsafeBufferPointer { xgboost.matrixSetFloats(training, "label", $0.baseAddress, UInt64($0.count)) } }
    var handle: XGBoostLibrary.Handle?
    try xgboost.call { withUnsafePointer(to: Optional(training)) { xgboost.boosterCreate($0, 1, &handle) } }
    booster = handle!
    do {
      for (name, value) in parameters.xgboostSettings {
        try xgboost.call { xgboost.boosterSetParameter(booster, name, value) }
      }
      for round in 0..<parameters.rounds {
        try xgboost.call { xgboost.boosterUpdate(booster, Int32(round), training) }
      }
    } catch {
      _ = xgboost.boosterFree(booster)
      throw error
    }
  }

  deinit { _ = xgboost.boosterFree(booster) }

  /// The forest's value for each row of `features` (row-major, `columns` values each).
  public func predict(_ features: [Float]) throws -> [Float] {
    guard features.count % columns == 0 else {
      throw BoosterError("XGBoost rows have \(columns) features; \(features.count) values are not whole rows")
    }
    if features.isEmpty { return [] }
    let rows = try XGBoostRegressor.matrix(features, columns: columns, xgboost)
    defer { _ = xgboost.matrixFree(rows) }
    var count: UInt64 = 0
    var result: UnsafePointer<Float>?
    try xgboost.call { xgboost.boosterPredict(booster, rows, 0, 0, 0, &count, &result) }
    guard let result, Int(count) == features.count / columns else { throw BoosterError("XGBoost returned \(count) predictions") }
    return Array(UnsafeBufferPointer(start: result, count: Int(count)))
  }

  /// The file name of the XGBoost library looked for at run time (what a refusal names).
  public static var libraryName: String { XGBoostLibrary.soname }

  /// The installed library's version; throws (naming the package to install) when there is none.
  public static func libraryVersion() throws -> String {
    let xgboost = try XGBoostLibrary.require()
    var (major, minor, patch): (Int32, Int32, Int32) = (0, 0, 0)
    xgboost.version(&major, &minor, &patch)
    return "\(major).\(minor).\(patch)"
  }

  private static func matrix(_ features: [Float], columns: Int, _ xgboost: XGBoostLibrary) throws -> XGBoostLibrary.Handle {
    var handle: XGBoostLibrary.Handle?
    try xgboost.call {
      features.withUnsafeBufferPointer {
        xgboost.matrixFromDense($0.baseAddress, UInt64(features.count / columns), UInt64(columns), .nan, &handle)
      }
    }
    return handle!
  }
}

extension XGBoostLibrary {
  /// Runs one C API call; a non-zero status becomes a `BoosterError` with XGBoost's message.
  func call(_ body: () -> Int32) throws {
    guard body() == 0 else { throw BoosterError("XGBoost: " + (lastError().map { String(cString: $0) } ?? "unknown error")) }
  }
}
