import SystemLibraries

/// The three OpenBLAS functions AGNet uses, from the library found at run time (Debian's
/// `libopenblas0`); nil when the machine has none, and then `MatmulBackend` uses `SwiftGemm`.
/// Declared here rather than through `cblas.h` so that building needs no OpenBLAS either.
struct OpenBLAS: @unchecked Sendable {
  /// `cblas_sgemm` with 32-bit integers (Debian's OpenBLAS is built without `INTERFACE64`).
  typealias SGEMM = @convention(c) (Int32, Int32, Int32, Int32, Int32, Int32, Float, UnsafePointer<Float>?, Int32,
                                    UnsafePointer<Float>?, Int32, Float, UnsafeMutablePointer<Float>?, Int32) -> Void
  /// cblas.h's `CblasRowMajor`, `CblasNoTrans`, `CblasTrans`.
  static let rowMajor: Int32 = 101, noTranspose: Int32 = 111, transpose: Int32 = 112

  let library: SharedLibrary
  let sgemm: SGEMM
  let setThreadCount: (@convention(c) (Int32) -> Void)?
  /// Stops the worker threads; exported by every OpenBLAS build though not declared in cblas.h.
  let shutDownThreads: (@convention(c) () -> Int32)?

  /// Loaded on first use; a library without `cblas_sgemm` counts as none.
  static let shared: OpenBLAS? = {
    guard let library = SharedLibrary(names: ["libopenblas.so.0", "libopenblas.so"]),
          let sgemm = library.function("cblas_sgemm", as: SGEMM.self) else { return nil }
    return OpenBLAS(library: library, sgemm: sgemm,
                    setThreadCount: library.function("openblas_set_num_threads", as: (@convention(c) (Int32) -> Void).self),
                    shutDownThreads: library.function("blas_thread_shutdown_", as: (@convention(c) () -> Int32).self))
  }()
}
