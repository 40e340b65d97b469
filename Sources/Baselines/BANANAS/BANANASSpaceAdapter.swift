import Randomness
import SearchSpaces

/// What BANANAS needs from a space beyond `SearchSpace`: a fixed-length feature vector per cell
/// for its predictors, and the mutation it makes candidates with.
///
/// `standard(for:pathEncodingLength:)` gives the published choices of a `BANANASEncodable` space.
/// Other spaces can supply their own.
public struct BANANASSpaceAdapter<Space: SearchSpace>: Sendable {
  public let featureCount: Int
  private let writeFeatures: @Sendable (Space.Cell, UnsafeMutablePointer<Float>) -> Void
  private let mutateCell: @Sendable (Space.Cell, Double, inout Xoshiro256StarStar) -> Space.Cell

  /// `writeFeatures` sets a cell's features in a buffer of `featureCount` zeros; `mutate` returns
  /// a random valid cell near the given one (possibly the cell itself) for a mutation rate.
  public init(featureCount: Int,
              writeFeatures: @escaping @Sendable (Space.Cell, UnsafeMutablePointer<Float>) -> Void,
              mutate: @escaping @Sendable (Space.Cell, Double, inout Xoshiro256StarStar) -> Space.Cell) {
    precondition(featureCount > 0, "a BANANAS encoding needs at least one feature")
    self.featureCount = featureCount
    self.writeFeatures = writeFeatures
    self.mutateCell = mutate
  }

  /// The features of `cells`, one row each, row-major.
  public func features(of cells: [Space.Cell]) -> [Float] {
    var result = [Float](repeating: 0, count: cells.count * featureCount)
    result.withUnsafeMutableBufferPointer { buffer in
      for (row, cell) in cells.enumerated() { writeFeatures(cell, buffer.baseAddress! + row * featureCount) }
    }
    return result
  }

  public func mutate(_ cell: Space.Cell, rate: Double, using rng: inout Xoshiro256StarStar) -> Space.Cell {
    mutateCell(cell, rate, &rng)
  }

  /// The published encoding and mutation of the space (`BANANASEncodable`); throws `InputError`
  /// for a space BANANAS has none for, or a path length outside 1…364.
  public static func standard(for space: Space, pathEncodingLength: Int = NASBench101PathEncoding.fullLength) throws -> Self {
    func adapter<Encodable: BANANASEncodable>(_ space: Encodable) throws -> Any {
      try space.bananasAdapter(pathEncodingLength: pathEncodingLength)
    }
    // Optimizers are generic over any space, so the conformance is found at run time; `Space` is
    // the encodable space's own type, and the adapter built for it is this one.
    guard let encodable = space as? any BANANASEncodable, let result = try adapter(encodable) as? Self else {
      throw InputError("BANANAS has no encoding for the \(space.name) space (it supports nasbench201 and nasbench101)")
    }
    return result
  }
}
