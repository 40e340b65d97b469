/// A space small enough to list every distinct cell (`agnet space enumerate`).
public protocol EnumerableSpace: SearchSpace {
  /// Every distinct cell once, in the space's official order.
  var allCells: [Cell] { get }
}

extension NASBench201Space: EnumerableSpace {}

extension NASBench101Space: EnumerableSpace {}
