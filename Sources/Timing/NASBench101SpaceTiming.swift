import Randomness
import SearchSpaces

/// Timings of the NAS-Bench-101 code paths that searches and tools lean on (`agnet bench
/// spaces`): the enumeration in its two passes, fingerprinting on one thread, neighbours and
/// graph encodings.
public enum NASBench101SpaceTiming {
  public struct Measurement: Sendable, Codable, Equatable {
    /// What was timed, e.g. "nasbench101 fingerprints (2 threads)".
    public var name: String
    /// How many items (cells, calls) the time covers.
    public var count: Int
    /// Wall-clock time.
    public var seconds: Double
    /// CPU time of the whole process (all threads): on a shared machine, the steadier number.
    public var cpuSeconds: Double

    public var microsecondsPerItem: Double { count > 0 ? seconds * 1e6 / Double(count) : 0 }
  }

  /// Runs every measurement once; the enumeration uses `threads` threads.
  public static func run(threads: Int = 2, seed: UInt64 = 0) -> [Measurement] {
    var results: [Measurement] = []
    let (structures, structurePass) = timed { NASBench101Enumeration.structures(vertexCounts: 2...NASBench101Cell.maxVertices) }
    results.append(structurePass.measurement("nasbench101 enumeration, structure pass", count: structures.count))
    let (cells, fingerprints) = timed { NASBench101Enumeration.fingerprint(structures, threads: threads) }
    results.append(fingerprints.measurement("nasbench101 enumeration, fingerprints (\(threads) thread\(threads == 1 ? "" : "s"))", count: cells.count))
    results.append(Measurement(name: "nasbench101 enumeration, total", count: cells.count, seconds: structurePass.seconds + fingerprints.seconds,
                               cpuSeconds: structurePass.cpuSeconds + fingerprints.cpuSeconds))

    let sevenVertexSlice = Array(structures.suffix(50_000))
    let (_, single) = timed { NASBench101Enumeration.fingerprint(sevenVertexSlice, threads: 1) }
    results.append(single.measurement("nasbench101 fingerprint of a 7-vertex cell (1 thread)", count: sevenVertexSlice.count))

    let space = NASBench101Space(cells: cells)
    var rng = Xoshiro256StarStar(seed: seed, stream: "bench-spaces")
    let sample = (0..<1_000).map { _ in space.randomCell(using: &rng) }
    let (neighbourCount, neighbours) = timed { sample.reduce(0) { $0 + space.neighbours(of: $1).count } }
    results.append(neighbours.measurement("nasbench101 neighbours (\(neighbourCount / sample.count) a cell on average)", count: sample.count))

    let (encoded, encodings) = timed { cells.reduce(0) { $0 + space.encoding(of: $1).count } }
    results.append(encodings.measurement("nasbench101 encoding y of every cell", count: encoded / space.vocabulary.encodingLength))
    let (decoded, decodings) = timed { cells.reduce(0) { $0 + (space.cell(from: space.graph(of: $1)) == nil ? 0 : 1) } }
    results.append(decodings.measurement("nasbench101 graph → cell of every cell", count: decoded))
    return results
  }

  public struct Timing {
    var seconds: Double
    var cpuSeconds: Double

    public func measurement(_ name: String, count: Int) -> Measurement {
      Measurement(name: name, count: count, seconds: seconds, cpuSeconds: cpuSeconds)
    }
  }

  public static func timed<T>(_ work: () -> T) -> (T, Timing) {
    let (result, seconds, cpuSeconds) = ProcessClock.timed(work)
    return (result, Timing(seconds: seconds, cpuSeconds: cpuSeconds))
  }
}
