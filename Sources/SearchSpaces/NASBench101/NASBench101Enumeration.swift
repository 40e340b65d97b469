import Dispatch

/// All 423,624 NAS-Bench-101 cells, one per fingerprint, each the representative the official
/// data stores: the first met in the official enumeration order (vertex count 2…7, then adjacency
/// bits ascending, then interior labels in lexicographic order, vertex 1 most significant).
///
/// The official script fingerprints every labelled graph (about 1.3 million) and keeps the first
/// per fingerprint. Its fingerprint classes are exactly the isomorphism classes of these graphs (it
/// is invariant under isomorphism, and the official script verified that it never merges
/// non-isomorphic graphs), so the same representatives follow from isomorphism alone, which
/// `DAGStructureScan` decides cheaply. Only the representatives are then fingerprinted (in parallel, deterministically); tests check
/// the result against the official cell list hash by hash.
public enum NASBench101Enumeration {
  /// A representative's structure before fingerprinting.
  public struct Structure: Sendable {
    var vertexCount: Int
    var adjacencyBits: UInt32
    var packedOps: UInt16
  }

  /// Distinct cells per vertex count 2…7 (the official enumeration's counts).
  public static let countsByVertexCount: [Int: Int] = [2: 1, 3: 6, 4: 84, 5: 2_441, 6: 62_010, 7: 359_082]
  public static let cellCount = 423_624

  /// The representatives with `vertexCounts` vertices, in the official order, fingerprinted on
  /// `threads` threads (the result does not depend on `threads`).
  public static func cells(vertexCounts: ClosedRange<Int> = 2...NASBench101Cell.maxVertices, threads: Int = 2) -> [NASBench101Cell] {
    fingerprint(structures(vertexCounts: vertexCounts), threads: threads)
  }

  /// The first pass of `cells`: one representative structure per class, not yet fingerprinted
  /// (public so that `agnet bench spaces` can time the two passes apart).
  public static func structures(vertexCounts: ClosedRange<Int>) -> [Structure] {
    precondition(vertexCounts.lowerBound >= 2 && vertexCounts.upperBound <= NASBench101Cell.maxVertices, "NAS-Bench-101 cells have 2…7 vertices")
    var result: [Structure] = []
    result.reserveCapacity(vertexCounts.upperBound == NASBench101Cell.maxVertices ? cellCount : 70_000)
    for n in vertexCounts {
      let scan = DAGStructureScan(vertexCount: n, labelCount: NASBench101Op.allCases.count, maxEdges: NASBench101Cell.maxEdges)
      scan.forEachRepresentative { bits, labels in
        var packed: UInt16 = 0
        for (position, label) in labels.enumerated() { packed |= UInt16(label) << UInt16(2 * position) }
        result.append(.init(vertexCount: n, adjacencyBits: bits, packedOps: packed))
      }
    }
    return result
  }

  /// The second pass of `cells`: fingerprints and official order.
  public static func fingerprint(_ structures: [Structure], threads: Int) -> [NASBench101Cell] {
    let chunks = max(1, min(threads, structures.count))
    return [NASBench101Cell](unsafeUninitializedCapacity: structures.count) { buffer, count in
      let output = buffer
      structures.withUnsafeBufferPointer { input in
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
          let range = (input.count * chunk / chunks)..<(input.count * (chunk + 1) / chunks)
          for index in range {
            let s = input[index]
            (output.baseAddress! + index).initialize(to: NASBench101Cell(prunedVertexCount: s.vertexCount, adjacencyBits: s.adjacencyBits, packedOps: s.packedOps))
          }
        }
      }
      count = structures.count
    }
  }
}
