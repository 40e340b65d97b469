import SearchSpaces

/// BANANAS's features for a NAS-Bench-201 cell: one block of five bits per edge (edges in
/// arch-string order), the bit of the edge's op set. Ops are numbered by their raw values (none,
/// skip_connect, nor_conv_1x1, nor_conv_3x3, avg_pool_3x3), so edge e with op o is bit 5e + o.
public enum NASBench201OneHotEncoding {
  public static let featureCount = NASBench201Cell.edgeCount * NASBench201Op.allCases.count

  /// Sets the cell's six bits in `features` (which must hold `featureCount` zeros).
  public static func write(_ cell: NASBench201Cell, into features: UnsafeMutablePointer<Float>) {
    var code = cell.code
    // The last edge is the least significant base-5 digit of the code.
    for edge in stride(from: NASBench201Cell.edgeCount - 1, through: 0, by: -1) {
      features[edge * 5 + code % 5] = 1
      code /= 5
    }
  }

  public static func features(of cell: NASBench201Cell) -> [Float] {
    var result = [Float](repeating: 0, count: featureCount)
    result.withUnsafeMutableBufferPointer { write(cell, into: $0.baseAddress!) }
    return result
  }
}
