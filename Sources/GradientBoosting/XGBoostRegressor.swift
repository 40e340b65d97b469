import CXGBoost

/// A regression forest fitted by the XGBoost library (its C API) on dense rows of features.
///
///     let model = try XGBoostRegressor(features: x, columns: 84, labels: y, parameters: BoosterParameters())
///     let predictions = try model.predict(rows)
///
/// Fitting is deterministic for given data and parameters (fixed seed and thread count).
public final class XGBoostRegressor {
  public let columns: Int
  private let booster: BoosterHandle

  /// Fits `parameters.rounds` trees to `labels`, one per row of `features` (row-major,
  /// `columns` values each).
  public init(features: [Float], columns: Int, labels: [Float], parameters: BoosterParameters) throws {
    try parameters.validate()
    guard columns > 0, !labels.isEmpty, features.count == labels.count * columns else {
      throw BoosterError("XGBoost needs one row of \(columns) features per label (got \(features.count) values, \(labels.count) labels)")
    }
    guard labels.allSatisfy(\.isFinite) else { throw BoosterError("XGBoost labels must be finite") }
    self.columns = columns
    let training = try XGBoostRegressor.matrix(features, columns: columns)
    defer { XGDMatrixFree(training) }
    try XGBoostRegressor.call { labels.withUnsafeBufferPointer { XGDMatrixSetFloatInfo(training, "label", $0.baseAddress, UInt64($0.count)) } }
    var handle: BoosterHandle?
    try XGBoostRegressor.call { withUnsafePointer(to: Optional(training)) { XGBoosterCreate($0, 1, &handle) } }
    booster = handle!
    do {
      for (name, value) in parameters.xgboostSettings {
        try XGBoostRegressor.call { XGBoosterSetParam(booster, name, value) }
      }
      for round in 0..<parameters.rounds {
        try XGBoostRegressor.call { XGBoosterUpdateOneIter(booster, Int32(round), training) }
      }
    } catch {
      XGBoosterFree(booster)
      throw error
    }
  }

  deinit { XGBoosterFree(booster) }

  /// The forest's value for each row of `features` (row-major, `columns` values each).
  public func predict(_ features: [Float]) throws -> [Float] {
    guard features.count % columns == 0 else {
      throw BoosterError("XGBoost rows have \(columns) features; \(features.count) values are not whole rows")
    }
    if features.isEmpty { return [] }
    let rows = try XGBoostRegressor.matrix(features, columns: columns)
    defer { XGDMatrixFree(rows) }
    var count: UInt64 = 0
    var result: UnsafePointer<Float>?
    try XGBoostRegressor.call { XGBoosterPredict(booster, rows, 0, 0, 0, &count, &result) }
    guard let result, Int(count) == features.count / columns else { throw BoosterError("XGBoost returned \(count) predictions") }
    return Array(UnsafeBufferPointer(start: result, count: Int(count)))
  }

  /// The linked library's version.
  public static var libraryVersion: String {
    var (major, minor, patch): (Int32, Int32, Int32) = (0, 0, 0)
    XGBoostVersion(&major, &minor, &patch)
    return "\(major).\(minor).\(patch)"
  }

  private static func matrix(_ features: [Float], columns: Int) throws -> DMatrixHandle {
    var handle: DMatrixHandle?
    try call {
      features.withUnsafeBufferPointer {
        XGDMatrixCreateFromMat($0.baseAddress, UInt64(features.count / columns), UInt64(columns), .nan, &handle)
      }
    }
    return handle!
  }

  /// Runs one C API call; a non-zero status becomes a `BoosterError` with XGBoost's message.
  private static func call(_ body: () -> Int32) throws {
    guard body() == 0 else { throw BoosterError("XGBoost: " + String(cString: XGBGetLastError())) }
  }
}
