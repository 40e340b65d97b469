import AGNet
import Benchmarks
import Foundation
import GradientBoosting
import Installation
import NeuralCore
import Runs

/// `agnet --version`: the version, the source commit, the content version (FNV-1a-64 of the bytes)
/// of every shipped table and generator and where each was found, and the optional libraries this
/// machine has. The version is informational: a run made by another version resumes when its
/// settings would search the same (`RunConfig.differences`).
enum VersionReport {
  static var text: String {
    var lines = ["agnet \(AGNetVersion.current)", "commit: \(BuildInfo.commit())"]
    let matmul = MatmulBackend.preferred
    let why = ProcessInfo.processInfo.environment["AGNET_MATMUL"] != nil ? "AGNET_MATMUL"
      : matmul == .swift ? "OpenBLAS (libopenblas.so.0) not installed" : "found at run time"
    lines.append("matmul: \(matmul.implementation) (\(why))")
    lines.append("xgboost: " + ((try? XGBoostRegressor.libraryVersion()) ?? "not installed (only agnet-xgb needs it: Debian package libxgboost0)"))
    lines += files(title: "tables", folder: ShippedTables.directory) { $0.pathExtension == "csv" }
    let generators = ShippedGenerator.candidateFolders().first { folder in
      FileManager.default.fileExists(atPath: folder.appendingPathComponent(ShippedGenerator.fileName(space: "nasbench201")).path)
    }
    lines += files(title: "generators", folder: generators) { $0.pathExtension == "agnet" }
    return lines.joined(separator: "\n")
  }

  /// A heading with the folder, then one line per file: relative path, size, content version.
  private static func files(title: String, folder: URL?, _ include: (URL) -> Bool) -> [String] {
    guard let folder else { return ["\(title): not found beside this agnet binary"] }
    let found = (FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? [])
      .filter(include)
      .map { $0.resolvingSymlinksInPath().path }
      .sorted()
    let base = folder.resolvingSymlinksInPath().path + "/"
    return ["\(title): \(folder.path)"] + found.map { path in
      let bytes = (try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)) ?? Data()
      let digest = bytes.withUnsafeBytes { fnv1a64($0) }
      return "  \(path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path)  \(bytes.count) bytes  fnv1a64 \(String(format: "%016llx", digest))"
    }
  }
}
