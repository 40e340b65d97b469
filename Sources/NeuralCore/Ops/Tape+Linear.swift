// Matrix products. Every product goes through `MatmulBackend.gemm`, with beta = 1 in backward
// so gradients accumulate in place.

extension Tape {
  /// `x·Wᵀ + b` for x (n × in), W (out × in, PyTorch's layout), b (1 × out).
  ///
  /// With `columns`, only that block of W's columns is used (x then has as many features): a
  /// layer applied to concat(a, b) equals the sum of its column blocks applied to a and b, which
  /// lets a model apply the per-graph half once instead of once per node.
  public func linear(_ x: Tensor, weight w: Tensor, columns: Range<Int>? = nil, bias b: Tensor?) -> Tensor {
    let block = columns ?? 0..<w.cols
    precondition(block.lowerBound >= 0 && block.upperBound <= w.cols, "linear: columns \(block) outside a weight of \(w.cols)")
    precondition(x.cols == block.count, "linear: input has \(x.cols) features, weight block expects \(block.count)")
    if let b { precondition(b.count == w.rows, "linear: bias has \(b.count) values for \(w.rows) outputs") }
    let (n, inputs, outputs, ldw) = (x.rows, x.cols, w.rows, w.cols)
    let wBlock = w.value + block.lowerBound
    let y = output(rows: n, cols: outputs, needsGrad: x.grad != nil || w.grad != nil || b?.grad != nil)
    if let b { broadcastRows(b.value, rows: n, cols: outputs, into: y.value) }
    backend.gemm(transposeA: false, transposeB: true, m: n, n: outputs, k: inputs, alpha: 1, a: x.value, lda: inputs,
                 b: wBlock, ldb: ldw, beta: b == nil ? 0 : 1, c: y.value, ldc: outputs)
    guard let dy = y.grad else { return y }
    let backend = self.backend
    record {
      if let dx = x.grad {
        backend.gemm(transposeA: false, transposeB: false, m: n, n: inputs, k: outputs, alpha: 1, a: dy, lda: outputs,
                     b: wBlock, ldb: ldw, beta: 1, c: dx, ldc: inputs)
      }
      if let dw = w.grad {
        backend.gemm(transposeA: true, transposeB: false, m: outputs, n: inputs, k: n, alpha: 1, a: dy, lda: outputs,
                     b: x.value, ldb: inputs, beta: 1, c: dw + block.lowerBound, ldc: ldw)
      }
      if let db = b?.grad { addColumnSums(of: dy, rows: n, cols: outputs, into: db) }
    }
    return y
  }

  /// A `Linear` layer of the bound parameter store.
  public func linear(_ x: Tensor, _ layer: Linear) -> Tensor {
    linear(x, weight: parameter(layer.weight), bias: layer.bias.map(parameter))
  }

  /// op(a)·op(b), where op transposes when asked.
  public func matmul(_ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false) -> Tensor {
    let (m, k) = transposeA ? (a.cols, a.rows) : (a.rows, a.cols)
    let (k2, n) = transposeB ? (b.cols, b.rows) : (b.rows, b.cols)
    precondition(k == k2, "matmul: inner dimensions \(k) and \(k2) differ")
    let y = output(rows: m, cols: n, needsGrad: a.grad != nil || b.grad != nil)
    backend.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: 1, a: a.value, lda: a.cols,
                 b: b.value, ldb: b.cols, beta: 0, c: y.value, ldc: n)
    guard let dy = y.grad else { return y }
    let backend = self.backend
    record {
      // With C = op(A)·op(B): d op(A) = dC·op(B)ᵀ and d op(B) = op(A)ᵀ·dC; a stored-transposed
      // operand receives the transpose of that, which swaps the factors.
      if let da = a.grad {
        if transposeA {
          backend.gemm(transposeA: transposeB, transposeB: true, m: k, n: m, k: n, alpha: 1, a: b.value, lda: b.cols,
                       b: dy, ldb: n, beta: 1, c: da, ldc: a.cols)
        } else {
          backend.gemm(transposeA: false, transposeB: !transposeB, m: m, n: k, k: n, alpha: 1, a: dy, lda: n,
                       b: b.value, ldb: b.cols, beta: 1, c: da, ldc: a.cols)
        }
      }
      if let db = b.grad {
        if transposeB {
          backend.gemm(transposeA: true, transposeB: transposeA, m: n, n: k, k: m, alpha: 1, a: dy, lda: n,
                       b: a.value, ldb: a.cols, beta: 1, c: db, ldc: b.cols)
        } else {
          backend.gemm(transposeA: !transposeA, transposeB: false, m: k, n: n, k: m, alpha: 1, a: a.value, lda: a.cols,
                       b: dy, ldb: n, beta: 1, c: db, ldc: b.cols)
        }
      }
    }
    return y
  }
}
