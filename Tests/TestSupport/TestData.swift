import Benchmarks
import Foundation

/// Where tests find benchmark data: the tables shipped inside the package (so a clone needs
/// nothing beside it), then the small fixtures in `Tests/Fixtures`, laid out alike
/// (`nasbench201/nasbench201.csv`, `nasbench101/nasbench101_three_repeats.json`, …).
public enum TestData {
  /// The shipped tables' folder.
  public static var benchmarks: URL {
    guard let folder = ShippedTables.directory else {
      fatalError("the shipped tables were not found (looked in \(ShippedTables.candidates.map(\.path)))")
    }
    return folder
  }

  /// `relative` among the shipped tables, else among the fixtures.
  public static func file(_ relative: String) -> URL {
    let shipped = benchmarks.appendingPathComponent(relative)
    if FileManager.default.fileExists(atPath: shipped.path) { return shipped }
    return fixtures.appendingPathComponent(relative)
  }

  /// `Tests/Fixtures`.
  public static var fixtures: URL {
    // Tests/TestSupport/TestData.swift -> Tests/Fixtures
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")
  }

  /// The project's reference tables (`../shared/benchmarks` beside the checkout, or
  /// `$AGNET_SHARED_BENCHMARKS`), which the shipped copies are checked against; nil when absent,
  /// as on a user's clone.
  public static var reference: URL? {
    let folder: URL
    if let path = ProcessInfo.processInfo.environment["AGNET_SHARED_BENCHMARKS"] {
      folder = URL(fileURLWithPath: path)
    } else {
      // Tests/TestSupport/TestData.swift -> package root -> ../shared/benchmarks
      folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/benchmarks")
    }
    return FileManager.default.fileExists(atPath: folder.path) ? folder : nil
  }

  /// A fresh empty temporary directory.
  public static func temporaryDirectory(_ label: String = "agnet-test") -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("\(label)-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}
