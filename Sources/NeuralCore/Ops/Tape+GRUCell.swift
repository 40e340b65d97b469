import CKernels

// PyTorch's GRUCell, fused: two matrix products for all gates, then one pass over the gates
// (CKernels' agnet_gru_forward/backward).
//   r = σ(W_ir x + b_ir + W_hr h + b_hr)     z = σ(W_iz x + b_iz + W_hz h + b_hz)
//   n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))     h' = (1 − z) ⊙ n + z ⊙ h

extension Tape {
  /// One GRU step for every row: x (rows × I), h (rows × H), W_ih (3H × I), W_hh (3H × H),
  /// b_ih and b_hh (1 × 3H), gates stacked r, z, n.
  public func gruCell(input x: Tensor, hidden h: Tensor, weightIH: Tensor, weightHH: Tensor,
                      biasIH: Tensor, biasHH: Tensor) -> Tensor {
    let (rows, inputs, hidden) = (x.rows, x.cols, h.cols)
    let gates = 3 * hidden
    precondition(h.rows == rows, "gruCell: \(rows) inputs but \(h.rows) hidden states")
    precondition(weightIH.rows == gates && weightIH.cols == inputs && weightHH.rows == gates && weightHH.cols == hidden
                 && biasIH.count == gates && biasHH.count == gates, "gruCell: parameter shapes do not match input \(inputs), hidden \(hidden)")
    let needsGrad = [x, h, weightIH, weightHH, biasIH, biasHH].contains { $0.grad != nil }
    let y = output(rows: rows, cols: hidden, needsGrad: needsGrad)
    // gi becomes (r, z, n) in place and is kept for backward, with W_hn h + b_hn from gh.
    let gi = scratch(rows * gates), gh = transient(rows * gates), hiddenN = scratch(rows * hidden)
    backend.gemm(transposeA: false, transposeB: true, m: rows, n: gates, k: inputs, alpha: 1, a: x.value, lda: inputs,
                 b: weightIH.value, ldb: inputs, beta: 0, c: gi, ldc: gates)
    backend.gemm(transposeA: false, transposeB: true, m: rows, n: gates, k: hidden, alpha: 1, a: h.value, lda: hidden,
                 b: weightHH.value, ldb: hidden, beta: 0, c: gh, ldc: gates)
    agnet_gru_forward(rows, hidden, biasIH.value, biasHH.value, gi, gh, h.value, y.value, hiddenN)
    guard let dy = y.grad else { return y }
    let backend = self.backend
    record { [unowned self] in
      let dgi = self.transient(2 * rows * gates)
      let dgh = dgi + rows * gates
      agnet_gru_backward(rows, hidden, gi, hiddenN, h.value, dy, dgi, dgh, h.grad)
      // Each gate product y = in·Wᵀ + b sends d(in) += d·W, dW += dᵀ·in, db += Σ rows of d.
      for (d, input, weight, bias) in [(dgi, x, weightIH, biasIH), (dgh, h, weightHH, biasHH)] {
        let width = input.cols
        if let dInput = input.grad {
          backend.gemm(transposeA: false, transposeB: false, m: rows, n: width, k: gates, alpha: 1, a: d, lda: gates,
                       b: weight.value, ldb: width, beta: 1, c: dInput, ldc: width)
        }
        if let dw = weight.grad {
          backend.gemm(transposeA: true, transposeB: false, m: gates, n: width, k: rows, alpha: 1, a: d, lda: gates,
                       b: input.value, ldb: width, beta: 1, c: dw, ldc: width)
        }
        if let db = bias.grad { addColumnSums(of: d, rows: rows, cols: gates, into: db) }
      }
    }
    return y
  }

  /// A `GRUCell` of the bound parameter store.
  public func gruCell(input x: Tensor, hidden h: Tensor, _ cell: GRUCell) -> Tensor {
    gruCell(input: x, hidden: h, weightIH: parameter(cell.weightIH), weightHH: parameter(cell.weightHH),
            biasIH: parameter(cell.biasIH), biasHH: parameter(cell.biasHH))
  }
}
