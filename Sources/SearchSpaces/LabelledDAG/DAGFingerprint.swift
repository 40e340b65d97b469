/// The fingerprint of a DAG with labelled interior vertices: NAS-Bench-101's cell fingerprint
/// (`graph_util.hash_module` of the official code), reproduced byte for byte and generalised to any
/// label set (method document §9). It keys every NAS-Bench-101 table and tells equal cells of a
/// space file with `merge_isomorphic = true`.
///
/// Each vertex starts from the MD5 hex digest of the Python text `str((out_degree, in_degree,
/// label))`, e.g. `"(2, 0, -1)"`, with label -1 for the input, -2 for the output and the op's
/// index (NAS-Bench-101: its digit code; a space file: its place in `ops`) in between. Then, `vertexCount` times, every vertex takes the MD5 hex digest of its sorted
/// in-neighbour hex digests, `|`, its sorted out-neighbour hex digests, `|`, its own hex digest
/// (all concatenated). The fingerprint is the MD5 of `str(sorted(hashes))`, i.e. the text
/// `['h1', 'h2', …]`.
///
/// Everything runs on one stack buffer: the start digests come from a table, the messages of one
/// round are hashed together (one SIMD lane per vertex), hex text is written with a byte-pair
/// table, and sorting compares digests as integers (which orders them as their hex text does).
enum DAGFingerprint {
  static let maxVertices = 7
  /// Interior labels are 0…maxLabel.
  static let maxLabel = 15

  /// The fingerprint of a pruned cell: `vertexCount` ≤ 7 vertices, upper-triangular
  /// `adjacencyBits` (edge x→y is bit y·(y−1)/2 + x), `label(v)` (0…`maxLabel`) the label of
  /// interior vertex v.
  @inline(__always)
  static func compute(vertexCount n: Int, adjacencyBits: UInt32, label: (Int) -> Int) -> MD5Digest {
    precondition(n >= 2 && n <= maxVertices, "a DAG fingerprint needs 2…7 vertices")
    var inMasks: [UInt8] = [0, 0, 0, 0, 0, 0, 0]
    var outMasks: [UInt8] = [0, 0, 0, 0, 0, 0, 0]
    for y in 1..<n {
      for x in 0..<y where adjacencyBits >> UInt32(CellGraph.edgeIndex(from: x, to: y)) & 1 == 1 {
        inMasks[y] |= 1 << UInt8(x)
        outMasks[x] |= 1 << UInt8(y)
      }
    }
    return seeds.withUnsafeBytes { seedBytes in
      hexPairs.withUnsafeBufferPointer { pairs in
        inMasks.withUnsafeBufferPointer { ins in
          outMasks.withUnsafeBufferPointer { outs in
            withUnsafeTemporaryAllocation(byteCount: Scratch.size, alignment: 16) { raw in
              var scratch = Scratch(raw.baseAddress!, pairs: pairs.baseAddress!)
              for v in 0..<n {
                let vertexLabel: Int
                if v == 0 { vertexLabel = -1 } else if v == n - 1 { vertexLabel = -2 } else { vertexLabel = label(v) }
                let seed = Seed.index(out: outs[v].nonzeroBitCount, in: ins[v].nonzeroBitCount, label: vertexLabel)
                scratch.setCurrent(v, fromSeed: seedBytes.baseAddress! + seed * Seed.stride)
              }
              for _ in 0..<n {
                for v in 0..<n {
                  let message = scratch.lane(v)
                  var length = scratch.appendSorted(ins[v], to: message, at: 0)
                  message.storeBytes(of: UInt8(ascii: "|"), toByteOffset: length, as: UInt8.self)
                  length = scratch.appendSorted(outs[v], to: message, at: length + 1)
                  message.storeBytes(of: UInt8(ascii: "|"), toByteOffset: length, as: UInt8.self)
                  scratch.counts[v] = scratch.appendHex(of: v, to: message, at: length + 1)
                }
                let (a, b, c, d) = MD5.digests8(paddingInPlace: scratch.lane(0), stride: Scratch.laneStride,
                                                counts: UnsafeBufferPointer(start: scratch.counts, count: n))
                for v in 0..<n { scratch.setNext(v, MD5Digest(words: (a[v], b[v], c[v], d[v]))) }
                scratch.swap()
              }
              return MD5.digest(paddingInPlace: scratch.message, count: scratch.writeSortedList(n))
            }
          }
        }
      }
    }
  }

  /// The start digests of every (out-degree, in-degree, label) a DAG of ≤ 7 vertices can have:
  /// per entry the digest (16 bytes) then its hex text (32 bytes).
  enum Seed {
    static let stride = 48
    static let labels = -2...maxLabel
    static func index(out: Int, in inDegree: Int, label: Int) -> Int {
      (out * maxVertices + inDegree) * labels.count + (label - labels.lowerBound)
    }
  }

  static let seeds: [UInt8] = {
    var table = [UInt8](repeating: 0, count: maxVertices * maxVertices * Seed.labels.count * Seed.stride)
    for out in 0..<maxVertices {
      for inDegree in 0..<maxVertices {
        for label in Seed.labels {
          let digest = MD5.digest("(\(out), \(inDegree), \(label))".utf8)
          let start = Seed.index(out: out, in: inDegree, label: label) * Seed.stride
          table.replaceSubrange(start..<start + 16, with: digest.bytes)
          table.replaceSubrange(start + 16..<start + 48, with: digest.hex.utf8)
        }
      }
    }
    return table
  }()

  /// Byte b → its two lowercase hex characters, first character in the low byte (so a
  /// little-endian 16-bit store writes them in reading order).
  static let hexPairs: [UInt16] = (0..<256).map { byte in
    let digits = Array("0123456789abcdef".utf8)
    return UInt16(digits[byte >> 4]) | UInt16(digits[byte & 15]) << 8
  }

  /// Current and next per-vertex digests (as two big-endian integers, for sorting) and hex texts,
  /// and the message being hashed, all in one caller-provided buffer.
  struct Scratch {
    static let hexBytes = 32
    /// One message per vertex (at most 6 neighbours: 6 × 32 + 2 + 32 = 226 bytes, padded 256).
    static let laneStride = 256
    static let lanesOffset = 0
    /// The final `['h1', …]` (7 × 32 + 6 × 4 + 4 = 252 bytes, padded 320).
    static let messageOffset = lanesOffset + 8 * laneStride
    static let hexOffset = messageOffset + 320
    static let keyOffset = hexOffset + 2 * maxVertices * hexBytes
    static let countsOffset = keyOffset + 2 * maxVertices * 16
    static let orderOffset = countsOffset + 8 * MemoryLayout<Int>.stride
    static let size = orderOffset + 8

    let base: UnsafeMutableRawPointer
    let pairs: UnsafePointer<UInt16>
    var current = 0

    init(_ base: UnsafeMutableRawPointer, pairs: UnsafePointer<UInt16>) {
      self.base = base
      self.pairs = pairs
      // Lanes of absent vertices are read (and ignored) by the 8-lane MD5: make them defined.
      base.initializeMemory(as: UInt8.self, repeating: 0, count: Scratch.messageOffset)
    }

    var message: UnsafeMutableRawPointer { base + Scratch.messageOffset }

    func lane(_ v: Int) -> UnsafeMutableRawPointer { base + Scratch.lanesOffset + v * Scratch.laneStride }

    var counts: UnsafeMutablePointer<Int> { (base + Scratch.countsOffset).assumingMemoryBound(to: Int.self) }

    func hex(_ generation: Int, _ v: Int) -> UnsafeMutableRawPointer {
      base + Scratch.hexOffset + (generation * maxVertices + v) * Scratch.hexBytes
    }

    func key(_ generation: Int, _ v: Int) -> UnsafeMutablePointer<UInt64> {
      (base + Scratch.keyOffset + (generation * maxVertices + v) * 16).assumingMemoryBound(to: UInt64.self)
    }

    var order: UnsafeMutablePointer<UInt8> { (base + Scratch.orderOffset).assumingMemoryBound(to: UInt8.self) }

    func setCurrent(_ v: Int, fromSeed seed: UnsafeRawPointer) {
      let key = key(current, v)
      key[0] = UInt64(bigEndian: seed.loadUnaligned(as: UInt64.self))
      key[1] = UInt64(bigEndian: seed.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
      hex(current, v).copyMemory(from: seed + 16, byteCount: Scratch.hexBytes)
    }

    func setNext(_ v: Int, _ digest: MD5Digest) {
      let next = 1 - current
      let key = key(next, v)
      key[0] = digest.high
      key[1] = digest.low
      let text = hex(next, v)
      for byte in 0..<8 {
        text.storeBytes(of: pairs[Int(truncatingIfNeeded: digest.high >> UInt64(56 - 8 * byte) & 0xff)], toByteOffset: 2 * byte, as: UInt16.self)
        text.storeBytes(of: pairs[Int(truncatingIfNeeded: digest.low >> UInt64(56 - 8 * byte) & 0xff)], toByteOffset: 16 + 2 * byte, as: UInt16.self)
      }
    }

    mutating func swap() { current = 1 - current }

    func appendHex(of v: Int, to message: UnsafeMutableRawPointer, at offset: Int) -> Int {
      (message + offset).copyMemory(from: hex(current, v), byteCount: Scratch.hexBytes)
      return offset + Scratch.hexBytes
    }

    func precedes(_ a: UInt8, _ b: UInt8) -> Bool {
      let x = key(current, Int(a)), y = key(current, Int(b))
      return x[0] < y[0] || (x[0] == y[0] && x[1] < y[1])
    }

    /// Sorts the vertices in `mask` by digest into `order`; returns how many.
    func sort(_ mask: UInt8) -> Int {
      var count = 0
      var rest = mask
      while rest != 0 {
        let v = UInt8(rest.trailingZeroBitCount)
        rest &= rest - 1
        var slot = count
        while slot > 0 && precedes(v, order[slot - 1]) {
          order[slot] = order[slot - 1]
          slot -= 1
        }
        order[slot] = v
        count += 1
      }
      return count
    }

    /// Appends the hex digests of the vertices in `mask`, sorted; returns the new length.
    func appendSorted(_ mask: UInt8, to message: UnsafeMutableRawPointer, at offset: Int) -> Int {
      var length = offset
      for index in 0..<sort(mask) { length = appendHex(of: Int(order[index]), to: message, at: length) }
      return length
    }

    /// Writes Python's `str(sorted(hashes))` for all `n` vertices; returns its length.
    func writeSortedList(_ n: Int) -> Int {
      let count = sort(UInt8((1 << n) - 1))
      var length = 0
      for index in 0..<count {
        let opening: StaticString = index == 0 ? "['" : "', '"
        for offset in 0..<opening.utf8CodeUnitCount {
          message.storeBytes(of: opening.utf8Start[offset], toByteOffset: length, as: UInt8.self)
          length += 1
        }
        length = appendHex(of: Int(order[index]), to: message, at: length)
      }
      message.storeBytes(of: UInt8(ascii: "'"), toByteOffset: length, as: UInt8.self)
      message.storeBytes(of: UInt8(ascii: "]"), toByteOffset: length + 1, as: UInt8.self)
      return length + 2
    }
  }
}
