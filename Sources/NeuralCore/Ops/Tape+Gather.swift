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
      copy(x.value + source * cols, into: y.value + i * cols, count: cols)
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

extension Tape {
  /// Sums along edges: row v of the result is Σ x[sources[e]] over the edges e with
  /// targets[e] = v (`scatterAddRows(gatherRows(x, sources), targets)` without the per-edge
  /// intermediate).
  public func edgeSum(_ x: Tensor, sources: IndexList, targets: IndexList, rows: Int) -> Tensor {
    precondition(sources.count == targets.count, "edgeSum: \(sources.count) sources for \(targets.count) targets")
    let cols = x.cols
    let y = output(rows: rows, cols: cols, needsGrad: x.grad != nil)
    y.value.initialize(repeating: 0, count: rows * cols)
    for e in 0..<sources.count {
      let (s, t) = (sources[e], targets[e])
      precondition(s >= 0 && s < x.rows && t >= 0 && t < rows, "edgeSum: edge \(s)→\(t) outside \(x.rows)→\(rows) rows")
      accumulate(x.value + s * cols, into: y.value + t * cols, count: cols)
    }
    guard let dy = y.grad, let dx = x.grad else { return y }
    record { for e in 0..<sources.count { accumulate(dy + targets[e] * cols, into: dx + sources[e] * cols, count: cols) } }
    return y
  }
}

extension Tape {
  /// The classic message-passing aggregate: for every node v,
  /// Σ over edges e with targets[e] = v of `W·concat(h[sources[e]], h[v]) + b`,
  /// for W (out × 2·h.cols) and b (1 × out). Nodes without incoming edges get zero.
  ///
  /// Computed per node, not per edge: with W = [W_s | W_d] the sum is
  /// Σ_e (h W_sᵀ)[sources[e]] + indegree(v)·(h W_dᵀ + b)[v], and neither product is kept for
  /// backward, so the op stores only its output.
  public func aggregateMessages(_ h: Tensor, weight w: Tensor, bias b: Tensor, sources: IndexList, targets: IndexList) -> Tensor {
    let (rows, width, outputs) = (h.rows, h.cols, w.rows)
    precondition(w.cols == 2 * width && b.count == outputs, "aggregateMessages: weight must be out × \(2 * width), bias 1 × out")
    precondition(sources.count == targets.count, "aggregateMessages: \(sources.count) sources for \(targets.count) targets")
    let degrees = scratch(rows)
    degrees.initialize(repeating: 0, count: rows)
    for e in 0..<targets.count {
      let (s, t) = (sources[e], targets[e])
      precondition(s >= 0 && s < rows && t >= 0 && t < rows, "aggregateMessages: edge \(s)→\(t) outside \(rows) nodes")
      degrees[t] += 1
    }
    let y = output(rows: rows, cols: outputs, needsGrad: h.grad != nil || w.grad != nil || b.grad != nil)
    let fromSource = transient(2 * rows * outputs)
    let atTarget = fromSource + rows * outputs
    backend.gemm(transposeA: false, transposeB: true, m: rows, n: outputs, k: width, alpha: 1, a: h.value, lda: width,
                 b: w.value, ldb: 2 * width, beta: 0, c: fromSource, ldc: outputs)
    broadcastRows(b.value, rows: rows, cols: outputs, into: atTarget)
    backend.gemm(transposeA: false, transposeB: true, m: rows, n: outputs, k: width, alpha: 1, a: h.value, lda: width,
                 b: w.value + width, ldb: 2 * width, beta: 1, c: atTarget, ldc: outputs)
    for v in 0..<rows { copy(atTarget + v * outputs, times: degrees[v], into: y.value + v * outputs, count: outputs) }
    for e in 0..<sources.count { accumulate(fromSource + sources[e] * outputs, into: y.value + targets[e] * outputs, count: outputs) }
    guard let dy = y.grad else { return y }
    let backend = self.backend
    record { [unowned self] in
      let dSource = self.transient(2 * rows * outputs)
      let dTarget = dSource + rows * outputs
      dSource.initialize(repeating: 0, count: rows * outputs)
      for e in 0..<sources.count { accumulate(dy + targets[e] * outputs, into: dSource + sources[e] * outputs, count: outputs) }
      for v in 0..<rows { copy(dy + v * outputs, times: degrees[v], into: dTarget + v * outputs, count: outputs) }
      if let dh = h.grad {
        backend.gemm(transposeA: false, transposeB: false, m: rows, n: width, k: outputs, alpha: 1, a: dSource, lda: outputs,
                     b: w.value, ldb: 2 * width, beta: 1, c: dh, ldc: width)
        backend.gemm(transposeA: false, transposeB: false, m: rows, n: width, k: outputs, alpha: 1, a: dTarget, lda: outputs,
                     b: w.value + width, ldb: 2 * width, beta: 1, c: dh, ldc: width)
      }
      if let dw = w.grad {
        backend.gemm(transposeA: true, transposeB: false, m: outputs, n: width, k: rows, alpha: 1, a: dSource, lda: outputs,
                     b: h.value, ldb: width, beta: 1, c: dw, ldc: 2 * width)
        backend.gemm(transposeA: true, transposeB: false, m: outputs, n: width, k: rows, alpha: 1, a: dTarget, lda: outputs,
                     b: h.value, ldb: width, beta: 1, c: dw + width, ldc: 2 * width)
      }
      if let db = b.grad { addColumnSums(of: dTarget, rows: rows, cols: outputs, into: db) }
    }
    return y
  }
}
