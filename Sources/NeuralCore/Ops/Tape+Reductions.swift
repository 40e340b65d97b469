// Sums and means: over everything (a 1×1 loss) or along each row (a per-sample value).

extension Tape {
  /// factor · Σ of all entries, as a 1×1 tensor.
  public func sum(_ x: Tensor, times factor: Float = 1) -> Tensor {
    let y = output(rows: 1, cols: 1, needsGrad: x.grad != nil)
    let count = x.count
    var total: Float = 0
    for i in 0..<count { total += x.value[i] }
    y.value[0] = factor * total
    guard let dy = y.grad, let dx = x.grad else { return y }
    record {
      let g = factor * dy[0]
      for i in 0..<count { dx[i] += g }
    }
    return y
  }

  public func mean(_ x: Tensor) -> Tensor { sum(x, times: 1 / Float(x.count)) }

  /// factor · Σ_j x[i, j] for each row i, as rows × 1.
  public func rowSums(_ x: Tensor, times factor: Float = 1) -> Tensor {
    let (rows, cols) = (x.rows, x.cols)
    let y = output(rows: rows, cols: 1, needsGrad: x.grad != nil)
    for i in 0..<rows {
      let row = x.value + i * cols
      var total: Float = 0
      for j in 0..<cols { total += row[j] }
      y.value[i] = factor * total
    }
    guard let dy = y.grad, let dx = x.grad else { return y }
    record {
      for i in 0..<rows {
        let (g, d) = (factor * dy[i], dx + i * cols)
        for j in 0..<cols { d[j] += g }
      }
    }
    return y
  }

  public func rowMeans(_ x: Tensor) -> Tensor { rowSums(x, times: 1 / Float(x.cols)) }
}
