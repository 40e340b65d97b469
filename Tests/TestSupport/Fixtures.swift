import Foundation

/// Small files kept in the repository for tests (`Tests/Fixtures`): excerpts of real benchmark
/// data and files written by other programs. Each folder's README says where they come from.
public enum Fixtures {
  public static var folder: URL {
    // Tests/TestSupport/Fixtures.swift -> Tests/Fixtures
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")
  }

  public static func file(_ relative: String) -> URL { folder.appendingPathComponent(relative) }
}
