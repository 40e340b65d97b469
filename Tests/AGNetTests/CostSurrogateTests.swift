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
    let bound = 2.80016
    let cells = table.cells
    let costs = try cells.map { try XCTUnwrap(try table.value("fpga_latency_ms", of: $0)) }
    let tied = cells.indices.filter { costs[$0] == bound }
    XCTAssertEqual(cells.indices.filter { costs[$0] <= bound }.count, 3420, "the bound is the 3,126th smallest of 15,625, tied")
    XCTAssertGreaterThan(tied.count, 100)

    let (surrogate, predictions) = CostSurrogateTests.fit(64, of: cells, costs: costs, bound: bound,
                                                         seed: 7, stream: "cost-surrogate-fpga")
    let eligible = surrogate.selectionBound(1, margin: 0.5)
    XCTAssertGreaterThan(tied.filter { predictions[$0] > 1 }.count, 0, "against the bare bound some tied cells would be lost")
    XCTAssertEqual(tied.filter { predictions[$0] > eligible }.count, 0, "every tied cell stays eligible")
    XCTAssertEqual(cells.indices.filter { costs[$0] > bound * 1.01 && predictions[$0] <= eligible }.count, 0,
                   "no cell clearly over the bound is eligible")
    XCTAssertLessThan(surrogate.leaveOneOutError, 1e-3, "the FPGA latency is additive over the operations")
    XCTAssertEqual(eligible, 1 + max(0.5 * surrogate.leaveOneOutError, CostSurrogate.tieTolerance),
                   "a float-valued column keeps the selection bound of the build before the grid-aware one")
  }

  /// Issue 31: on a coarse table the best cells within the bound sit exactly on it. HW-NAS-Bench's
  /// FPGA latency rounded up to whole milliseconds (`fpga_ceil1_ms` of scripts/hw-robustness-tables.py)
  /// takes 8 values; at its 20 % quantile, 3 ms, 3,812 of the 4,500 cells within the bound sit on
  /// it, the 20 best by validation accuracy among them. Fitted on 192 random cells, the selection
  /// bound must admit at least 18 of those 20 and few of the cells one step over. Held to the bound
  /// plus half a leave-one-out error (the build before, `gridAware: false`), it admitted none.
  func testTheBestCellsOnAWholeMillisecondFPGABoundStayEligible() throws {
    let table = try BenchmarkCatalog.nasbench201(dataset: .cifar10, dataDirectory: DataDirectory(TestData.benchmarks))
    let cells = table.cells
    let costs = try cells.map { (try XCTUnwrap(try table.value("fpga_latency_ms", of: $0))).rounded(.up) }
    let valid = try cells.map { try XCTUnwrap(try table.value("cifar10_valid_acc", of: $0)) }
    let bound = 3.0
    XCTAssertEqual(cells.indices.filter { costs[$0] <= bound }.count, 4500)
    XCTAssertEqual(cells.indices.filter { costs[$0] == bound }.count, 3812)
    let best = cells.indices.filter { costs[$0] <= bound }.sorted { valid[$0] > valid[$1] }.prefix(20)
    XCTAssertTrue(best.allSatisfy { costs[$0] == bound }, "the best feasible cells are on the bound")

    let (surrogate, predictions) = CostSurrogateTests.fit(192, of: cells, costs: costs, bound: bound,
                                                         seed: 13, stream: "cost-surrogate-fpga-whole-ms")
    let eligible = surrogate.selectionBound(1, margin: 0.5)
    let admitted = best.filter { predictions[$0] <= eligible }.count
    XCTAssertGreaterThanOrEqual(admitted, 18, "the best cells on the bound are eligible (\(admitted) of 20)")
    let nextStep = cells.indices.filter { costs[$0] == bound + 1 }
    let leaked = nextStep.filter { predictions[$0] <= eligible }.count
    XCTAssertLessThan(Double(leaked), 0.1 * Double(nextStep.count), "few cells one step over are (\(leaked) of \(nextStep.count))")
    XCTAssertEqual(cells.indices.filter { costs[$0] > bound + 1 && predictions[$0] <= eligible }.count, 0,
                   "no cell two steps over is")
  }

  /// The grid of told costs: the smallest gap when every cost is a multiple of it.
  func testTheGridStepOfCoarseAndFloatCosts() {
    XCTAssertEqual(CostSurrogate.gridStep([3, 4, 6, 4, 3]), 1)
    XCTAssertEqual(CostSurrogate.gridStep([2.5, 3, 4.5]), 0.5)
    XCTAssertEqual(CostSurrogate.gridStep([4 / 6, 5 / 6, 1]), 1.0 / 6, accuracy: 1e-12, "costs divided by the bound")
    XCTAssertEqual(CostSurrogate.gridStep([1, 2.5, 5.5]), 0, "1 is not a multiple of the gap 1.5")
    XCTAssertEqual(CostSurrogate.gridStep([2.57296, 2.80016, 3.11]), 0)
    XCTAssertEqual(CostSurrogate.gridStep([3, 3]), 0)
    XCTAssertEqual(CostSurrogate(encodings: [[0], [1], [1]], costs: [0.75, 1, 1], gridAware: false).resolution, 0)
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

  /// A surrogate fitted to `costs` / `bound` of `count` cells drawn at random (with repetition),
  /// and its prediction for every cell.
  private static func fit(_ count: Int, of cells: [NASBench201Cell], costs: [Double], bound: Double,
                          seed: UInt64, stream: String) -> (surrogate: CostSurrogate, predictions: [Double]) {
    let space = NASBench201Space()
    var rng = Xoshiro256StarStar(seed: seed, stream: stream)
    let queried = (0..<count).map { _ in Int(rng.next() % UInt64(cells.count)) }
    let encode = { (i: Int) in space.vocabulary.encoding(of: space.graph(of: cells[i])) }
    let surrogate = CostSurrogate(encodings: queried.map(encode), costs: queried.map { costs[$0] / bound })
    return (surrogate, cells.indices.map { surrogate.predict(encode($0)) })
  }
}
