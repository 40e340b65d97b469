import Foundation

// Losses per element or per group, left unreduced so callers can weight samples before
// `sum`/`mean` (per-sample weights are `scaleRows`).

extension Tape {
  /// Cross-entropy of softmax(logits) against class indices, for rows of `groups` consecutive
  /// blocks of `classes` logits (e.g. one block per node of a graph). `targets` holds
  /// rows·groups class indices, row-major. Result: rows × groups losses.
  public func softmaxCrossEntropy(_ logits: Tensor, targets: IndexList, classes: Int) -> Tensor {
    precondition(classes > 0 && logits.cols % classes == 0, "softmaxCrossEntropy: \(logits.cols) logits are not blocks of \(classes)")
    let groups = logits.cols / classes
    precondition(targets.count == logits.rows * groups, "softmaxCrossEntropy: \(targets.count) targets for \(logits.rows * groups) groups")
    let y = output(rows: logits.rows, cols: groups, needsGrad: logits.grad != nil)
    // Softmax probabilities, kept for backward.
    let probabilities = scratch(logits.count)
    for g in 0..<(logits.rows * groups) {
      let (l, p) = (logits.value + g * classes, probabilities + g * classes)
      let target = targets[g]
      precondition(target >= 0 && target < classes, "softmaxCrossEntropy: class \(target) outside 0..<\(classes)")
      var top = l[0]
      for c in 1..<classes { top = max(top, l[c]) }
      var total: Float = 0
      for c in 0..<classes {
        p[c] = fastExp(l[c] - top)
        total += p[c]
      }
      let inverse = 1 / total
      for c in 0..<classes { p[c] *= inverse }
      y.value[g] = Foundation.log(total) + top - l[target]
    }
    guard let dy = y.grad, let dl = logits.grad else { return y }
    record {
      for g in 0..<(logits.rows * groups) {
        let (d, p, upstream) = (dl + g * classes, probabilities + g * classes, dy[g])
        for c in 0..<classes { d[c] += upstream * p[c] }
        d[targets[g]] -= upstream
      }
    }
    return y
  }

  /// Binary cross-entropy of sigmoid(logits) against targets in [0, 1], elementwise, in the
  /// stable form max(x, 0) − x·t + log(1 + e^{−|x|}).
  public func bceWithLogits(_ logits: Tensor, targets: Tensor) -> Tensor {
    precondition(logits.rows == targets.rows && logits.cols == targets.cols, "bceWithLogits: logits and targets differ in shape")
    let y = output(rows: logits.rows, cols: logits.cols, needsGrad: logits.grad != nil || targets.grad != nil)
    let count = y.count
    for i in 0..<count {
      let (x, t) = (logits.value[i], targets.value[i])
      y.value[i] = max(x, 0) - x * t + Foundation.log1p(fastExp(-abs(x)))
    }
    guard let dy = y.grad else { return y }
    record {
      if let dx = logits.grad { for i in 0..<count { dx[i] += dy[i] * (fastSigmoid(logits.value[i]) - targets.value[i]) } }
      if let dt = targets.grad { for i in 0..<count { dt[i] -= dy[i] * logits.value[i] } }
    }
    return y
  }

  /// (a − b)², elementwise.
  public func squaredError(_ a: Tensor, _ b: Tensor) -> Tensor {
    precondition(a.rows == b.rows && a.cols == b.cols, "squaredError: shapes differ")
    let y = output(rows: a.rows, cols: a.cols, needsGrad: a.grad != nil || b.grad != nil)
    let count = y.count
    for i in 0..<count {
      let d = a.value[i] - b.value[i]
      y.value[i] = d * d
    }
    guard let dy = y.grad else { return y }
    record {
      for i in 0..<count {
        let g = 2 * dy[i] * (a.value[i] - b.value[i])
        if let da = a.grad { da[i] += g }
        if let db = b.grad { db[i] -= g }
      }
    }
    return y
  }
}
