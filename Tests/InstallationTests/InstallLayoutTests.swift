import AGNet
import Foundation
import Installation
import SystemLibraries
import XCTest

final class InstallLayoutTests: XCTestCase {
  /// An unpacked archive or a wheel: PREFIX/bin/agnet reads PREFIX/share/agnet, wherever PREFIX is.
  func testInstallPrefixIsFoundFromTheExecutable() {
    let executable = URL(fileURLWithPath: "/home/me/opt/agnet-9.9.9-linux-x86_64/bin/agnet")
    XCTAssertEqual(InstallLayout.shareFolder(executable: executable).path, "/home/me/opt/agnet-9.9.9-linux-x86_64/share/agnet")
    XCTAssertEqual(InstallLayout.candidates("models", executable: executable).first?.path,
                   "/home/me/opt/agnet-9.9.9-linux-x86_64/share/agnet/models")
  }

  /// A development build (.build/<triple>/release/agnet) still finds the checkout's models/.
  func testCheckoutBuildFindsTheCheckoutsFolders() {
    let executable = URL(fileURLWithPath: "/src/agnet/.build/x86_64-unknown-linux-gnu/release/agnet")
    XCTAssertTrue(InstallLayout.candidates("models", executable: executable).map(\.path).contains("/src/agnet/models"))
  }

  /// No candidate comes from where the sources were compiled: a moved install never reads the build machine's files.
  func testNoCandidateIsACompiledInPath() throws {
    // Deep enough that the walk up from the executable (three folders) stays inside /elsewhere.
    let executable = URL(fileURLWithPath: "/elsewhere/a/b/prefix/bin/agnet")
    let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let folders = ShippedGenerator.candidateFolders(executable: executable).map(\.path)
      .filter { $0 != ProcessInfo.processInfo.environment["AGNET_MODELS"] }
    XCTAssertFalse(folders.isEmpty)
    for folder in folders { XCTAssertTrue(folder.hasPrefix("/elsewhere/"), folder) }
    XCTAssertFalse(folders.contains(sources.appendingPathComponent("models").path))
  }

  /// The generator of a real install prefix is found through its share/agnet/models.
  func testGeneratorOfAnInstallPrefixIsFound() throws {
    let prefix = FileManager.default.temporaryDirectory.appendingPathComponent("agnet-prefix-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: prefix) }
    let models = prefix.appendingPathComponent("share/agnet/models")
    try FileManager.default.createDirectory(at: models, withIntermediateDirectories: true)
    let file = models.appendingPathComponent(ShippedGenerator.fileName(space: "nasbench201"))
    try Data("x".utf8).write(to: file)
    let found = ShippedGenerator.candidateFolders(executable: prefix.appendingPathComponent("bin/agnet"))
      .map { $0.appendingPathComponent(ShippedGenerator.fileName(space: "nasbench201")) }
      .first { FileManager.default.fileExists(atPath: $0.path) }
    XCTAssertEqual(found?.standardizedFileURL.path, file.standardizedFileURL.path)
  }

  func testSharedLibraryOpensWhatExistsAndNothingElse() throws {
    XCTAssertNil(SharedLibrary(names: ["libagnet-no-such-library.so.0"]))
    let libc = try XCTUnwrap(SharedLibrary(names: ["libagnet-no-such-library.so.0", "libc.so.6"]))
    XCTAssertEqual(libc.name, "libc.so.6")
    typealias Length = @convention(c) (UnsafePointer<CChar>?) -> Int
    let strlen = try XCTUnwrap(libc.function("strlen", as: Length.self))
    XCTAssertEqual(strlen("agnet"), 5)
    XCTAssertNil(libc.function("agnet_no_such_function", as: Length.self))
  }
}
