import Foundation
import Installation

/// The benchmark tables that ship with AGNet (`Sources/Benchmarks/Data` in the checkout): the last
/// place `DataDirectory` looks, so that a fresh clone or an unpacked archive works with nothing
/// beside it.
public enum ShippedTables {
  /// The folder holding `nasbench201/…` and `nasbench101/…`, or nil when no copy can be found.
  public static let directory: URL? = candidates.first { InstallLayout.isDirectory($0.appendingPathComponent("nasbench201")) }

  /// Where the tables are looked for, relative to the running executable only (never a path
  /// compiled in): an install prefix's `share/agnet/tables` (the archive and the wheel), then the
  /// SwiftPM resource bundle beside the executable (`swift build`, test bundles, and any package
  /// that depends on this one). Looked up by hand instead of through `Bundle.module`, whose
  /// generated accessor ends the process when the bundle is missing.
  public static var candidates: [URL] {
    let executableFolder = InstallLayout.executable.deletingLastPathComponent()
    let bundleName = "AGNet_Benchmarks"
    var found = [InstallLayout.shareFolder().appendingPathComponent("tables")]
    for folder in [executableFolder, Bundle.main.bundleURL] {
      found.append(folder.appendingPathComponent("\(bundleName).resources/Data"))
      found.append(folder.appendingPathComponent("\(bundleName).bundle/Contents/Resources/Data"))
      found.append(folder.appendingPathComponent("\(bundleName).bundle/Data"))
    }
    return found
  }
}
