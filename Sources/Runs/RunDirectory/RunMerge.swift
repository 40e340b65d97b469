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
    if FileManager.default.fileExists(atPath: output.path),
       !(try FileManager.default.contentsOfDirectory(atPath: output.path)).isEmpty {
      throw InputError("the output directory is not empty", file: output.path)
    }
    let target = RunDirectory(output)
    try target.open(for: merged)
    defer { target.close() }
    var timing = TimingLog()
    for trial in 0..<merged.trials {
      let from = source[trial]!
      let data: Data
      do { data = try Data(contentsOf: from.trialURL(trial)) } catch {
        throw InputError("cannot read the file", file: from.trialURL(trial).path)
      }
      try AtomicFile.write(data, to: target.trialURL(trial))
      if let seconds = try from.readTiming().seconds(ofTrial: trial) { timing.record(trial: trial, wallSeconds: seconds) }
    }
    try JSONFiles.write(timing, to: target.timingURL)
    let results = try (0..<merged.trials).map { try target.readResult(ofTrial: $0, as: OpaqueCell.self) }
    let summary = RunSummary(config: merged, optimum: optimum, results: results, timing: timing)
    try JSONFiles.write(summary, to: target.summaryJSONURL)
    try AtomicFile.write(Data(SummaryMarkdown(summary: summary, config: merged).text.utf8), to: target.summaryMarkdownURL)
    return summary
  }

  /// A cell of whatever space, not read: a summary needs only the trajectories.
  private struct OpaqueCell: Codable, Hashable, Sendable {
    init(from decoder: Decoder) throws {}
    func encode(to encoder: Encoder) throws {}
  }
}
