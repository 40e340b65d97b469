/// Reverse-mode automatic differentiation over one step's computation.
///
/// Each op (in the `Tape+*.swift` files) computes its output at once and, when an input needs a
/// gradient, records a closure that later adds the op's contribution to its inputs' gradients.
/// `backward(_:)` runs those closures newest first. Activations and gradients live in an arena
/// that `reset()` recycles, so a training step allocates (almost) nothing once warmed up.
///
/// A tape is bound to one `ParameterStore`: `parameter(_:)` tensors accumulate their gradients
/// into the store's gradient buffer (or into `gradients`, for a worker that keeps its own).
public final class Tape {
  public let parameters: ParameterStore
  /// Which matrix-multiply implementation this tape's ops use.
  public var backend: MatmulBackend
  /// Where parameter gradients accumulate; the store's own buffer unless given.
  public let gradients: UnsafeMutablePointer<Float>?
  /// When false, parameters enter as constants: nothing is recorded and no gradient memory is
  /// used (inference).
  public var differentiatesParameters = true

  let floats = Arena<Float>()
  /// Working memory an op uses only while it runs (forward or backward), reused by the next op.
  var transientBuffer = UnsafeMutableBufferPointer<Float>.allocate(capacity: 1 << 14)
  let indexArena = Arena<Int32>(initialCapacity: 1 << 12)
  var backwardSteps: [() -> Void] = []

  public init(parameters: ParameterStore = ParameterStore(), gradients: UnsafeMutablePointer<Float>? = nil,
              backend: MatmulBackend = .preferred) {
    self.parameters = parameters
    self.gradients = gradients
    self.backend = backend
  }

  /// Floats reserved by the arena (its size after the largest step so far).
  public var arenaCapacity: Int { floats.capacity }

  /// Forgets every tensor of the previous step (their memory is reused).
  public func reset() {
    floats.reset()
    indexArena.reset()
    backwardSteps.removeAll(keepingCapacity: true)
  }

  /// Runs the recorded backward steps, seeding `loss` (usually 1×1) with `seed` in every entry.
  public func backward(_ loss: Tensor, seed: Float = 1) {
    guard let g = loss.grad else { return }
    for i in 0..<loss.count { g[i] += seed }
    for step in backwardSteps.reversed() { step() }
    backwardSteps.removeAll(keepingCapacity: true)
  }

  // MARK: Making tensors

  /// A parameter of the bound store.
  @inlinable
  public func parameter(_ view: ParameterView) -> Tensor {
    let base = gradients ?? parameters.gradients
    return Tensor(rows: view.rows, cols: view.cols, value: parameters.values + view.offset,
                  grad: differentiatesParameters ? base + view.offset : nil)
  }

  /// A constant filled in place by `fill` (it receives the row-major value buffer).
  public func constant(rows: Int, cols: Int, fill: (UnsafeMutableBufferPointer<Float>) -> Void) -> Tensor {
    let t = output(rows: rows, cols: cols, needsGrad: false)
    fill(UnsafeMutableBufferPointer(start: t.value, count: t.count))
    return t
  }

  public func constant(rows: Int, cols: Int, values: [Float]) -> Tensor {
    precondition(values.count == rows * cols, "constant: \(values.count) values for a \(rows)×\(cols) tensor")
    return constant(rows: rows, cols: cols) { buffer in _ = buffer.initialize(from: values) }
  }

  public func constant(rows: Int, cols: Int, repeating value: Float) -> Tensor {
    constant(rows: rows, cols: cols) { $0.initialize(repeating: value) }
  }

  /// A leaf that collects a gradient in the arena (inputs one differentiates with respect to).
  public func variable(rows: Int, cols: Int, values: [Float]) -> Tensor {
    precondition(values.count == rows * cols, "variable: \(values.count) values for a \(rows)×\(cols) tensor")
    let t = output(rows: rows, cols: cols, needsGrad: true)
    values.withUnsafeBufferPointer { t.value.update(from: $0.baseAddress!, count: values.count) }
    return t
  }

  /// An index list copied into the tape (row indices for gather and scatter).
  public func indices(_ list: [Int]) -> IndexList {
    let p = indexArena.allocate(list.count)
    for (i, v) in list.enumerated() { p[i] = Int32(truncatingIfNeeded: v) }
    return IndexList(base: p, count: list.count)
  }

  // MARK: For ops

  /// A fresh output tensor; its gradient buffer (when needed) starts at zero.
  @usableFromInline
  func output(rows: Int, cols: Int, needsGrad: Bool) -> Tensor {
    let n = rows * cols
    let value = floats.allocate(n)
    var grad: UnsafeMutablePointer<Float>? = nil
    if needsGrad {
      grad = floats.allocate(n)
      grad!.initialize(repeating: 0, count: n)
    }
    return Tensor(rows: rows, cols: cols, value: value, grad: grad)
  }

  deinit { transientBuffer.deallocate() }

  /// `count` floats valid only until the next `transient` call: for intermediates an op (or
  /// its backward step) does not keep.
  func transient(_ count: Int) -> UnsafeMutablePointer<Float> {
    if count > transientBuffer.count {
      transientBuffer.deallocate()
      transientBuffer = .allocate(capacity: max(count, 2 * transientBuffer.count))
    }
    return transientBuffer.baseAddress!
  }

  /// Scratch memory valid until the next reset.
  func scratch(_ count: Int) -> UnsafeMutablePointer<Float> { floats.allocate(count) }

  func record(_ step: @escaping () -> Void) { backwardSteps.append(step) }
}

/// Row indices stored on a tape (valid until its reset).
public struct IndexList {
  public let base: UnsafeMutablePointer<Int32>
  public let count: Int
  @inlinable public subscript(i: Int) -> Int { Int(base[i]) }
}
