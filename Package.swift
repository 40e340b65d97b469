// swift-tools-version:6.0
import PackageDescription

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
    // <- Baselines <- AGNet <- Experiments <- AGNetCLI (AGNet's `agnet-plus` scores candidates with
    // BANANAS's predictor ensemble). Randomness sits under everything; GradientBoosting (XGBoost)
    // only under AGNet.
    .systemLibrary(name: "COpenBLAS", path: "Sources/COpenBLAS"),
    .systemLibrary(name: "CXGBoost", path: "Sources/CXGBoost", providers: [.apt(["libxgboost-dev"]), .brew(["xgboost"])]),
    .target(name: "CKernels"),
    .target(name: "Randomness"),
    .target(name: "NeuralCore", dependencies: ["Randomness", "CKernels", .target(name: "COpenBLAS", condition: .when(platforms: [.linux]))]),
    .target(name: "SearchSpaces", dependencies: ["Randomness"]),
    // The shipped tables (Data/README.md) travel as a resource bundle beside the binary.
    .target(name: "Benchmarks", dependencies: ["SearchSpaces"], resources: [.copy("Data")]),
    .target(name: "Optimization", dependencies: ["SearchSpaces", "Randomness"]),
    .target(name: "GradientBoosting", dependencies: ["CXGBoost"]),
    .target(name: "AGNet", dependencies: ["Optimization", "Baselines", "NeuralCore", "GradientBoosting", "SearchSpaces", "Randomness"]),
    .target(name: "Baselines", dependencies: ["Optimization", "NeuralCore", "SearchSpaces", "Randomness"]),
    .target(name: "Experiments", dependencies: ["AGNet", "Baselines", "Benchmarks", "GradientBoosting", "Optimization"]),
    .executableTarget(
      name: "AGNetCLI",
      dependencies: ["Experiments", "CKernels", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
    .target(name: "TestSupport", dependencies: ["SearchSpaces", "Benchmarks"], path: "Tests/TestSupport"),
    .testTarget(name: "RandomnessTests", dependencies: ["Randomness"]),
    .testTarget(name: "NeuralCoreTests", dependencies: ["NeuralCore", "CKernels", "TestSupport"]),
    .testTarget(name: "SearchSpacesTests", dependencies: ["SearchSpaces", "TestSupport"]),
    .testTarget(name: "BenchmarksTests", dependencies: ["Benchmarks", "TestSupport"]),
    .testTarget(name: "GradientBoostingTests", dependencies: ["GradientBoosting"]),
    .testTarget(name: "AGNetTests", dependencies: ["AGNet", "Benchmarks", "GradientBoosting", "TestSupport"]),
    .testTarget(name: "BaselinesTests", dependencies: ["Baselines", "Benchmarks", "TestSupport"]),
    .testTarget(name: "ExperimentsTests", dependencies: ["Experiments", "TestSupport"]),
    // The command line as text (parsing, exit statuses, stdout/stderr) against the executable target.
    .testTarget(name: "AGNetCLITests", dependencies: ["AGNetCLI", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
  ],
  swiftLanguageModes: [.v5]
)
