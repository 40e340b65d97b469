import Dispatch
import Randomness

/// Timings of the NAS-Bench-101 code paths that searches and tools lean on (`agnet bench
/// spaces`): the enumeration in its two passes, fingerprinting on one thread, neighbours and
/// graph encodings.
public enum NASBench101SpeedBenchmark {
  public struct Measurement: Sendable, Codable, Equatable {
    /// What was timed, e.g. "nasbench101 fingerprints (2 threads)".
    public var name: String
    /// How many items (cells, calls) the time covers.
    public var count: Int
    public var seconds: Double

    public var microsecondsPerItem: Double { count > 0 ? seconds * 1e6 / Double(count) : 0 }
  }

  /// Runs every measurement once; the enumeration uses `threads` threads.
  public static func run(threads: Int = 2, seed: UInt64 = 0) -> [Measurement] {
    var results: [Measurement] = []
    let (structures, structureSeconds) = timed { NASBench101Enumeration.structures(vertexCounts: 2...NASBench101Cell.maxVertices) }
    results.append(Measurement(name: "nasbench101 enumeration, structure pass", count: structures.count, seconds: structureSeconds))
    let (cells, fingerprintSeconds) = timed { NASBench101Enumeration.fingerprint(structures, threads: threads) }
    results.append(Measurement(name: "nasbench101 enumeration, fingerprints (\(threads) threads)", count: cells.count, seconds: fingerprintSeconds))
    results.append(Measurement(name: "nasbench101 enumeration, total", count: cells.count, seconds: structureSeconds + fingerprintSeconds))

    let sevenVertexSlice = Array(structures.suffix(50_000))
    let (_, singleSeconds) = timed { NASBench101Enumeration.fingerprint(sevenVertexSlice, threads: 1) }
    results.append(Measurement(name: "nasbench101 fingerprint of a 7-vertex cell (1 thread)", count: sevenVertexSlice.count, seconds: singleSeconds))

    let space = NASBench101Space(cells: cells)
    var rng = Xoshiro256StarStar(seed: seed, stream: "bench-spaces")
    let sample = (0..<1_000).map { _ in space.randomCell(using: &rng) }
    let (neighbourCount, neighbourSeconds) = timed { sample.reduce(0) { $0 + space.neighbours(of: $1).count } }
    results.append(Measurement(name: "nasbench101 neighbours (\(neighbourCount / sample.count) a cell on average)", count: sample.count, seconds: neighbourSeconds))

    let (encoded, encodeSeconds) = timed { cells.reduce(0) { $0 + space.encoding(of: $1).count } }
    results.append(Measurement(name: "nasbench101 encoding y of every cell", count: encoded / space.vocabulary.encodingLength, seconds: encodeSeconds))
    let (decoded, decodeSeconds) = timed { cells.reduce(0) { $0 + (space.cell(from: space.graph(of: $1)) == nil ? 0 : 1) } }
    results.append(Measurement(name: "nasbench101 graph → cell of every cell", count: decoded, seconds: decodeSeconds))
    return results
  }

  static func timed<T>(_ work: () -> T) -> (T, Double) {
    let start = DispatchTime.now().uptimeNanoseconds
    let result = work()
    return (result, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
  }
}
