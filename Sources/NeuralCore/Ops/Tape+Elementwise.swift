// Elementwise arithmetic on tensors of one shape, and the two broadcasts the models need
// (a bias row added to every row; every row scaled by its own factor).

extension Tape {
  public func add(_ a: Tensor, _ b: Tensor) -> Tensor {
    precondition(a.rows == b.rows && a.cols == b.cols, "add: shapes \(a.rows)×\(a.cols) and \(b.rows)×\(b.cols) differ")
    let y = output(rows: a.rows, cols: a.cols, needsGrad: a.grad != nil || b.grad != nil)
    let count = y.count
    for i in 0..<count { y.value[i] = a.value[i] + b.value[i] }
    guard let dy = y.grad else { return y }
    record {
      if let da = a.grad { accumulate(dy, into: da, count: count) }
      if let db = b.grad { accumulate(dy, into: db, count: count) }
    }
    return y
  }

  public func multiply(_ a: Tensor, _ b: Tensor) -> Tensor {
    precondition(a.rows == b.rows && a.cols == b.cols, "multiply: shapes \(a.rows)×\(a.cols) and \(b.rows)×\(b.cols) differ")
    let y = output(rows: a.rows, cols: a.cols, needsGrad: a.grad != nil || b.grad != nil)
    let count = y.count
    for i in 0..<count { y.value[i] = a.value[i] * b.value[i] }
    guard let dy = y.grad else { return y }
    record {
      if let da = a.grad { for i in 0..<count { da[i] += dy[i] * b.value[i] } }
      if let db = b.grad { for i in 0..<count { db[i] += dy[i] * a.value[i] } }
    }
    return y
  }

  /// factor · x.
  public func scale(_ x: Tensor, by factor: Float) -> Tensor {
    let y = output(rows: x.rows, cols: x.cols, needsGrad: x.grad != nil)
    let count = y.count
    for i in 0..<count { y.value[i] = factor * x.value[i] }
    guard let dy = y.grad, let dx = x.grad else { return y }
    record { for i in 0..<count { dx[i] += factor * dy[i] } }
    return y
  }

  /// x + b for every row, b being 1 × cols.
  public func addBias(_ x: Tensor, _ b: Tensor) -> Tensor {
    precondition(b.count == x.cols, "addBias: bias has \(b.count) values for \(x.cols) columns")
    let y = output(rows: x.rows, cols: x.cols, needsGrad: x.grad != nil || b.grad != nil)
    let (rows, cols) = (x.rows, x.cols)
    for i in 0..<rows {
      let (src, dst) = (x.value + i * cols, y.value + i * cols)
      for j in 0..<cols { dst[j] = src[j] + b.value[j] }
    }
    guard let dy = y.grad else { return y }
    record {
      if let dx = x.grad { accumulate(dy, into: dx, count: rows * cols) }
      if let db = b.grad { addColumnSums(of: dy, rows: rows, cols: cols, into: db) }
    }
    return y
  }

  /// Row i of x times s[i], for s of shape rows × 1 (gates, per-sample weights).
  public func scaleRows(_ x: Tensor, by s: Tensor) -> Tensor {
    precondition(s.rows == x.rows && s.cols == 1, "scaleRows: factors must be \(x.rows)×1, got \(s.rows)×\(s.cols)")
    let y = output(rows: x.rows, cols: x.cols, needsGrad: x.grad != nil || s.grad != nil)
    let (rows, cols) = (x.rows, x.cols)
    for i in 0..<rows {
      let (src, dst, f) = (x.value + i * cols, y.value + i * cols, s.value[i])
      for j in 0..<cols { dst[j] = f * src[j] }
    }
    guard let dy = y.grad else { return y }
    record {
      for i in 0..<rows {
        let g = dy + i * cols
        if let dx = x.grad {
          let f = s.value[i]
          let d = dx + i * cols
          for j in 0..<cols { d[j] += f * g[j] }
        }
        if let ds = s.grad {
          let src = x.value + i * cols
          var total: Float = 0
          for j in 0..<cols { total += g[j] * src[j] }
          ds[i] += total
        }
      }
    }
    return y
  }
}
