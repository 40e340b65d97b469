/// The DAGs of one vertex count whose interior vertices carry one of `labelCount` labels: vertex 0
/// the input, the last the output, every vertex on an input→output path, at most `maxEdges` edges.
/// Lists them in the official NAS-Bench-101 enumeration order (adjacency bits ascending, then
/// interior labels in lexicographic order, vertex 1 most significant), either all of them or one
/// per isomorphism class: the first met in that order.
///
/// Isomorphism is decided with bit tricks rather than by fingerprinting every labelled graph:
/// - a structure (bit pattern) holds representatives only if no interior-vertex permutation maps
///   it to a smaller upper-triangular bit pattern (that one was met earlier, with every labelling);
/// - on such a structure, a labelling is a representative if no automorphism of the structure maps
///   it to a lexicographically smaller labelling.
/// NAS-Bench-101 (3 labels, 9 edges) and space files with `family = "node-ops"` both enumerate here.
struct DAGStructureScan {
  let n: Int
  let labelCount: Int
  let maxEdges: Int
  let slots: Int
  /// Per non-identity permutation: the image of each edge slot, or -1 when the permuted edge
  /// points backwards (the image is then not upper triangular).
  let slotImages: [[Int]]
  /// Per non-identity permutation: the weight of each interior vertex's label digit after the
  /// permutation moves it (labelCount^(interior − image)).
  let labelWeights: [[Int]]
  let outgoing: [UInt32]
  let incoming: [UInt32]
  /// Label digits of every labelling code, vertex 1 first, `n − 2` bytes per code.
  let digits: [UInt8]

  /// The most labellings of one structure a scan lists (labelCount^(n−2)).
  static let maxLabellings = 1 << 24

  init(vertexCount n: Int, labelCount: Int, maxEdges: Int) {
    precondition(n >= 2 && n <= DAGFingerprint.maxVertices, "a structure scan lists DAGs of 2…7 vertices")
    precondition(labelCount >= 1 && DAGStructureScan.power(labelCount, n - 2) <= DAGStructureScan.maxLabellings, "too many labellings")
    self.n = n
    self.labelCount = labelCount
    self.maxEdges = maxEdges
    slots = CellGraph.edgeSlots(n)
    var images: [[Int]] = []
    var weights: [[Int]] = []
    for perm in DAGStructureScan.permutations(of: Array(1..<(n - 1))).dropFirst() {
      let image = [0] + perm + [n - 1] // vertex v goes to image[v]
      var slotImage = [Int](repeating: -1, count: CellGraph.edgeSlots(n))
      for y in 1..<n {
        for x in 0..<y where image[x] < image[y] {
          slotImage[CellGraph.edgeIndex(from: x, to: y)] = CellGraph.edgeIndex(from: image[x], to: image[y])
        }
      }
      images.append(slotImage)
      weights.append((0..<n).map { v in v >= 1 && v <= n - 2 ? DAGStructureScan.power(labelCount, n - 2 - image[v]) : 0 })
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
    let interior = n - 2
    var digits = [UInt8](repeating: 0, count: DAGStructureScan.power(labelCount, interior) * interior)
    for code in 0..<DAGStructureScan.power(labelCount, interior) {
      var rest = code
      for position in stride(from: interior - 1, through: 0, by: -1) {
        digits[code * interior + position] = UInt8(rest % labelCount)
        rest /= labelCount
      }
    }
    self.digits = digits
  }

  static func power(_ base: Int, _ k: Int) -> Int { (0..<k).reduce(1) { value, _ in value * base } }

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

  /// Calls `body(bits, labels)` for each DAG in order, `labels` the interior labels, vertex 1
  /// first; with `merging`, only for the first of each isomorphism class.
  func forEachRepresentative(merging: Bool = true, _ body: (UInt32, ArraySlice<UInt8>) -> Void) {
    let interior = n - 2
    let codes = DAGStructureScan.power(labelCount, interior)
    for bits in 0..<(UInt32(1) << UInt32(slots)) {
      guard bits.nonzeroBitCount <= maxEdges, isFull(bits) else { continue }
      let automorphisms: [Int]
      if merging {
        guard let found = automorphismsIfFirst(bits) else { continue }
        automorphisms = found
      } else {
        automorphisms = []
      }
      labellings: for code in 0..<codes {
        let labels = digits[code * interior..<(code + 1) * interior]
        for a in automorphisms {
          var image = 0
          for (position, label) in labels.enumerated() { image += Int(label) * labelWeights[a][position + 1] }
          if image < code { continue labellings }
        }
        body(bits, labels)
      }
    }
  }
}
