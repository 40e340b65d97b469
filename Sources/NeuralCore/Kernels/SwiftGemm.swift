/// A portable matrix multiply in plain Swift SIMD, the second implementation behind
/// `MatmulBackend` (same contract as `cblas_sgemm`, row-major).
///
/// Strategy: copy op(B) into a contiguous k×n panel, then for each row of C keep 16 columns in a
/// SIMD register while streaming over k. Good enough at our sizes (tens of columns) to be a
/// usable fallback, simple enough to trust as a reference.
enum SwiftGemm {
  static func multiply(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float,
                       a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                       beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int) {
    let panel = UnsafeMutablePointer<Float>.allocate(capacity: max(k * n, 1))
    defer { panel.deallocate() }
    for p in 0..<k {
      for j in 0..<n { panel[p * n + j] = transposeB ? b[j * ldb + p] : b[p * ldb + j] }
    }
    let stride = transposeA ? 1 : lda
    let step = transposeA ? lda : 1
    let wide = n & ~15
    for i in 0..<m {
      let row = c + i * ldc
      let aRow = a + i * stride
      var j = 0
      while j < wide {
        var acc = SIMD16<Float>(repeating: 0)
        for p in 0..<k {
          let bv = UnsafeRawPointer(panel + p * n + j).loadUnaligned(as: SIMD16<Float>.self)
          acc += SIMD16(repeating: aRow[p * step]) * bv
        }
        let old: SIMD16<Float> = beta == 0 ? .zero : UnsafeRawPointer(row + j).loadUnaligned(as: SIMD16<Float>.self)
        let result = alpha * acc + beta * old
        UnsafeMutableRawPointer(row + j).storeBytes(of: result, as: SIMD16<Float>.self)
        j += 16
      }
      while j < n {
        var acc: Float = 0
        for p in 0..<k { acc += aRow[p * step] * panel[p * n + j] }
        row[j] = alpha * acc + (beta == 0 ? 0 : beta * row[j])
        j += 1
      }
    }
  }
}
