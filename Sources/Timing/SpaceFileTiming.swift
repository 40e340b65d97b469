import Randomness
import SearchSpaces

/// Timings of space files (`agnet bench spaces --space-files DIR`): loading a file and drawing
/// 10,000 cells (the bar: under 0.2 s), and enumerating a node-ops file, to set beside the
/// built-in NAS-Bench-101 enumeration measured in the same run.
public enum SpaceFileTiming {
  public typealias Measurement = NASBench101SpaceTiming.Measurement

  /// `files`: (path, text) of each space file. A file that does not load is skipped.
  public static func run(files: [(path: String, text: String)], seed: UInt64 = 0) -> [Measurement] {
    var results: [Measurement] = []
    for (path, text) in files {
      let (loaded, timing) = NASBench101SpaceTiming.timed { () -> FileSpace? in
        guard let space = try? FileSpace(text: text, path: path) else { return nil }
        var rng = Xoshiro256StarStar(seed: seed, stream: "bench-spaces")
        for _ in 0..<10_000 { _ = space.randomCell(using: &rng) }
        return space
      }
      guard let space = loaded else { continue }
      results.append(timing.measurement("\(space.name): load file + sample 10,000 cells", count: 10_000))
      if space.isEnumerable {
        // A fresh value: the first draw above listed the cells already.
        let fresh = try! FileSpace(text: text, path: path)
        let (cells, enumeration) = NASBench101SpaceTiming.timed { fresh.singleCells?.count ?? 0 }
        results.append(enumeration.measurement("\(space.name): enumeration", count: cells))
      }
    }
    return results
  }
}
