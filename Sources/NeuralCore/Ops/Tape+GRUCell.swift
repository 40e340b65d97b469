// PyTorch's GRUCell, fused: two matrix products for all gates, then one pass over the gates.
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
    broadcastRows(biasIH.value, rows: rows, cols: gates, into: gi)
    broadcastRows(biasHH.value, rows: rows, cols: gates, into: gh)
    backend.gemm(transposeA: false, transposeB: true, m: rows, n: gates, k: inputs, alpha: 1, a: x.value, lda: inputs,
                 b: weightIH.value, ldb: inputs, beta: 1, c: gi, ldc: gates)
    backend.gemm(transposeA: false, transposeB: true, m: rows, n: gates, k: hidden, alpha: 1, a: h.value, lda: hidden,
                 b: weightHH.value, ldb: hidden, beta: 1, c: gh, ldc: gates)
    for row in 0..<rows {
      let (i, g) = (gi + row * gates, gh + row * gates)
      let (hOld, hNew) = (h.value + row * hidden, y.value + row * hidden)
      for j in stride(from: 0, to: hidden, by: 8) {
        let w = min(8, hidden - j)
        let (rj, zj, nj) = (j, hidden + j, 2 * hidden + j)
        let r = fastSigmoid(load(i + rj, width: w) + load(g + rj, width: w))
        let z = fastSigmoid(load(i + zj, width: w) + load(g + zj, width: w))
        let n = fastTanh(load(i + nj, width: w) + r * load(g + nj, width: w))
        store(r, i + rj, width: w)
        store(z, i + zj, width: w)
        store(n, i + nj, width: w)
        store(n + z * (load(hOld + j, width: w) - n), hNew + j, width: w)
      }
      copy(g + 2 * hidden, into: hiddenN + row * hidden, count: hidden)
    }
    guard let dy = y.grad else { return y }
    let backend = self.backend
    record { [unowned self] in
      let dgi = self.transient(2 * rows * gates)
      let dgh = dgi + rows * gates
      for row in 0..<rows {
        let (act, hn) = (gi + row * gates, hiddenN + row * hidden)
        let (di, dg) = (dgi + row * gates, dgh + row * gates)
        let (hOld, d) = (h.value + row * hidden, dy + row * hidden)
        for j in stride(from: 0, to: hidden, by: 8) {
          let w = min(8, hidden - j)
          let (rj, zj, nj) = (j, hidden + j, 2 * hidden + j)
          let (r, z, n) = (load(act + rj, width: w), load(act + zj, width: w), load(act + nj, width: w))
          let upstream = load(d + j, width: w)
          let dnPre = upstream * (1 - z) * (1 - n * n)
          let drPre = dnPre * load(hn + j, width: w) * r * (1 - r)
          let dzPre = upstream * (load(hOld + j, width: w) - n) * z * (1 - z)
          store(drPre, di + rj, width: w)
          store(dzPre, di + zj, width: w)
          store(dnPre, di + nj, width: w)
          store(drPre, dg + rj, width: w)
          store(dzPre, dg + zj, width: w)
          store(dnPre * r, dg + nj, width: w)
          if let dh = h.grad {
            let dhRow = dh + row * hidden + j
            store(load(dhRow, width: w) + upstream * z, dhRow, width: w)
          }
        }
      }
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
