import CKernels

// Pointwise nonlinearities. Each backward reads the saved output, not the input.

extension Tape {
  public func relu(_ x: Tensor) -> Tensor {
    let y = output(rows: x.rows, cols: x.cols, needsGrad: x.grad != nil)
    let count = y.count
    map(x.value, into: y.value, count: count) { $0.replacing(with: 0, where: $0 .< 0) }
    guard let dy = y.grad, let dx = x.grad else { return y }
    record { accumulate(dy, y.value, into: dx, count: count) { g, out in g.replacing(with: 0, where: out .<= 0) } }
    return y
  }

  public func sigmoid(_ x: Tensor) -> Tensor {
    let y = output(rows: x.rows, cols: x.cols, needsGrad: x.grad != nil)
    let count = y.count
    agnet_sigmoid_map(x.value, y.value, count)
    guard let dy = y.grad, let dx = x.grad else { return y }
    record { accumulate(dy, y.value, into: dx, count: count) { g, s in g * s * (1 - s) } }
    return y
  }

  public func tanh(_ x: Tensor) -> Tensor {
    let y = output(rows: x.rows, cols: x.cols, needsGrad: x.grad != nil)
    let count = y.count
    agnet_tanh_map(x.value, y.value, count)
    guard let dy = y.grad, let dx = x.grad else { return y }
    record { accumulate(dy, y.value, into: dx, count: count) { g, t in g * (1 - t * t) } }
    return y
  }
}
