import Randomness
import SearchSpaces

/// The mutations BANANAS makes its candidates with, as in the paper's reference code
/// (naszilla `adj` mutation, mutation rate r = 1 by default): every part of the cell changes
/// independently with a small probability, so a candidate is usually one or two changes away from
/// its parent, sometimes more, and sometimes (when nothing changed) the parent itself, which the
/// candidate search then discards as already queried.
public enum BANANASMutation {
  /// NAS-Bench-201: each of the 6 edges takes a different op (uniformly among the other four) with
  /// probability r/4. The reference code divides by 4, not 6, to match NAS-Bench-101's rate.
  public static func mutate(_ cell: NASBench201Cell, rate: Double, using rng: inout Xoshiro256StarStar) -> NASBench201Cell {
    let probability = rate / 4
    var ops = cell.ops
    for edge in ops.indices where rng.uniform() < probability {
      ops[edge] = NASBench201Op(rawValue: (ops[edge].rawValue + 1 + rng.below(4)) % 5)!
    }
    return NASBench201Cell(ops: ops)
  }

  /// NAS-Bench-101: the cell as a 7-vertex graph (a smaller pruned cell is padded with isolated
  /// vertices of random ops just before the output, as the reference code's 7×7 specs carry
  /// unused vertices); each of the 21 possible edges flips with probability r/21 and each of the 5
  /// interior ops changes (uniformly to one of the other two) with probability r/5. Drawn again
  /// until the result is a valid cell; after 5,000 invalid draws the rate goes up by one, as in the
  /// reference code.
  public static func mutate(_ cell: NASBench101Cell, rate: Double, using rng: inout Xoshiro256StarStar) -> NASBench101Cell {
    let n = NASBench101Cell.maxVertices
    let slots = CellGraph.edgeSlots(n)
    let interior = n - 2
    var rate = rate
    while true {
      for _ in 0..<5_000 {
        var (bits, ops) = padded(cell, using: &rng)
        for slot in 0..<slots where rng.uniform() < rate / Double(slots) { bits ^= 1 << slot }
        for v in 0..<interior where rng.uniform() < rate / Double(interior) {
          ops[v] = NASBench101Op(rawValue: (ops[v].rawValue + 1 + rng.below(2)) % 3)!
        }
        if let child = try? NASBench101Cell(vertexCount: n, adjacencyBits: bits, ops: ops) { return child }
      }
      rate += 1
    }
  }

  /// The cell's adjacency bits and interior ops with 7 vertices: vertices 0…V−2 keep their
  /// numbers, the output becomes vertex 6, the vertices in between get random ops and no edges.
  static func padded(_ cell: NASBench101Cell, using rng: inout Xoshiro256StarStar) -> (bits: Int, ops: [NASBench101Op]) {
    let n = NASBench101Cell.maxVertices
    let v = cell.vertexCount
    func position(_ vertex: Int) -> Int { vertex == v - 1 ? n - 1 : vertex }
    var bits = 0
    for y in 1..<v {
      for x in 0..<y where cell.hasEdge(from: x, to: y) {
        bits |= 1 << CellGraph.edgeIndex(from: position(x), to: position(y))
      }
    }
    var ops = cell.ops
    while ops.count < n - 2 { ops.append(NASBench101Op(rawValue: rng.below(3))!) }
    return (bits, ops)
  }
}
