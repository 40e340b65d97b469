// Joining and cutting tensors along features (columns) and stacking along rows.

extension Tape {
  /// The parts side by side (all with the same number of rows).
  public func concatColumns(_ parts: [Tensor]) -> Tensor {
    precondition(!parts.isEmpty, "concatColumns needs at least one part")
    let rows = parts[0].rows
    var cols = 0
    var needsGrad = false
    for p in parts {
      precondition(p.rows == rows, "concatColumns: parts have \(rows) and \(p.rows) rows")
      cols += p.cols
      needsGrad = needsGrad || p.grad != nil
    }
    let y = output(rows: rows, cols: cols, needsGrad: needsGrad)
    var offset = 0
    for p in parts {
      for i in 0..<rows { copy(p.value + i * p.cols, into: y.value + i * cols + offset, count: p.cols) }
      offset += p.cols
    }
    guard let dy = y.grad else { return y }
    record {
      var offset = 0
      for p in parts {
        if let dp = p.grad {
          for i in 0..<rows { accumulate(dy + i * cols + offset, into: dp + i * p.cols, count: p.cols) }
        }
        offset += p.cols
      }
    }
    return y
  }

  /// Columns `start ..< start + width` of x.
  public func sliceColumns(_ x: Tensor, start: Int, width: Int) -> Tensor {
    precondition(start >= 0 && width > 0 && start + width <= x.cols, "sliceColumns: \(start)..<\(start + width) outside \(x.cols) columns")
    let (rows, cols) = (x.rows, x.cols)
    let y = output(rows: rows, cols: width, needsGrad: x.grad != nil)
    for i in 0..<rows { copy(x.value + i * cols + start, into: y.value + i * width, count: width) }
    guard let dy = y.grad, let dx = x.grad else { return y }
    record { for i in 0..<rows { accumulate(dy + i * width, into: dx + i * cols + start, count: width) } }
    return y
  }

  /// x cut into consecutive column blocks of the given widths.
  public func splitColumns(_ x: Tensor, widths: [Int]) -> [Tensor] {
    precondition(widths.reduce(0, +) == x.cols, "splitColumns: widths \(widths) do not add up to \(x.cols)")
    var start = 0
    return widths.map { width in
      defer { start += width }
      return sliceColumns(x, start: start, width: width)
    }
  }

  /// The parts stacked top to bottom (all with the same number of columns).
  public func concatRows(_ parts: [Tensor]) -> Tensor {
    precondition(!parts.isEmpty, "concatRows needs at least one part")
    let cols = parts[0].cols
    var rows = 0
    var needsGrad = false
    for p in parts {
      precondition(p.cols == cols, "concatRows: parts have \(cols) and \(p.cols) columns")
      rows += p.rows
      needsGrad = needsGrad || p.grad != nil
    }
    let y = output(rows: rows, cols: cols, needsGrad: needsGrad)
    var offset = 0
    for p in parts {
      (y.value + offset).update(from: p.value, count: p.count)
      offset += p.count
    }
    guard let dy = y.grad else { return y }
    record {
      var offset = 0
      for p in parts {
        if let dp = p.grad { accumulate(dy + offset, into: dp, count: p.count) }
        offset += p.count
      }
    }
    return y
  }

  /// The same values read as `rows × cols` (row-major order unchanged). A view: it shares
  /// memory, and so gradient, with x; nothing is recorded.
  public func reshaped(_ x: Tensor, rows: Int, cols: Int) -> Tensor {
    precondition(rows * cols == x.count, "reshaped: \(x.rows)×\(x.cols) cannot be read as \(rows)×\(cols)")
    return Tensor(rows: rows, cols: cols, value: x.value, grad: x.grad)
  }

  /// xᵀ.
  public func transposed(_ x: Tensor) -> Tensor {
    let (rows, cols) = (x.rows, x.cols)
    let y = output(rows: cols, cols: rows, needsGrad: x.grad != nil)
    for i in 0..<rows {
      for j in 0..<cols { y.value[j * rows + i] = x.value[i * cols + j] }
    }
    guard let dy = y.grad, let dx = x.grad else { return y }
    record {
      for i in 0..<rows {
        for j in 0..<cols { dx[i * cols + j] += dy[j * rows + i] }
      }
    }
    return y
  }
}
