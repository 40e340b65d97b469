/// A ridge regression of a cost on the cell encoding `y` (node one-hots and edge bits), fitted on
/// every queried cell with equal weight: what robust `agnet-hw` uses to decide whether a candidate
/// is within the bound (see `HardwareAwareConfiguration.CostModel`).
///
/// Why not the predictor's cost head: that head sees the generator's logits, not the cell that is
/// sampled from them, and it is trained on the rank-weighted draws, which almost never include a
/// cell over the bound; so near the bound it cannot tell the sides apart. Device latencies of
/// NAS-Bench-201 cells are close to a sum of per-operation costs (HW-NAS-Bench's FPGA and Eyeriss
/// exactly, the measured phone and Raspberry Pi up to about 11 % unexplained variance), which a
/// linear model of the encoding captures from few cells.
struct CostSurrogate {
  /// Coefficients of the encoding's entries, then the intercept.
  let coefficients: [Double]
  /// Root mean square of the leave-one-out residuals: how far a new cell's cost may be from its
  /// prediction (0 with fewer than two cells).
  let leaveOneOutError: Double
  /// The step of the grid the fitted costs lie on (coarse tables store whole or half milliseconds),
  /// in their units; 0 when they do not lie on one, or when `gridAware` was false.
  let resolution: Double

  /// The ridge penalty on every coefficient (the intercept too; the costs the optimizer fits are
  /// scaled to about 1, the encodings are 0/1).
  static let ridge = 1e-3

  /// Fits `costs[i] ≈ w·encodings[i] + b`. With `gridAware`, costs on a grid widen the selection
  /// bound by half a step (`selectionBound`); without, the surrogate is the one of the build before
  /// that change.
  init(encodings: [[Float]], costs: [Double], gridAware: Bool = true) {
    precondition(!encodings.isEmpty && encodings.count == costs.count, "a cost surrogate needs one cost per encoding")
    let rows = encodings.map { $0.map(Double.init) + [1] }
    let width = rows[0].count
    var gram = [Double](repeating: 0, count: width * width)
    var moment = [Double](repeating: 0, count: width)
    for (row, cost) in zip(rows, costs) {
      for i in 0..<width where row[i] != 0 {
        moment[i] += row[i] * cost
        for j in 0..<width where row[j] != 0 { gram[i * width + j] += row[i] * row[j] }
      }
    }
    for i in 0..<width { gram[i * width + i] += CostSurrogate.ridge }
    let factor = CostSurrogate.cholesky(gram, width: width)
    coefficients = CostSurrogate.solve(factor, width: width, moment)
    // Leave-one-out residual of a linear smoother: e_i / (1 − h_ii), h_ii = x_iᵀ (XᵀX + λI)⁻¹ x_i.
    var squares = 0.0
    for (row, cost) in zip(rows, costs) {
      let leverage = zip(row, CostSurrogate.solve(factor, width: width, row)).reduce(0) { $0 + $1.0 * $1.1 }
      let residual = (cost - zip(row, coefficients).reduce(0) { $0 + $1.0 * $1.1 }) / max(1 - leverage, 1e-6)
      squares += residual * residual
    }
    leaveOneOutError = rows.count > 1 ? (squares / Double(rows.count)).squareRoot() : 0
    resolution = gridAware ? CostSurrogate.gridStep(costs) : 0
  }

  /// The smallest gap between two distinct costs when every cost is a whole multiple of it (to 10⁻⁶
  /// of the gap), else 0. Told costs of a coarse table show its step after a few cells; a
  /// float-valued column gives 0 or a step far below the tie floor, which `selectionBound` ignores.
  static func gridStep(_ costs: [Double]) -> Double {
    let values = Set(costs).sorted()
    guard let step = zip(values, values.dropFirst()).map({ $1 - $0 }).min(), step > 0 else { return 0 }
    return values.allSatisfy { abs(($0 / step).rounded() - $0 / step) <= 1e-6 } ? step : 0
  }

  /// The least slack `selectionBound` gives, relative to the bound. The ridge penalty shrinks the
  /// fit, so even an exactly additive cost (HW-NAS-Bench's FPGA) is predicted a few
  /// leave-one-out errors off (up to 3.4 of them on 64 cells, about 3e-4 of the cost): without
  /// this floor, half the cells tied at the bound would be predicted just over it.
  static let tieTolerance = 1e-3

  /// The bound candidates' predictions are held to: `bound` (in the fitted costs' units) plus
  /// `margin` leave-one-out errors, and at least `tieTolerance`·|bound|, so that cells whose cost
  /// the fit cannot tell from the bound's stay eligible.
  ///
  /// On a grid of step s (`resolution`, when s/2 is above that floor): `bound` + s/2 + `margin` ×
  /// the error left once the rounding's share (s²/12, a uniform error over one step) is taken out
  /// of the leave-one-out error. A cell exactly on a bound on the grid has its unrounded cost
  /// anywhere in the step that ends (rounding up) or is centred (rounding to nearest) at the bound,
  /// and a linear fit of the rounded costs predicts the unrounded cost plus the step's mean offset,
  /// so anything up to the bound + s/2; held to the bound + `margin` errors, the on-bound cells
  /// whose unrounded cost is near the top of their step, the most accurate ones, were predicted
  /// over it (docs/hardware-aware.md, "Cells on the bound").
  func selectionBound(_ bound: Double, margin: Double) -> Double {
    let tieFloor = CostSurrogate.tieTolerance * abs(bound)
    guard resolution / 2 > tieFloor else { return bound + max(margin * leaveOneOutError, tieFloor) }
    let rounding = resolution * resolution / 12
    return bound + resolution / 2 + margin * max(0, leaveOneOutError * leaveOneOutError - rounding).squareRoot()
  }

  func predict(_ encoding: [Float]) -> Double {
    zip(encoding, coefficients).reduce(coefficients[coefficients.count - 1]) { $0 + Double($1.0) * $1.1 }
  }

  /// The lower-triangular L with L·Lᵀ = the symmetric positive definite `matrix` (row-major).
  private static func cholesky(_ matrix: [Double], width n: Int) -> [Double] {
    var l = [Double](repeating: 0, count: n * n)
    for i in 0..<n {
      for j in 0...i {
        var sum = matrix[i * n + j]
        for k in 0..<j { sum -= l[i * n + k] * l[j * n + k] }
        l[i * n + j] = i == j ? sum.squareRoot() : sum / l[j * n + j]
      }
    }
    return l
  }

  /// x with L·Lᵀ·x = b.
  private static func solve(_ l: [Double], width n: Int, _ b: [Double]) -> [Double] {
    var y = b
    for i in 0..<n {
      for k in 0..<i { y[i] -= l[i * n + k] * y[k] }
      y[i] /= l[i * n + i]
    }
    for i in stride(from: n - 1, through: 0, by: -1) {
      for k in (i + 1)..<n { y[i] -= l[k * n + i] * y[k] }
      y[i] /= l[i * n + i]
    }
    return y
  }
}
