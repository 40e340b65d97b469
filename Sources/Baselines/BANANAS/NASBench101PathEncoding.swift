import SearchSpaces

/// The path encoding of BANANAS (White et al. 2021) for NAS-Bench-101: one bit per possible
/// input→output path, set when the cell has that path.
///
/// A path is the sequence of ops on its interior vertices, 0 to 5 of them, so there are
/// 3^0 + 3^1 + … + 3^5 = 364 possible paths. A path with ops o₀ … o_{L−1} (o₀ next to the input;
/// ops numbered conv3x3 0, conv1x1 1, maxpool3x3 2, as in the tables) has the index
/// Σ 3^i · (oᵢ + 1): the empty path (input straight to output) is 0, the one-op paths are 1…3, the
/// two-op paths 4…12, and so on, so shorter paths come first and the index of every path is unique.
/// Truncating the encoding to its first n bits keeps the shortest paths (the reference code of the
/// paper truncates to 40, the paths of at most three ops).
public enum NASBench101PathEncoding {
  /// 364: every path of 0…5 ops.
  public static let fullLength = (0...NASBench101Cell.maxVertices - 2).reduce(0) { total, length in
    total + power3(length)
  }

  /// The indices of the cell's paths, ascending, each once (two parallel paths through the same
  /// ops are one path of the encoding).
  public static func pathIndices(of cell: NASBench101Cell) -> [Int] {
    let n = cell.vertexCount
    // indicesTo[v]: the partial indices of the paths input→v, and their lengths so far.
    var partial: [[(index: Int, length: Int)]] = Array(repeating: [], count: n)
    partial[0] = [(0, 0)]
    for v in 1..<n {
      for u in 0..<v where cell.hasEdge(from: u, to: v) {
        if u == 0 {
          partial[v] += partial[0]
        } else {
          let digit = cell.op(at: u).rawValue + 1
          partial[v] += partial[u].map { ($0.index + power3($0.length) * digit, $0.length + 1) }
        }
      }
    }
    return Array(Set(partial[n - 1].map(\.index))).sorted()
  }

  /// The first `length` bits of the encoding (1 ≤ length ≤ 364).
  public static func features(of cell: NASBench101Cell, length: Int = fullLength) -> [Float] {
    var result = [Float](repeating: 0, count: length)
    result.withUnsafeMutableBufferPointer { write(cell, length: length, into: $0.baseAddress!) }
    return result
  }

  /// Sets the cell's path bits below `length` in `features` (which must hold `length` zeros).
  public static func write(_ cell: NASBench101Cell, length: Int, into features: UnsafeMutablePointer<Float>) {
    for index in pathIndices(of: cell) where index < length { features[index] = 1 }
  }

  static func power3(_ exponent: Int) -> Int {
    var result = 1
    for _ in 0..<exponent { result *= 3 }
    return result
  }
}
