import Foundation
import Randomness
import CKernels
import XCTest
@testable import NeuralCore

final class KernelTests: XCTestCase {
  /// BLAS and the Swift SIMD loops agree on every transpose combination, with leading
  /// dimensions wider than the matrices, alpha ≠ 1 and both beta = 0 (C not read) and beta ≠ 0.
  func testBLASAndSwiftGemmAgree() {
    var rng = Xoshiro256StarStar(seed: 11)
    for (m, n, k) in [(1, 1, 1), (5, 7, 3), (33, 17, 19), (64, 48, 32)] {
      for transposeA in [false, true] {
        for transposeB in [false, true] {
          for beta: Float in [0, 0.5] {
            let (aRows, aCols) = transposeA ? (k, m) : (m, k)
            let (bRows, bCols) = transposeB ? (n, k) : (k, n)
            let (lda, ldb, ldc) = (aCols + 2, bCols + 1, n + 3)
            let a = (0..<(aRows * lda)).map { _ in rng.uniform(-1, 1) }
            let b = (0..<(bRows * ldb)).map { _ in rng.uniform(-1, 1) }
            let c0 = (0..<(m * ldc)).map { _ in beta == 0 ? Float.nan : rng.uniform(-1, 1) }
            var results: [[Float]] = []
            for backend in MatmulBackend.allCases {
              var c = c0
              backend.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: 1.5, a: a, lda: lda,
                           b: b, ldb: ldb, beta: beta, c: &c, ldc: ldc)
              results.append(c)
            }
            // Reference in Double.
            for i in 0..<m {
              for j in 0..<n {
                var total = 0.0
                for p in 0..<k {
                  let av = transposeA ? a[p * lda + i] : a[i * lda + p]
                  let bv = transposeB ? b[j * ldb + p] : b[p * ldb + j]
                  total += Double(av) * Double(bv)
                }
                let expected = 1.5 * total + (beta == 0 ? 0 : Double(beta) * Double(c0[i * ldc + j]))
                for r in results { XCTAssertEqual(Double(r[i * ldc + j]), expected, accuracy: 1e-4 * max(1, abs(expected))) }
              }
            }
          }
        }
      }
    }
  }

  func testFastExpRelativeError() {
    var worst = 0.0
    var x: Float = -87
    while x <= 88 {
      let exact = Foundation.exp(Double(x))
      worst = max(worst, abs(Double(fastExp(x)) - exact) / exact)
      x += 0.001_37
    }
    XCTAssertLessThan(worst, 3e-7)
  }

  /// Both faces: the scalar functions and the vectorised maps the sigmoid/tanh ops use (which
  /// may be the AVX2+FMA build, so they are checked against the exact values, not the scalars).
  func testFastSigmoidAndTanhAbsoluteError() {
    let xs = stride(from: Float(-60), through: 60, by: 0.000_91).map { $0 }
    var sigmoids = [Float](repeating: 0, count: xs.count), tanhs = sigmoids
    agnet_sigmoid_map(xs, &sigmoids, xs.count)
    agnet_tanh_map(xs, &tanhs, xs.count)
    var worstSigmoid = 0.0, worstTanh = 0.0
    for (i, x) in xs.enumerated() {
      let (d, sigmoid, tanh) = (Double(x), 1 / (1 + Foundation.exp(-Double(x))), Foundation.tanh(Double(x)))
      worstSigmoid = max(worstSigmoid, abs(Double(fastSigmoid(x)) - sigmoid), abs(Double(sigmoids[i]) - sigmoid))
      worstTanh = max(worstTanh, abs(Double(fastTanh(x)) - tanh), abs(Double(tanhs[i]) - Foundation.tanh(d)))
    }
    XCTAssertLessThan(worstSigmoid, 3e-7)
    XCTAssertLessThan(worstTanh, 3e-7)
    XCTAssertEqual(fastTanh(200), 1)
    XCTAssertEqual(fastTanh(-200), -1)
    XCTAssertEqual(fastSigmoid(-200), 0, accuracy: 1e-30)
  }
}
