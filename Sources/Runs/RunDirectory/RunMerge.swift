import Foundation
import SearchSpaces

/// `agnet merge`: joins finished run directories that ran parts of the same trials (`agnet search
/// --shard i/n`) into one run directory with the files an unsharded run would have: config.json
/// (without the shard), every trial-<t>.json (byte for byte), timing.json, summary.json, summary.md.
public enum RunMerge {
  /// Merges `runs` into `output` (a new or empty directory); returns the merged summary.
  @discardableResult
  public static func merge(_ runs: [URL], into output: URL) throws -> RunSummary {
    guard runs.count >= 1 else { throw InputError("give the run directories to merge") }
    let directories = runs.map(RunDirectory.init)
    let configs = try directories.map { try JSONFiles.read(RunConfig.self, from: $0.configURL) }
    var merged = configs[0]
    merged.shard = nil
    for (directory, config) in zip(directories, configs) {
      var unsharded = config
      unsharded.shard = nil
      let differences = unsharded.differences(from: merged)
      guard differences.isEmpty else {
        throw InputError("its configuration differs from \(directories[0].url.path)'s in: \(differences.joined(separator: ", "))",
                         file: directory.url.path)
      }
    }
    var source: [Int: RunDirectory] = [:]
    for (directory, config) in zip(directories, configs) {
      for trial in config.trialIndices {
        if let other = source[trial] {
          throw InputError("trial \(trial) is in both \(other.url.path) and this run", file: directory.url.path)
        }
        guard directory.hasResult(ofTrial: trial) else {
          throw InputError("trial \(trial) has not finished (no trial-\(trial).json)", file: directory.url.path)
        }
        source[trial] = directory
      }
    }
    let missing = (0..<merged.trials).filter { source[$0] == nil }
    guard missing.isEmpty else {
      throw InputError("no run has trials \(missing.map(String.init).joined(separator: ", ")) (the runs have \(merged.trials) trials)")
    }
    let optimum = try JSONFiles.read(RunSummary.self, from: directories[0].summaryJSONURL).optimum
    try checkOutput(output)
    var trialFiles: [Data] = []
    var timing = TimingLog()
    for trial in 0..<merged.trials {
      let from = source[trial]!
      trialFiles.append(try checkedTrialFile(trial, of: from, config: merged))
      if let entry = try from.readTiming().entry(ofTrial: trial) {
        timing.record(trial: trial, wallSeconds: entry.wallSeconds, matmul: entry.matmul)
      }
    }
    // Built aside and moved into place whole: a failure leaves no half-merged output behind.
    let staging = output.deletingLastPathComponent()
      .appendingPathComponent(".\(output.lastPathComponent).merging-\(UUID().uuidString)")
    try FileSystem.createDirectory(staging)
    defer { try? FileManager.default.removeItem(at: staging) }
    let target = RunDirectory(staging)
    try target.open(for: merged, as: .search)
    for (trial, data) in trialFiles.enumerated() { try AtomicFile.write(data, to: target.trialURL(trial)) }
    try JSONFiles.write(timing, to: target.timingURL)
    let results = try (0..<merged.trials).map { try target.readResult(ofTrial: $0, as: OpaqueCell.self) }
    let summary = RunSummary(config: merged, optimum: optimum, results: results, timing: timing)
    try JSONFiles.write(summary, to: target.summaryJSONURL)
    try AtomicFile.write(Data(SummaryMarkdown(summary: summary, config: merged).text.utf8), to: target.summaryMarkdownURL)
    target.close()
    // An empty output directory is replaced; rename(2) refuses one that filled up meanwhile.
    if rename(staging.path, output.path) != 0 {
      throw InputError("cannot move the merged run into place: \(String(cString: strerror(errno)))", file: output.path)
    }
    return summary
  }

  /// The output must be a new or empty directory.
  private static func checkOutput(_ output: URL) throws {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: output.path, isDirectory: &isDirectory) else { return }
    guard isDirectory.boolValue else { throw InputError("the output exists and is not a directory", file: output.path) }
    guard try FileSystem.contents(of: output).isEmpty else {
      throw InputError("the output directory is not empty", file: output.path)
    }
  }

  /// The bytes of `trial`'s file in `directory`, after checking that it is that trial of `config`
  /// whole: its number and seed, and as many queries as the budget or its trajectory records.
  private static func checkedTrialFile(_ trial: Int, of directory: RunDirectory, config: RunConfig) throws -> Data {
    let file = directory.trialURL(trial)
    let data: Data
    do { data = try Data(contentsOf: file) } catch { throw InputError("cannot read the file", file: file.path) }
    let result: TrialResult<OpaqueCell>
    do { result = try JSONDecoder().decode(TrialResult<OpaqueCell>.self, from: data) } catch {
      throw InputError("not a valid trial file: \(JSONFiles.describeDecodingError(error))", file: file.path)
    }
    guard result.trial == trial else {
      throw InputError("it holds trial \(result.trial), not trial \(trial)", file: file.path)
    }
    guard result.seed == config.trialSeed(trial) else {
      throw InputError("its seed is \(result.seed), not \(config.trialSeed(trial)) (seed + trial of config.json)", file: file.path)
    }
    let recorded = result.trajectory.last?.queries
    guard result.queries.count == config.settings.budget || result.queries.count == recorded else {
      throw InputError("it holds \(result.queries.count) queries, but the budget is \(config.settings.budget)"
        + (recorded.map { " and its trajectory ends at \($0)" } ?? ""), file: file.path)
    }
    return data
  }

  /// A cell of whatever space, not read: a summary needs only the trajectories.
  private struct OpaqueCell: Codable, Hashable, Sendable {
    init(from decoder: Decoder) throws {}
    func encode(to encoder: Encoder) throws {}
  }
}
