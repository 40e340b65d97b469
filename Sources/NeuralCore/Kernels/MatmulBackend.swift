#if canImport(Accelerate)
import Accelerate
#endif
import Foundation

/// The implementation behind every matrix multiply: the system BLAS (OpenBLAS on Linux, loaded at
/// run time and pinned to one thread; Accelerate on macOS) or the portable SIMD loops in
/// `SwiftGemm`, which the tests use to cross-check the BLAS path. The two agree to rounding, not
/// bit for bit: a run resumed on a machine with the other path continues with slightly different
/// numbers.
public enum MatmulBackend: String, Sendable, CaseIterable {
  case blas
  case swift

  /// `AGNET_MATMUL=swift` forces the pure-Swift path process-wide; otherwise the BLAS when this
  /// machine has one (`AGNET_MATMUL=blas` insists on it: see `unavailableBLASMessage`).
  public static let preferred: MatmulBackend = {
    if let name = ProcessInfo.processInfo.environment["AGNET_MATMUL"], let backend = MatmulBackend(rawValue: name) {
      return backend
    }
    return isBLASAvailable ? .blas : .swift
  }()

  /// Whether a BLAS can be used: always on macOS (Accelerate), on Linux when OpenBLAS loads.
  public static var isBLASAvailable: Bool {
    #if canImport(Accelerate)
    return true
    #else
    return OpenBLAS.shared != nil
    #endif
  }

  /// The one-line refusal when `AGNET_MATMUL=blas` asks for a BLAS this machine lacks; nil otherwise.
  public static var unavailableBLASMessage: String? {
    guard preferred == .blas, !isBLASAvailable else { return nil }
    return "AGNET_MATMUL=blas, but OpenBLAS (libopenblas.so.0) is not installed: install the Debian package libopenblas0 or unset AGNET_MATMUL"
  }

  /// What ran, as `agnet bench neural` and `timing.json` record it: `openblas`, `accelerate` or `swift`.
  public var implementation: String {
    switch self {
    case .swift: return "swift"
    case .blas:
      #if canImport(Accelerate)
      return "accelerate"
      #else
      return "openblas"
      #endif
    }
  }

  /// Pins the BLAS to one thread and stops its idle workers when the BLAS is the preferred path
  /// (the `agnet` command calls it first thing; the first BLAS product does it otherwise). With
  /// the pure-Swift path forced, OpenBLAS is not even loaded.
  ///
  /// Our parallelism is across runs and data, never inside one small product: OpenBLAS's
  /// threads cost far more than they save at these sizes. OpenBLAS starts its workers when it
  /// loads, and they spin on `sched_yield` for a while before they sleep: in a short process (one
  /// `agnet ask` or `tell`) that spin was a third of its CPU time.
  public static func useOneBLASThread() { if preferred == .blas { _ = pinBLASToOneThread } }

  private static let pinBLASToOneThread: Void = {
    #if !canImport(Accelerate)
    guard let blas = OpenBLAS.shared else { return }
    blas.setThreadCount?(1)
    _ = blas.shutDownThreads?()
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
      #if canImport(Accelerate)
      cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                  Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
      #else
      guard let blas = OpenBLAS.shared else {
        fatalError("the BLAS matmul path needs OpenBLAS (libopenblas.so.0), which is not installed")
      }
      _ = MatmulBackend.pinBLASToOneThread
      blas.sgemm(OpenBLAS.rowMajor, transposeA ? OpenBLAS.transpose : OpenBLAS.noTranspose,
                 transposeB ? OpenBLAS.transpose : OpenBLAS.noTranspose,
                 Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
      #endif
    case .swift:
      SwiftGemm.multiply(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
                         a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
    }
  }
}
