// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "AGNet",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "agnet", targets: ["AGNetCLI"]),
    // Every module whose types the library's public API shows (an optimizer's `Optimizer`
    // conformance, a method's `Xoshiro256StarStar` seed) is part of the product.
    .library(name: "AGNetKit", targets: [
      "Randomness", "NeuralCore", "SearchSpaces", "Benchmarks", "Optimization", "GradientBoosting", "AGNet", "Baselines",
      "Methods", "Runs", "AskTellRuns", "Comparisons",
    ]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    // Space files (docs/spaces.md) are TOML.
    .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
  ],
  targets: [
    // Layering, lowest first; each module imports only modules above it in this list:
    //   Randomness, CKernels, COpenBLAS, CXGBoost    random streams and the C parts
    //   NeuralCore                                    autodiff tape, matmul, Adam, checkpoints
    //   SearchSpaces                                  the spaces, their cells and encodings
    //   Benchmarks                                    tables (tabular benchmarks) over a space
    //   Optimization                                  the ask/tell `Optimizer` seam
    //   GradientBoosting                              XGBoost forests
    //   Baselines                                     rs, re, ls, BANANAS
    //   AGNet                                         AG-Net and its variants (agnet-plus scores with BANANAS's ensemble)
    //   Methods                                       methods by name, their settings
    //   Runs                                          trial runner, run directories, resume, summaries, figures
    //   AskTellRuns, Comparisons                      ask/tell runs with the user's evaluations; comparisons of methods
    //   Timing                                        the stopwatches behind `agnet bench`
    //   AGNetCLI                                      the `agnet` command
    .systemLibrary(name: "COpenBLAS", path: "Sources/COpenBLAS"),
    .systemLibrary(name: "CXGBoost", path: "Sources/CXGBoost", providers: [.apt(["libxgboost-dev"]), .brew(["xgboost"])]),
    .target(name: "CKernels"),
    .target(name: "Randomness"),
    .target(name: "NeuralCore", dependencies: ["Randomness", "CKernels", .target(name: "COpenBLAS", condition: .when(platforms: [.linux]))]),
    .target(name: "SearchSpaces", dependencies: ["Randomness", .product(name: "TOMLKit", package: "TOMLKit")]),
    // The shipped tables (Data/README.md) travel as a resource bundle beside the binary.
    .target(name: "Benchmarks", dependencies: ["SearchSpaces"], resources: [.copy("Data")]),
    .target(name: "Optimization", dependencies: ["SearchSpaces", "Randomness"]),
    .target(name: "GradientBoosting", dependencies: ["CXGBoost"]),
    .target(name: "Baselines", dependencies: ["Optimization", "NeuralCore", "SearchSpaces", "Randomness"]),
    .target(name: "AGNet", dependencies: ["Optimization", "Baselines", "NeuralCore", "GradientBoosting", "SearchSpaces", "Randomness"]),
    .target(name: "Methods", dependencies: ["AGNet", "Baselines", "GradientBoosting", "NeuralCore", "Optimization", "SearchSpaces"]),
    .target(name: "Runs", dependencies: ["Methods", "Benchmarks", "Optimization", "SearchSpaces"]),
    .target(name: "AskTellRuns", dependencies: ["Runs", "Methods", "Benchmarks", "Optimization", "SearchSpaces"]),
    .target(name: "Comparisons", dependencies: ["Runs", "Methods", "Benchmarks", "Optimization", "SearchSpaces"]),
    .target(name: "Timing", dependencies: ["AGNet", "Baselines", "Benchmarks", "NeuralCore", "Optimization", "Randomness", "SearchSpaces"]),
    .executableTarget(
      name: "AGNetCLI",
      dependencies: [
        "AGNet", "AskTellRuns", "Baselines", "Benchmarks", "CKernels", "Comparisons", "Methods", "NeuralCore", "Optimization",
        "Randomness", "Runs", "SearchSpaces", "Timing", .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .target(name: "TestSupport", dependencies: ["AGNet", "Benchmarks", "SearchSpaces"], path: "Tests/TestSupport"),
    .testTarget(name: "RandomnessTests", dependencies: ["Randomness"]),
    .testTarget(name: "NeuralCoreTests", dependencies: ["NeuralCore", "CKernels", "Randomness", "TestSupport"]),
    .testTarget(name: "SearchSpacesTests", dependencies: ["SearchSpaces", "Randomness", "TestSupport"]),
    .testTarget(name: "BenchmarksTests", dependencies: ["Benchmarks", "SearchSpaces", "Randomness", "TestSupport"]),
    .testTarget(name: "GradientBoostingTests", dependencies: ["GradientBoosting"]),
    .testTarget(name: "AGNetTests", dependencies: [
      "AGNet", "Benchmarks", "GradientBoosting", "NeuralCore", "Optimization", "Randomness", "SearchSpaces", "TestSupport",
    ]),
    .testTarget(name: "BaselinesTests", dependencies: [
      "Baselines", "Benchmarks", "NeuralCore", "Optimization", "Randomness", "SearchSpaces", "TestSupport",
    ]),
    .testTarget(name: "ExperimentsTests", dependencies: [
      "AGNet", "AskTellRuns", "Baselines", "Benchmarks", "Comparisons", "Methods", "Optimization", "Runs", "SearchSpaces", "TestSupport",
    ]),
    .testTarget(name: "TimingTests", dependencies: [
      "Timing", "Baselines", "Benchmarks", "Optimization", "SearchSpaces", "TestSupport",
    ]),
    .testTarget(name: "OptimizationTests", dependencies: [
      "Optimization", "AGNet", "Baselines", "GradientBoosting", "Randomness", "SearchSpaces", "TestSupport",
    ]),
    // The command line as text (parsing, exit statuses, stdout/stderr) against the executable target.
    .testTarget(name: "AGNetCLITests", dependencies: ["AGNetCLI", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
  ],
  swiftLanguageModes: [.v5]
)
