// swift-tools-version:6.0
// Coverage-guided fuzz harnesses (libFuzzer, address sanitizer) for AGNetKit's parsers, kept out of
// the root package so its build and tests never see `-sanitize=fuzzer`. Build and run them with
// `scripts/fuzz-libfuzzer.sh`; each executable is a libFuzzer binary.
import Foundation
import PackageDescription

// A path dependency's identity is its folder's name, which differs between checkouts.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let harnesses = ["FuzzTable", "FuzzCells", "FuzzTFRecord", "FuzzTell"]

let package = Package(
  name: "AGNetFuzz",
  platforms: [.macOS(.v13)],
  dependencies: [.package(path: "..")],
  targets: [.target(name: "FuzzDriver", dependencies: [.product(name: "AGNetKit", package: root)])] + harnesses.map {
    .executableTarget(name: $0, dependencies: ["FuzzDriver", .product(name: "AGNetKit", package: root)])
  },
  swiftLanguageModes: [.v5]
)
