import Optimization
import SearchSpaces

/// Synthetic values over NAS-Bench-201 cells for behaviour tests (no table needed).
enum Landscapes {
  static let space = NASBench201Space()
  static let target = NASBench201Cell(ops: [.conv3x3, .conv3x3, .conv3x3, .skipConnect, .conv3x3, .conv3x3])

  /// Unimodal: the number of edges that agree with `target`, plus a tiny code-dependent tie
  /// breaker so that no two cells are equal. Every cell but the target has a better neighbour.
  static func unimodal(_ cell: NASBench201Cell) -> Double {
    Double(zip(cell.ops, target.ops).filter { $0 == $1 }.count) + Double(cell.code) * 1e-9
  }

  /// A hash-like value in [0, 1): rugged, many local optima.
  static func rugged(_ cell: NASBench201Cell) -> Double {
    var x = UInt64(cell.code) &* 0x9E37_79B9_7F4A_7C15
    x ^= x >> 29
    x = x &* 0xBF58_476D_1CE4_E5B9
    x ^= x >> 32
    return Double(x % 1_000_000) / 1_000_000
  }

  static func evaluate(_ cells: [NASBench201Cell], _ f: (NASBench201Cell) -> Double) -> [Evaluation<NASBench201Cell>] {
    cells.map { Evaluation(cell: $0, value: f($0)) }
  }

  static func domain(members: [NASBench201Cell]? = nil) -> SearchDomain<NASBench201Space> {
    SearchDomain(space: space, members: members)
  }

  /// Runs ask/tell rounds; returns every asked cell in order.
  @discardableResult
  static func drive<O: Optimizer>(_ optimizer: O, rounds: Int, batch: Int,
                                  _ f: (NASBench201Cell) -> Double) throws -> [NASBench201Cell]
  where O.Space == NASBench201Space {
    var asked: [NASBench201Cell] = []
    for _ in 0..<rounds {
      let cells = try optimizer.ask(limit: batch)
      if cells.isEmpty { break }
      asked += cells
      try optimizer.tell(evaluate(cells, f))
    }
    return asked
  }
}
