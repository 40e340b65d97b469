import Foundation

/// The benchmark tables that ship inside the package (`Sources/Benchmarks/Data`, a SwiftPM
/// resource bundle): the last place `DataDirectory` looks, so that a fresh clone works with
/// nothing beside it.
public enum ShippedTables {
  /// The folder holding `nasbench201/…` and `nasbench101/…`, or nil when no copy can be found.
  ///
  /// Looked up by hand instead of through `Bundle.module`, whose generated accessor ends the
  /// process when the bundle is missing (say, the binary was copied without it). Tried in order:
  /// the resource bundle beside the running executable (SwiftPM puts it there for `agnet`, for
  /// test bundles and for any package that depends on this one), then the source folder this
  /// file was compiled from, which still works for a binary copied out of a checkout.
  public static let directory: URL? = candidates.first { isDirectory($0.appendingPathComponent("nasbench201")) }

  public static var candidates: [URL] {
    let executableFolder = Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent()
      ?? Bundle.main.bundleURL
    let bundleName = "AGNet_Benchmarks"
    var found: [URL] = []
    for folder in [executableFolder, Bundle.main.bundleURL] {
      found.append(folder.appendingPathComponent("\(bundleName).resources/Data"))
      found.append(folder.appendingPathComponent("\(bundleName).bundle/Contents/Resources/Data"))
      found.append(folder.appendingPathComponent("\(bundleName).bundle/Data"))
    }
    found.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Data"))
    return found
  }

  private static func isDirectory(_ url: URL) -> Bool {
    var folder: ObjCBool = false
    return FileManager.default.fileExists(atPath: url.path, isDirectory: &folder) && folder.boolValue
  }
}
