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
      "Methods", "Runs", "AskTellRuns", "Comparisons", "Monitoring",
    ]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    // Space files (docs/spaces.md) are TOML.
    .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    // The dashboard's web server, in a module of its own (Dashboard): the library does not use it.
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0"),
    .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
  ],
  targets: [
    // Layering, lowest first; each module imports only modules above it in this list:
    //   Randomness, CKernels, SystemLibraries         random streams, the C kernels, C libraries opened at run time
    //   Installation                                  where the shipped files are, relative to the executable
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
    //   Monitoring                                    where a run stands, read from its files (status, dashboard)
    //   Dashboard                                     the web page of runs (Hummingbird; nothing else depends on it)
    //   Timing                                        the stopwatches behind `agnet bench`
    //   AGNetCLI                                      the `agnet` command
    // OpenBLAS and XGBoost are not linked: they are opened at run time when present (SharedLibrary),
    // so that the binary starts without them.
    .target(name: "SystemLibraries"),
    // Where the shipped files are, relative to the executable (PREFIX/bin/agnet + PREFIX/share/agnet).
    .target(name: "Installation"),
    .target(name: "CKernels"),
    .target(name: "Randomness"),
    .target(name: "NeuralCore", dependencies: ["Randomness", "CKernels", "SystemLibraries"]),
    .target(name: "SearchSpaces", dependencies: ["Randomness", .product(name: "TOMLKit", package: "TOMLKit")]),
    // The shipped tables (Data/README.md) travel as a resource bundle beside the binary.
    .target(name: "Benchmarks", dependencies: ["SearchSpaces", "Installation"], resources: [.copy("Data")]),
    .target(name: "Optimization", dependencies: ["SearchSpaces", "Randomness"]),
    .target(name: "GradientBoosting", dependencies: ["SystemLibraries"]),
    .target(name: "Baselines", dependencies: ["Optimization", "NeuralCore", "SearchSpaces", "Randomness"]),
    .target(name: "AGNet", dependencies: ["Optimization", "Baselines", "NeuralCore", "GradientBoosting", "SearchSpaces", "Randomness", "Installation"]),
    .target(name: "Methods", dependencies: ["AGNet", "Baselines", "GradientBoosting", "NeuralCore", "Optimization", "SearchSpaces"]),
    .target(name: "Runs", dependencies: ["Methods", "Benchmarks", "NeuralCore", "Optimization", "SearchSpaces"]),
    .target(name: "AskTellRuns", dependencies: ["Runs", "Methods", "Benchmarks", "Optimization", "SearchSpaces"]),
    .target(name: "Comparisons", dependencies: ["Runs", "Methods", "Benchmarks", "Optimization", "SearchSpaces"]),
    // Reads run directories of every kind without writing them (agnet status, the dashboard).
    .target(name: "Monitoring", dependencies: ["Runs", "SearchSpaces"]),
    // `agnet dashboard`: a read-only web page of the runs in a folder, served by Hummingbird.
    .target(name: "Dashboard", dependencies: [
      "Monitoring", "Runs", .product(name: "Hummingbird", package: "hummingbird"),
      .product(name: "Logging", package: "swift-log"), .product(name: "NIOCore", package: "swift-nio"),
    ]),
    .target(name: "Timing", dependencies: ["AGNet", "Baselines", "Benchmarks", "NeuralCore", "Optimization", "Randomness", "SearchSpaces"]),
    .executableTarget(
      name: "AGNetCLI",
      dependencies: [
        "AGNet", "AskTellRuns", "Baselines", "Benchmarks", "CKernels", "Comparisons", "Dashboard", "Methods", "Monitoring", "NeuralCore",
        "Optimization", "Randomness", "Runs", "SearchSpaces", "Timing", "Installation", "GradientBoosting",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .target(name: "TestSupport", dependencies: ["AGNet", "Benchmarks", "SearchSpaces"], path: "Tests/TestSupport"),
    .testTarget(name: "RandomnessTests", dependencies: ["Randomness"]),
    .testTarget(name: "InstallationTests", dependencies: ["Installation", "SystemLibraries", "AGNet"]),
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
