import Dispatch

/// Data parallelism for one training step: the batch is cut into a fixed number of shards,
/// each shard's loss is built and differentiated on its own tape into its own gradient buffer
/// (concurrently), and the store's gradients become the sum of the shard gradients, added in
/// shard order.
///
/// The result depends on the number of shards, never on how many cores ran them: a run is
/// reproducible bit for bit on any machine.
public final class ShardedGradients {
  public let parameters: ParameterStore
  public let tapes: [Tape]
  let buffers: [UnsafeMutablePointer<Float>]

  /// The store must be complete (its size is fixed here).
  public init(parameters: ParameterStore, shards: Int = 2, backend: MatmulBackend = .preferred) {
    precondition(shards > 0, "at least one shard")
    self.parameters = parameters
    buffers = (0..<shards).map { _ in .allocate(capacity: max(parameters.count, 1)) }
    tapes = buffers.map { Tape(parameters: parameters, gradients: $0, backend: backend) }
  }

  deinit { for b in buffers { b.deallocate() } }

  public var shardCount: Int { tapes.count }

  /// Rows of shard `shard` when `count` rows are cut into `shards` shards (the first shards take
  /// the extra rows).
  public static func rows(ofShard shard: Int, count: Int, shards: Int) -> Range<Int> {
    let (base, extra) = count.quotientAndRemainder(dividingBy: shards)
    let start = shard * base + min(shard, extra)
    return start..<(start + base + (shard < extra ? 1 : 0))
  }

  /// Runs `loss(shard, tape)` for every shard (concurrently), backpropagates each 1×1 loss,
  /// and writes the summed gradients into the store. Returns each shard's loss value.
  public func step(_ loss: (Int, Tape) -> Tensor) -> [Float] {
    let count = parameters.count
    var values = [Float](repeating: 0, count: tapes.count)
    values.withUnsafeMutableBufferPointer { out in
      let results = out.baseAddress!
      DispatchQueue.concurrentPerform(iterations: tapes.count) { shard in
        let tape = tapes[shard]
        buffers[shard].initialize(repeating: 0, count: count)
        tape.reset()
        let l = loss(shard, tape)
        results[shard] = l.value[0]
        tape.backward(l)
        tape.reset()
      }
    }
    let total = parameters.gradients
    total.update(from: buffers[0], count: count)
    for shard in 1..<tapes.count { accumulate(buffers[shard], into: total, count: count) }
    return values
  }
}
