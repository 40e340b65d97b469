// swift-tools-version:6.0
import PackageDescription

// `-fno-math-errno` lets clang vectorise sqrt in the Adam loop (measured 4x); the flag is only
// for C-imported math, so it is harmless elsewhere.
let fast: [SwiftSetting] = [.unsafeFlags(["-Xcc", "-fno-math-errno"])]
// NAS-Bench-101's fingerprint (8-lane SIMD MD5) runs ~300x slower unoptimised; every module's
// debug tests build and hash cells, so SearchSpaces is optimised in debug builds too.
let optimizedInDebug: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
  name: "AGNet",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "agnet", targets: ["AGNetCLI"]),
    .library(name: "AGNetKit", targets: ["SearchSpaces", "Benchmarks", "NeuralCore", "AGNet", "Baselines", "Experiments"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
  ],
  targets: [
    // Layering (arrows are imports): NeuralCore <- SearchSpaces <- Benchmarks <- Optimization
    // <- AGNet / Baselines <- Experiments <- AGNetCLI. Randomness sits under everything;
    // GradientBoosting (XGBoost) only under AGNet.
    .systemLibrary(name: "COpenBLAS", path: "Sources/COpenBLAS"),
    .systemLibrary(name: "CXGBoost", path: "Sources/CXGBoost", providers: [.apt(["libxgboost-dev"]), .brew(["xgboost"])]),
    // Optimised in debug builds too: the tests train networks through these loops.
    .target(name: "CKernels", cSettings: [.unsafeFlags(["-fno-math-errno"]), .unsafeFlags(["-O2"], .when(configuration: .debug))]),
    .target(name: "Randomness", swiftSettings: fast),
    .target(name: "NeuralCore", dependencies: ["Randomness", "CKernels", .target(name: "COpenBLAS", condition: .when(platforms: [.linux]))], swiftSettings: fast),
    .target(name: "SearchSpaces", dependencies: ["Randomness"], swiftSettings: fast + optimizedInDebug),
    .target(name: "Benchmarks", dependencies: ["SearchSpaces"], swiftSettings: fast),
    .target(name: "Optimization", dependencies: ["SearchSpaces", "Randomness"], swiftSettings: fast),
    .target(name: "GradientBoosting", dependencies: ["CXGBoost"]),
    .target(name: "AGNet", dependencies: ["Optimization", "NeuralCore", "GradientBoosting", "SearchSpaces", "Randomness"], swiftSettings: fast),
    .target(name: "Baselines", dependencies: ["Optimization", "NeuralCore", "SearchSpaces", "Randomness"], swiftSettings: fast),
    .target(name: "Experiments", dependencies: ["AGNet", "Baselines", "Benchmarks", "GradientBoosting", "Optimization"], swiftSettings: fast),
    .executableTarget(
      name: "AGNetCLI",
      dependencies: ["Experiments", "CKernels", .product(name: "ArgumentParser", package: "swift-argument-parser")],
      swiftSettings: fast),
    .target(name: "TestSupport", dependencies: ["SearchSpaces", "Benchmarks"], path: "Tests/TestSupport"),
    .testTarget(name: "RandomnessTests", dependencies: ["Randomness"]),
    .testTarget(name: "NeuralCoreTests", dependencies: ["NeuralCore", "CKernels", "TestSupport"]),
    .testTarget(name: "SearchSpacesTests", dependencies: ["SearchSpaces", "TestSupport"]),
    .testTarget(name: "BenchmarksTests", dependencies: ["Benchmarks", "TestSupport"]),
    .testTarget(name: "GradientBoostingTests", dependencies: ["GradientBoosting"]),
    .testTarget(name: "AGNetTests", dependencies: ["AGNet", "Benchmarks", "GradientBoosting", "TestSupport"]),
    .testTarget(name: "BaselinesTests", dependencies: ["Baselines", "Benchmarks", "TestSupport"]),
    .testTarget(name: "ExperimentsTests", dependencies: ["Experiments", "TestSupport"]),
  ],
  swiftLanguageModes: [.v5]
)
