import XCTest
@testable import GradientBoosting

/// The XGBoost wrapper against what the library must do: fit training labels closely, learn a
/// step it can represent, refit identically, and report bad input as errors.
final class XGBoostRegressorTests: XCTestCase {
  /// 40 rows of 3 binary features (like a cell encoding); the label is 2·x0 − x1 + x0·x2.
  static let rows: [[Float]] = (0..<40).map { (i: Int) -> [Float] in [0, 1, 2].map { bit in Float((i >> bit) & 1) } }
  static func label(_ x: [Float]) -> Float { 2 * x[0] - x[1] + x[0] * x[2] }

  func testFitsALabelItCanRepresentAndPredictsNewRows() throws {
    let model = try XGBoostRegressor(features: Self.rows.flatMap { $0 }, columns: 3, labels: Self.rows.map(Self.label),
                                     parameters: BoosterParameters())
    let fitted = try model.predict(Self.rows.flatMap { $0 })
    for (row, prediction) in zip(Self.rows, fitted) {
      XCTAssertEqual(prediction, Self.label(row), accuracy: 1e-3, "\(row)")
    }
    // A new matrix of the same rows gets the same values (prediction reads the rows, not an index).
    let fresh = try model.predict([1, 0, 1, 0, 1, 0])
    XCTAssertEqual(fresh.count, 2)
    XCTAssertEqual(fresh[0], 3, accuracy: 1e-3)
    XCTAssertEqual(fresh[1], -1, accuracy: 1e-3)
    XCTAssertEqual(try model.predict([]), [])
  }

  func testTheSameDataFitTheSameForest() throws {
    var parameters = BoosterParameters()
    parameters.rounds = 50
    parameters.subsample = 0.7 // draws rows: the seed must decide them
    parameters.seed = 11
    let labels = Self.rows.enumerated().map { Self.label($0.element) + Float($0.offset % 7) * 0.01 }
    func fit(_ seed: UInt32) throws -> [Float] {
      parameters.seed = seed
      return try XGBoostRegressor(features: Self.rows.flatMap { $0 }, columns: 3, labels: labels, parameters: parameters)
        .predict(Self.rows.flatMap { $0 })
    }
    XCTAssertEqual(try fit(11), try fit(11))
    XCTAssertNotEqual(try fit(11), try fit(12), "with subsample < 1 the seed matters")
    let version = try XGBoostRegressor.libraryVersion()
    XCTAssertTrue(version.hasPrefix("1."), version)
  }

  func testBadInputIsAnError() throws {
    XCTAssertThrowsError(try XGBoostRegressor(features: [1, 2, 3], columns: 2, labels: [1], parameters: BoosterParameters()))
    XCTAssertThrowsError(try XGBoostRegressor(features: [1, 2], columns: 2, labels: [.nan], parameters: BoosterParameters()))
    var bad = BoosterParameters()
    bad.eta = 0
    XCTAssertThrowsError(try XGBoostRegressor(features: [1, 2], columns: 2, labels: [1], parameters: bad)) {
      XCTAssertTrue(String(describing: $0).contains("eta"), "\($0)")
    }
    let model = try XGBoostRegressor(features: [1, 2], columns: 2, labels: [1], parameters: BoosterParameters())
    XCTAssertThrowsError(try model.predict([1, 2, 3]))
  }
}
