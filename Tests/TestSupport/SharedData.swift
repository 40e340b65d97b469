import Foundation

/// Where the real benchmark tables live for tests: `../shared/benchmarks` beside the checkout,
/// or `$AGNET_SHARED_BENCHMARKS` when set.
public enum SharedData {
  public static var benchmarks: URL {
    if let path = ProcessInfo.processInfo.environment["AGNET_SHARED_BENCHMARKS"] {
      return URL(fileURLWithPath: path)
    }
    // Tests/TestSupport/SharedData.swift -> package root -> ../shared/benchmarks
    return URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("shared/benchmarks")
  }

  public static func file(_ relative: String) -> URL { benchmarks.appendingPathComponent(relative) }

  /// A fresh empty temporary directory.
  public static func temporaryDirectory(_ label: String = "agnet-test") -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("\(label)-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}
