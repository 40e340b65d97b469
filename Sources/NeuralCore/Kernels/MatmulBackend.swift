#if canImport(Accelerate)
import Accelerate
#elseif canImport(COpenBLAS)
import COpenBLAS
#endif
import Foundation

/// The implementation behind every matrix multiply: the system BLAS (OpenBLAS on Linux, pinned
/// to one thread; Accelerate on macOS) or the portable SIMD loops in `SwiftGemm`, which the tests
/// use to cross-check the BLAS path. `AGNET_MATMUL=swift` selects the latter process-wide.
public enum MatmulBackend: String, Sendable, CaseIterable {
  case blas
  case swift

  /// `AGNET_MATMUL` (`blas` or `swift`) or BLAS.
  public static let preferred: MatmulBackend = {
    if let name = ProcessInfo.processInfo.environment["AGNET_MATMUL"], let backend = MatmulBackend(rawValue: name) {
      return backend
    }
    return .blas
  }()

  /// Pins the BLAS to one thread and stops its idle workers; the `agnet` command calls it first
  /// thing, the first product otherwise.
  ///
  /// Our parallelism is across runs and data, never inside one small product: OpenBLAS's
  /// threads cost far more than they save at these sizes. OpenBLAS starts its workers when it
  /// loads, and they spin on `sched_yield` for a while before they sleep: in a short process (one
  /// `agnet ask` or `tell`) that spin was a third of its CPU time.
  public static func useOneBLASThread() { _ = pinBLASToOneThread }

  private static let pinBLASToOneThread: Void = {
    #if !canImport(Accelerate) && canImport(COpenBLAS)
    openblas_set_num_threads(1)
    _ = blas_thread_shutdown_()
    #endif
  }()

  /// C (m×n, leading dimension ldc) = alpha·op(A)·op(B) + beta·C, all row-major, where op(A) is
  /// m×k (A stored k×m when `transposeA`) and op(B) is k×n (B stored n×k when `transposeB`).
  /// With beta = 0, C is written without being read.
  public func gemm(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float,
                   a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                   beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int) {
    if m == 0 || n == 0 { return }
    switch self {
    case .blas:
      MatmulBackend.useOneBLASThread()
      cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                  Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    case .swift:
      SwiftGemm.multiply(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
                         a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
    }
  }
}
