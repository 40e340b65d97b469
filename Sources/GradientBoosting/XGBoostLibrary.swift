import SystemLibraries

/// The XGBoost C API functions `XGBoostRegressor` calls, from the library found at run time
/// (Debian's `libxgboost0`), so that only `agnet-xgb` needs XGBoost installed. The signatures are
/// those of `xgboost/c_api.h` (handles are `void *`, `bst_ulong` is `uint64_t`).
struct XGBoostLibrary: @unchecked Sendable {
  typealias Handle = UnsafeMutableRawPointer

  let lastError: @convention(c) () -> UnsafePointer<CChar>?
  let version: @convention(c) (UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<Int32>?) -> Void
  let matrixFromDense: @convention(c) (UnsafePointer<Float>?, UInt64, UInt64, Float, UnsafeMutablePointer<Handle?>?) -> Int32
  let matrixFree: @convention(c) (Handle?) -> Int32
  let matrixSetFloats: @convention(c) (Handle?, UnsafePointer<CChar>?, UnsafePointer<Float>?, UInt64) -> Int32
  let boosterCreate: @convention(c) (UnsafePointer<Handle?>?, UInt64, UnsafeMutablePointer<Handle?>?) -> Int32
  let boosterFree: @convention(c) (Handle?) -> Int32
  let boosterSetParameter: @convention(c) (Handle?, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> Int32
  let boosterUpdate: @convention(c) (Handle?, Int32, Handle?) -> Int32
  let boosterPredict: @convention(c) (Handle?, Handle?, Int32, UInt32, Int32, UnsafeMutablePointer<UInt64>?,
                                      UnsafeMutablePointer<UnsafePointer<Float>?>?) -> Int32

  /// The soname tried, and the Debian package that provides it.
  static let soname = "libxgboost.so.0", debianPackage = "libxgboost0"

  /// The library, or the one-line reason it cannot be used (naming the package to install).
  static let shared: Result<XGBoostLibrary, BoosterError> = {
    guard let library = SharedLibrary(names: [soname, "libxgboost.so", "libxgboost.dylib"]) else {
      return .failure(BoosterError("agnet-xgb needs the XGBoost library, which is not installed: install the Debian package \(debianPackage) (apt-get install \(debianPackage))"))
    }
    func load<T>(_ name: String, _ type: T.Type) throws -> T {
      guard let function = library.function(name, as: type) else {
        throw BoosterError("\(library.name) lacks \(name): agnet-xgb needs XGBoost 1.x (Debian package \(debianPackage))")
      }
      return function
    }
    do {
      return .success(XGBoostLibrary(
        lastError: try load("XGBGetLastError", (@convention(c) () -> UnsafePointer<CChar>?).self),
        version: try load("XGBoostVersion", (@convention(c) (UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<Int32>?) -> Void).self),
        matrixFromDense: try load("XGDMatrixCreateFromMat", (@convention(c) (UnsafePointer<Float>?, UInt64, UInt64, Float, UnsafeMutablePointer<Handle?>?) -> Int32).self),
        matrixFree: try load("XGDMatrixFree", (@convention(c) (Handle?) -> Int32).self),
        matrixSetFloats: try load("XGDMatrixSetFloatInfo", (@convention(c) (Handle?, UnsafePointer<CChar>?, UnsafePointer<Float>?, UInt64) -> Int32).self),
        boosterCreate: try load("XGBoosterCreate", (@convention(c) (UnsafePointer<Handle?>?, UInt64, UnsafeMutablePointer<Handle?>?) -> Int32).self),
        boosterFree: try load("XGBoosterFree", (@convention(c) (Handle?) -> Int32).self),
        boosterSetParameter: try load("XGBoosterSetParam", (@convention(c) (Handle?, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> Int32).self),
        boosterUpdate: try load("XGBoosterUpdateOneIter", (@convention(c) (Handle?, Int32, Handle?) -> Int32).self),
        boosterPredict: try load("XGBoosterPredict", (@convention(c) (Handle?, Handle?, Int32, UInt32, Int32, UnsafeMutablePointer<UInt64>?,
                                                                      UnsafeMutablePointer<UnsafePointer<Float>?>?) -> Int32).self)))
    } catch let error as BoosterError {
      return .failure(error)
    } catch {
      return .failure(BoosterError("\(error)"))
    }
  }()

  /// The library, or a `BoosterError` saying which package to install.
  static func require() throws -> XGBoostLibrary { try shared.get() }
}
