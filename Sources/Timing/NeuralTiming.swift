import NeuralCore
import Randomness

/// Timings of the autodiff's hot paths, for `agnet bench neural` (medians in microseconds).
public enum NeuralTiming {
  /// Edges (source, target) of one 8-node DAG of the size AG-Net's generator handles: the
  /// NAS-Bench-201 graph shape.
  static let dagEdges: [(Int, Int)] = [(0, 1), (0, 2), (0, 4), (1, 3), (1, 5), (2, 6), (3, 6), (4, 7), (5, 7), (6, 7)]

  /// Forward and backward of one GRU message-passing layer: messages Linear(32→32) on
  /// concat(h_source, h_target) of 16-wide states, summed per target, then GRUCell(32→16),
  /// over `graphs` DAGs of 8 nodes batched into one edge list.
  public static func gruLayerMicroseconds(graphs: Int = 64, repetitions: Int = 300, backend: MatmulBackend = .preferred) -> Double {
    var rng = Xoshiro256StarStar(seed: 1, stream: "bench-gru")
    let store = ParameterStore()
    let message = Linear("message", inputs: 32, outputs: 32, in: store, using: &rng)
    let cell = GRUCell("update", inputSize: 32, hiddenSize: 16, in: store, using: &rng)
    let nodes = 8 * graphs
    let states = (0..<(nodes * 16)).map { _ in rng.uniform(-1, 1) }
    var sources: [Int] = [], targets: [Int] = []
    for g in 0..<graphs {
      for (s, t) in dagEdges {
        sources.append(8 * g + s)
        targets.append(8 * g + t)
      }
    }
    let tape = Tape(parameters: store, backend: backend)
    return medianMicroseconds(repetitions: repetitions) {
      tape.reset()
      let h = tape.variable(rows: nodes, cols: 16, values: states)
      let (src, dst) = (tape.indices(sources), tape.indices(targets))
      let messages = tape.linear(tape.concatColumns([tape.gatherRows(h, src), tape.gatherRows(h, dst)]), message)
      let updated = tape.gruCell(input: tape.scatterAddRows(messages, dst, rows: nodes), hidden: h, cell)
      tape.backward(tape.sum(updated))
    }
  }

  /// One Adam update over `parameters` parameters.
  public static func adamMicroseconds(parameters: Int = 50_000, repetitions: Int = 2000) -> Double {
    let store = ParameterStore()
    var rng = Xoshiro256StarStar(seed: 1, stream: "bench-adam")
    let view = store.register("p", rows: 1, cols: parameters)
    store.initializeUniform(view, bound: 1, using: &rng)
    for i in 0..<parameters { store.gradients[i] = rng.uniform(-1, 1) }
    let adam = Adam(parameters: store, learningRate: 1e-3, weightDecay: 1e-4)
    return medianMicroseconds(repetitions: repetitions) { adam.update() }
  }

  /// A 512×32 by 32×48 product (the GRU's input gates at bench size), forward only.
  public static func matmulMicroseconds(backend: MatmulBackend, repetitions: Int = 2000) -> Double {
    var rng = Xoshiro256StarStar(seed: 1, stream: "bench-matmul")
    let a = (0..<(512 * 32)).map { _ in rng.uniform(-1, 1) }
    let b = (0..<(48 * 32)).map { _ in rng.uniform(-1, 1) }
    var c = [Float](repeating: 0, count: 512 * 48)
    return medianMicroseconds(repetitions: repetitions) {
      backend.gemm(transposeA: false, transposeB: true, m: 512, n: 48, k: 32, alpha: 1, a: a, lda: 32, b: b, ldb: 32,
                   beta: 0, c: &c, ldc: 48)
    }
  }

  /// Median wall time of `body` over `repetitions` runs after a tenth as many warm-up runs.
  public static func medianMicroseconds(repetitions: Int, _ body: () -> Void) -> Double {
    for _ in 0..<max(1, repetitions / 10) { body() }
    let clock = ContinuousClock()
    var times: [Double] = []
    times.reserveCapacity(repetitions)
    for _ in 0..<repetitions {
      let elapsed = clock.measure(body)
      times.append(Double(elapsed.components.seconds) * 1e6 + Double(elapsed.components.attoseconds) * 1e-12)
    }
    times.sort()
    return times[times.count / 2]
  }
}
