import Dispatch

/// All 423,624 NAS-Bench-101 cells, one per fingerprint, each the representative the official
/// data stores: the first met in the official enumeration order (vertex count 2…7, then adjacency
/// bits ascending, then interior labels in lexicographic order, vertex 1 most significant).
///
/// The official script fingerprints every labelled graph (about 1.3 million) and keeps the first
/// per fingerprint. Its fingerprint classes are exactly the isomorphism classes of these graphs (it
/// is invariant under isomorphism, and the official script verified that it never merges
/// non-isomorphic graphs), so the same representatives follow from isomorphism alone, which is
/// cheap to decide with bit tricks:
/// - a structure (bit pattern) holds representatives only if no interior-vertex permutation maps
///   it to a smaller upper-triangular bit pattern (that one was met earlier, with every labelling);
/// - on such a structure, a labelling is a representative if no automorphism of the structure maps
///   it to a lexicographically smaller labelling.
/// Only the representatives are then fingerprinted (in parallel, deterministically); tests check
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
    for n in vertexCounts { StructureScan(vertexCount: n).appendRepresentatives(to: &result) }
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

/// The structures of one vertex count and their interior-vertex permutations.
private struct StructureScan {
  let n: Int
  let interior: Int
  let slots: Int
  /// Per non-identity permutation: the image of each edge slot, or -1 when the permuted edge
  /// points backwards (the image is then not upper triangular).
  let slotImages: [[Int]]
  /// Per non-identity permutation: the weight of each interior vertex's label digit after the
  /// permutation moves it (3^(interior − image)).
  let labelWeights: [[Int]]
  let outgoing: [UInt32]
  let incoming: [UInt32]
  /// Label digits of each labelling code, vertex 1 first.
  let digits: [[Int]]

  init(vertexCount n: Int) {
    self.n = n
    interior = n - 2
    slots = CellGraph.edgeSlots(n)
    var images: [[Int]] = []
    var weights: [[Int]] = []
    for perm in StructureScan.permutations(of: Array(1..<(n - 1))).dropFirst() {
      let image = [0] + perm + [n - 1] // vertex v goes to image[v]
      var slotImage = [Int](repeating: -1, count: CellGraph.edgeSlots(n))
      for y in 1..<n {
        for x in 0..<y where image[x] < image[y] {
          slotImage[CellGraph.edgeIndex(from: x, to: y)] = CellGraph.edgeIndex(from: image[x], to: image[y])
        }
      }
      images.append(slotImage)
      weights.append((0..<n).map { v in v >= 1 && v <= n - 2 ? StructureScan.power3(n - 2 - image[v]) : 0 })
    }
    slotImages = images
    labelWeights = weights
    var outgoing = [UInt32](repeating: 0, count: n)
    var incoming = [UInt32](repeating: 0, count: n)
    for y in 1..<n {
      for x in 0..<y {
        outgoing[x] |= 1 << UInt32(CellGraph.edgeIndex(from: x, to: y))
        incoming[y] |= 1 << UInt32(CellGraph.edgeIndex(from: x, to: y))
      }
    }
    self.outgoing = outgoing
    self.incoming = incoming
    digits = (0..<StructureScan.power3(n - 2)).map { code in
      (0..<(n - 2)).map { position in code / StructureScan.power3(n - 3 - position) % 3 }
    }
  }

  static func power3(_ k: Int) -> Int { (0..<k).reduce(1) { value, _ in value * 3 } }

  /// All permutations, the identity first, in lexicographic order.
  static func permutations(of items: [Int]) -> [[Int]] {
    guard items.count > 1 else { return [items] }
    return items.indices.flatMap { i -> [[Int]] in
      var rest = items
      let head = rest.remove(at: i)
      return permutations(of: rest).map { [head] + $0 }
    }
  }

  /// Every vertex but the output has an out-edge and every vertex but the input an in-edge: then
  /// every vertex is on an input→output path (the official `is_full_dag`).
  func isFull(_ bits: UInt32) -> Bool {
    for v in 0..<(n - 1) where bits & outgoing[v] == 0 { return false }
    for v in 1..<n where bits & incoming[v] == 0 { return false }
    return true
  }

  /// The automorphisms (as permutation indices) of a structure that is the smallest of its
  /// class; nil when a permutation maps it to a smaller upper-triangular structure.
  func automorphismsIfFirst(_ bits: UInt32) -> [Int]? {
    var automorphisms: [Int] = []
    permutations: for (p, image) in slotImages.enumerated() {
      var mapped: UInt32 = 0
      var rest = bits
      while rest != 0 {
        let slot = image[rest.trailingZeroBitCount]
        if slot < 0 { continue permutations }
        mapped |= 1 << UInt32(slot)
        rest &= rest - 1
      }
      if mapped < bits { return nil }
      if mapped == bits { automorphisms.append(p) }
    }
    return automorphisms
  }

  /// Appends the representatives of this vertex count in the official order.
  func appendRepresentatives(to result: inout [NASBench101Enumeration.Structure]) {
    for bits in 0..<(UInt32(1) << UInt32(slots)) {
      guard bits.nonzeroBitCount <= NASBench101Cell.maxEdges, isFull(bits),
            let automorphisms = automorphismsIfFirst(bits) else { continue }
      labellings: for (code, labels) in digits.enumerated() {
        for a in automorphisms {
          var image = 0
          for (position, label) in labels.enumerated() { image += label * labelWeights[a][position + 1] }
          if image < code { continue labellings }
        }
        var packed: UInt16 = 0
        for (position, label) in labels.enumerated() { packed |= UInt16(label) << UInt16(2 * position) }
        result.append(.init(vertexCount: n, adjacencyBits: bits, packedOps: packed))
      }
    }
  }
}
