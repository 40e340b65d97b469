/// A bump allocator for one training step's activations and gradients.
///
/// Memory comes in blocks that never move while in use, so a `Tensor` can hold raw pointers into
/// them. `reset()` hands everything back at once; when a step needed more than one block, the
/// blocks are merged into one of the combined size, so after the first step a step allocates
/// nothing from the system.
final class Arena<Element> {
  private var blocks: [UnsafeMutableBufferPointer<Element>] = []
  private var current: UnsafeMutableBufferPointer<Element>
  private var used = 0

  init(initialCapacity: Int = 1 << 16) {
    current = .allocate(capacity: initialCapacity)
    blocks = [current]
  }

  deinit { for block in blocks { block.deallocate() } }

  /// Room for `count` elements, uninitialised (Float/Int32 need no initialisation to be written).
  /// Allocations are rounded up to 16 elements so every buffer starts 64-byte aligned
  /// relative to its block.
  func allocate(_ count: Int) -> UnsafeMutablePointer<Element> {
    let rounded = (count + 15) & ~15
    if used + rounded > current.count {
      current = .allocate(capacity: max(rounded, 2 * current.count))
      blocks.append(current)
      used = 0
    }
    let pointer = current.baseAddress! + used
    used += rounded
    return pointer
  }

  var blockCount: Int { blocks.count }
  var capacity: Int { blocks.reduce(0) { $0 + $1.count } }

  func reset() {
    if blocks.count > 1 {
      let total = blocks.reduce(0) { $0 + $1.count }
      for block in blocks { block.deallocate() }
      current = .allocate(capacity: total)
      blocks = [current]
    }
    used = 0
  }
}
