// Explicit SIMD versions of the hot loops. The autovectoriser gives up on loops that write
// through several raw pointers (it cannot prove they do not alias), so these process eight
// lanes at a time by hand; a row's last partial chunk goes through the same lane code with
// `load(_:width:)`/`store(_:_:width:)`, so every formula is written once.

public typealias Lanes = SIMD8<Float>

@inlinable @inline(__always)
func load(_ p: UnsafePointer<Float>) -> Lanes { UnsafeRawPointer(p).loadUnaligned(as: Lanes.self) }

@inlinable @inline(__always)
func store(_ v: Lanes, _ p: UnsafeMutablePointer<Float>) { UnsafeMutableRawPointer(p).storeBytes(of: v, as: Lanes.self) }

/// The first `width` (1...8) values; the other lanes are zero.
@inlinable @inline(__always)
func load(_ p: UnsafePointer<Float>, width: Int) -> Lanes {
  if width == 8 { return load(p) }
  var v = Lanes()
  for i in 0..<width { v[i] = p[i] }
  return v
}

@inlinable @inline(__always)
func store(_ v: Lanes, _ p: UnsafeMutablePointer<Float>, width: Int) {
  if width == 8 { return store(v, p) }
  for i in 0..<width { p[i] = v[i] }
}

/// dst[i] = src[i], for the short rows of our tensors (a `memmove` call per row costs more
/// than the copy).
@inlinable
func copy(_ src: UnsafePointer<Float>, into dst: UnsafeMutablePointer<Float>, count: Int) {
  for i in stride(from: 0, to: count, by: 8) {
    let width = min(8, count - i)
    store(load(src + i, width: width), dst + i, width: width)
  }
}

/// dst[i] = factor · src[i].
@inlinable
func copy(_ src: UnsafePointer<Float>, times factor: Float, into dst: UnsafeMutablePointer<Float>, count: Int) {
  let f = Lanes(repeating: factor)
  for i in stride(from: 0, to: count, by: 8) {
    let width = min(8, count - i)
    store(f * load(src + i, width: width), dst + i, width: width)
  }
}

/// dst[i] += src[i].
@inlinable
func accumulate(_ src: UnsafePointer<Float>, into dst: UnsafeMutablePointer<Float>, count: Int) {
  var i = 0
  while i + 8 <= count {
    store(load(dst + i) + load(src + i), dst + i)
    i += 8
  }
  while i < count {
    dst[i] += src[i]
    i += 1
  }
}

/// dst[i] += factor · src[i].
@inlinable
func accumulate(_ src: UnsafePointer<Float>, times factor: Float, into dst: UnsafeMutablePointer<Float>, count: Int) {
  var i = 0
  let f = Lanes(repeating: factor)
  while i + 8 <= count {
    store(load(dst + i) + f * load(src + i), dst + i)
    i += 8
  }
  while i < count {
    dst[i] += factor * src[i]
    i += 1
  }
}

/// Copies one row into every row of a rows × cols buffer.
@inlinable
func broadcastRows(_ row: UnsafePointer<Float>, rows: Int, cols: Int, into out: UnsafeMutablePointer<Float>) {
  for i in 0..<rows { copy(row, into: out + i * cols, count: cols) }
}

/// sums[j] += Σ_i m[i, j].
@inlinable
func addColumnSums(of m: UnsafePointer<Float>, rows: Int, cols: Int, into sums: UnsafeMutablePointer<Float>) {
  for i in 0..<rows { accumulate(m + i * cols, into: sums, count: cols) }
}

/// out[i] = f(x[i]), eight at a time.
@inlinable @inline(__always)
func map(_ x: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>, count: Int, _ f: (Lanes) -> Lanes) {
  for i in stride(from: 0, to: count, by: 8) {
    let width = min(8, count - i)
    store(f(load(x + i, width: width)), out + i, width: width)
  }
}

/// out[i] += f(a[i], b[i]), eight at a time (backward passes of pointwise ops).
@inlinable @inline(__always)
func accumulate(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>, count: Int,
                _ f: (Lanes, Lanes) -> Lanes) {
  for i in stride(from: 0, to: count, by: 8) {
    let width = min(8, count - i)
    store(load(out + i, width: width) + f(load(a + i, width: width), load(b + i, width: width)), out + i, width: width)
  }
}
