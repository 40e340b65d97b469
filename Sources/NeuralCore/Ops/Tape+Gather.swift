// Row gather and scatter-add: message passing over an edge list is
// `scatterAddRows(message(gatherRows(h, sources), gatherRows(h, targets)), targets, rows: nodes)`.

extension Tape {
  /// Row i of the result is row `indices[i]` of x.
  public func gatherRows(_ x: Tensor, _ indices: IndexList) -> Tensor {
    let cols = x.cols
    let y = output(rows: indices.count, cols: cols, needsGrad: x.grad != nil)
    for i in 0..<indices.count {
      let source = indices[i]
      precondition(source >= 0 && source < x.rows, "gatherRows: index \(source) outside \(x.rows) rows")
      (y.value + i * cols).update(from: x.value + source * cols, count: cols)
    }
    guard let dy = y.grad, let dx = x.grad else { return y }
    record { for i in 0..<indices.count { accumulate(dy + i * cols, into: dx + indices[i] * cols, count: cols) } }
    return y
  }

  /// A `rows × cols` result where row i of x is added into row `indices[i]`; rows nobody
  /// scatters into are zero.
  public func scatterAddRows(_ x: Tensor, _ indices: IndexList, rows: Int) -> Tensor {
    precondition(indices.count == x.rows, "scatterAddRows: \(indices.count) indices for \(x.rows) rows")
    let cols = x.cols
    let y = output(rows: rows, cols: cols, needsGrad: x.grad != nil)
    y.value.initialize(repeating: 0, count: rows * cols)
    for i in 0..<indices.count {
      let target = indices[i]
      precondition(target >= 0 && target < rows, "scatterAddRows: index \(target) outside \(rows) rows")
      accumulate(x.value + i * cols, into: y.value + target * cols, count: cols)
    }
    guard let dy = y.grad, let dx = x.grad else { return y }
    record { for i in 0..<indices.count { accumulate(dy + indices[i] * cols, into: dx + i * cols, count: cols) } }
    return y
  }
}
