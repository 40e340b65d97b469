@testable import Runs
import XCTest

final class ParetoFrontTests: XCTestCase {
  func point(_ name: String, _ accuracy: Double, _ cost: Double) -> TradeOffPoint<String> {
    TradeOffPoint(item: name, accuracy: accuracy, cost: cost)
  }

  func testFrontKeepsOnlyNonDominatedPointsByCost() {
    let points = [point("a", 90, 5), point("b", 85, 2), point("c", 80, 3), point("d", 92, 9), point("e", 90, 6),
                  point("f", 85, 2)]
    let front = paretoFront(points)
    XCTAssertEqual(front.map(\.item), ["b", "a", "d"])
    for p in points where !front.map(\.item).contains(p.item) && p.item != "f" {
      XCTAssertTrue(front.contains { $0.dominates(p) }, "\(p.item) should be dominated")
    }
  }

  func testHypervolumeOfAStaircase() {
    // Front (cost 2, acc 85), (5, 90), (9, 92); reference (acc 80, cost 10):
    // 5·8 + 5·5 + 2·1 = 40 + 25 + 2 = 67.
    let points = [point("a", 90, 5), point("b", 85, 2), point("c", 80, 3), point("d", 92, 9)]
    XCTAssertEqual(hypervolume(points, referenceAccuracy: 80, referenceCost: 10), 67, accuracy: 1e-9)
  }

  func testHypervolumeIgnoresPointsOutsideTheReferenceBoxAndGrowsWithBetterPoints() {
    let base = [point("a", 90, 5)]
    XCTAssertEqual(hypervolume(base + [point("x", 99, 11)], referenceAccuracy: 80, referenceCost: 10), 50, accuracy: 1e-9)
    XCTAssertGreaterThan(hypervolume(base + [point("y", 95, 8)], referenceAccuracy: 80, referenceCost: 10), 50)
    XCTAssertEqual(hypervolume([TradeOffPoint<String>](), referenceAccuracy: 80, referenceCost: 10), 0)
  }
}
