#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A C library opened at run time with `dlopen` instead of linked at build time, so that the
/// `agnet` binary starts on a machine without it (OpenBLAS is optional, XGBoost serves one method).
/// Opened once and never closed: its functions are kept for the life of the process.
public final class SharedLibrary: @unchecked Sendable {
  /// The first of `names` that opened.
  public let name: String
  private let handle: UnsafeMutableRawPointer

  /// Opens the first of `names` (sonames such as `libopenblas.so.0`, looked up the loader's way:
  /// `LD_LIBRARY_PATH`, the cache, the default folders); nil when none opens.
  public init?(names: [String]) {
    for name in names {
      guard let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) else { continue }
      self.handle = handle
      self.name = name
      return
    }
    return nil
  }

  /// The function `name` as a value of the C function type `type`, or nil when the library lacks it.
  public func function<T>(_ name: String, as type: T.Type) -> T? {
    guard let address = dlsym(handle, name) else { return nil }
    return unsafeBitCast(address, to: type)
  }
}
