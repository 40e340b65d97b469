import Benchmarks
import Randomness
import SearchSpaces
import TestSupport
import XCTest
@testable import AGNet

final class CostSurrogateTests: XCTestCase {
  /// The leave-one-out error uses the smoother's shortcut e_i / (1 − h_ii); it must equal refitting
  /// without each cell in turn.
  func testTheLeaveOneOutErrorEqualsRefittingWithoutEachCell() {
    var rng = Xoshiro256StarStar(seed: 3, stream: "cost-surrogate-test")
    let encodings = (0..<12).map { _ in (0..<5).map { _ in Float(rng.next() % 2) } }
    let costs = encodings.map { 0.3 * Double($0[0]) - 0.7 * Double($0[2]) + 1 + Double(rng.next() % 1000) / 5000 }
    let surrogate = CostSurrogate(encodings: encodings, costs: costs)
    var squares = 0.0
    for left in encodings.indices {
      let rest = encodings.indices.filter { $0 != left }
      let fit = CostSurrogate(encodings: rest.map { encodings[$0] }, costs: rest.map { costs[$0] })
      squares += pow(costs[left] - fit.predict(encodings[left]), 2)
    }
    XCTAssertEqual(surrogate.leaveOneOutError, (squares / 12).squareRoot(), accuracy: 1e-9)
    XCTAssertGreaterThan(surrogate.leaveOneOutError, 0.01, "the noise is visible out of sample")
  }

  /// HW-NAS-Bench's FPGA latency of a NAS-Bench-201 cell is a sum of per-operation costs, and its
  /// 20 % quantile bound 2.80016 ms is shared by hundreds of cells. Fitted on 64 queried cells, the
  /// surrogate with the selection margin must keep every tied cell eligible and must not let in
  /// any cell that is over the bound by more than 1 %.
  func testCellsTiedAtTheRealFPGABoundStayEligible() throws {
    let table = try BenchmarkCatalog.nasbench201(dataset: .cifar10, dataDirectory: DataDirectory(TestData.benchmarks))
    let space = NASBench201Space()
    let bound = 2.80016
    let cells = table.cells
    let costs = try cells.map { try XCTUnwrap(try table.value("fpga_latency_ms", of: $0)) }
    let tied = cells.indices.filter { costs[$0] == bound }
    XCTAssertEqual(cells.indices.filter { costs[$0] <= bound }.count, 3420, "the bound is the 3,126th smallest of 15,625, tied")
    XCTAssertGreaterThan(tied.count, 100)

    var rng = Xoshiro256StarStar(seed: 7, stream: "cost-surrogate-fpga")
    let queried = (0..<64).map { _ in Int(rng.next() % UInt64(cells.count)) }
    let encode = { (i: Int) in space.vocabulary.encoding(of: space.graph(of: cells[i])) }
    let surrogate = CostSurrogate(encodings: queried.map(encode), costs: queried.map { costs[$0] / bound })
    let eligible = surrogate.selectionBound(1, margin: 0.5)
    let predictions = cells.indices.map { surrogate.predict(encode($0)) }
    XCTAssertGreaterThan(tied.filter { predictions[$0] > 1 }.count, 0, "against the bare bound some tied cells would be lost")
    XCTAssertEqual(tied.filter { predictions[$0] > eligible }.count, 0, "every tied cell stays eligible")
    XCTAssertEqual(cells.indices.filter { costs[$0] > bound * 1.01 && predictions[$0] <= eligible }.count, 0,
                   "no cell clearly over the bound is eligible")
    XCTAssertLessThan(surrogate.leaveOneOutError, 1e-3, "the FPGA latency is additive over the operations")
  }

  /// The cause of the loose-bound misses on measured devices (docs/hardware-aware.md, "Loose
  /// bounds"): at Pixel 3's 30 % quantile (7.50296 ms) the most accurate cells within the bound are
  /// cells whose latency is well below what their operations suggest. Fitted on 192 random cells,
  /// the surrogate with the selection margin admits only a few of the 20 best-validation cells
  /// within the bound; the exploring bound (2 leave-one-out errors) admits at least three quarters.
  /// At the 20 % quantile the selection margin already admits nearly all of them.
  func testTheBestCellsWithinALoosePixel3BoundArePredictedOverIt() throws {
    let table = try BenchmarkCatalog.nasbench201(dataset: .cifar10, dataDirectory: DataDirectory(TestData.benchmarks))
    let space = NASBench201Space()
    let cells = table.cells
    let costs = try cells.map { try XCTUnwrap(try table.value("pixel3_latency_ms", of: $0)) }
    let valid = try cells.map { try XCTUnwrap(try table.value("cifar10_valid_acc", of: $0)) }
    var rng = Xoshiro256StarStar(seed: 11, stream: "cost-surrogate-pixel3")
    let queried = (0..<192).map { _ in Int(rng.next() % UInt64(cells.count)) }
    let encode = { (i: Int) in space.vocabulary.encoding(of: space.graph(of: cells[i])) }
    var admitted: [Double: (narrow: Int, wide: Int)] = [:]
    for bound in [7.50296, 5.04178] {
      let best = cells.indices.filter { costs[$0] <= bound }.sorted { valid[$0] > valid[$1] }.prefix(20)
      let surrogate = CostSurrogate(encodings: queried.map(encode), costs: queried.map { costs[$0] / bound })
      let predictions = best.map { surrogate.predict(encode($0)) }
      admitted[bound] = (predictions.filter { $0 <= surrogate.selectionBound(1, margin: 0.5) }.count,
                         predictions.filter { $0 <= surrogate.selectionBound(1, margin: 2) }.count)
    }
    let loose = try XCTUnwrap(admitted[7.50296]), tight = try XCTUnwrap(admitted[5.04178])
    XCTAssertLessThanOrEqual(loose.narrow, 8, "30 %: the selection bound loses most of the best cells (\(loose))")
    XCTAssertGreaterThanOrEqual(loose.wide, 15, "30 %: the exploring bound admits most (\(loose))")
    XCTAssertGreaterThanOrEqual(tight.narrow, 18, "20 %: the selection bound admits them (\(tight))")
  }
}
