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

#if arch(x86_64)
/// The two builds of the C kernels (baseline and AVX2+FMA) compute the same functions: they may
/// differ only by the rounding of fused multiply-adds.
final class KernelVariantTests: XCTestCase {
  var rng = Xoshiro256StarStar(seed: 21, stream: "kernel-variants")

  func randoms(_ count: Int, _ low: Float = -3, _ high: Float = 3) -> [Float] { (0..<count).map { _ in rng.uniform(low, high) } }

  func assertClose(_ a: [Float], _ b: [Float], _ what: String, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.count, b.count, what, file: file, line: line)
    let worst = zip(a, b).map { abs($0 - $1) / max(1, abs($0)) }.max() ?? 0
    XCTAssertLessThan(worst, 2e-6, what, file: file, line: line)
    XCTAssertTrue(a.allSatisfy(\.isFinite), what, file: file, line: line)
  }

  func testTheProcessUsesOneOfThem() {
    let variant = String(cString: agnet_kernels_variant())
    XCTAssertTrue(["avx2+fma", "baseline"].contains(variant), variant)
  }

  func testActivations() {
    let x = randoms(1_001, -20, 20)
    var a = [Float](repeating: 0, count: x.count), b = a
    agnet_sigmoid_map_baseline(x, &a, x.count)
    agnet_sigmoid_map_avx2(x, &b, x.count)
    assertClose(a, b, "sigmoid")
    agnet_tanh_map_baseline(x, &a, x.count)
    agnet_tanh_map_avx2(x, &b, x.count)
    assertClose(a, b, "tanh")
  }

  func testGRUGatesForwardAndBackward() {
    let (rows, hidden) = (37, 16)
    let (biasIH, biasHH, gh, hOld, dy) = (randoms(3 * hidden), randoms(3 * hidden), randoms(rows * 3 * hidden),
                                         randoms(rows * hidden), randoms(rows * hidden))
    let input = randoms(rows * 3 * hidden)
    var outputs: [[[Float]]] = []
    for (forward, backward) in [(agnet_gru_forward_baseline, agnet_gru_backward_baseline), (agnet_gru_forward_avx2, agnet_gru_backward_avx2)] {
      var gi = input, hNew = [Float](repeating: 0, count: rows * hidden), hiddenN = hNew
      var dgi = [Float](repeating: 0, count: rows * 3 * hidden), dgh = dgi, dh = hOld
      forward(rows, hidden, biasIH, biasHH, &gi, gh, hOld, &hNew, &hiddenN)
      backward(rows, hidden, gi, hiddenN, hOld, dy, &dgi, &dgh, &dh)
      outputs.append([gi, hNew, hiddenN, dgi, dgh, dh])
    }
    for (index, name) in ["activations", "h_new", "hidden_n", "dgi", "dgh", "dh"].enumerated() {
      assertClose(outputs[0][index], outputs[1][index], name)
    }
  }

  func testAdam() {
    let (count, values, gradients) = (1_003, randoms(1_003), randoms(1_003, -1, 1))
    var results: [[Float]] = []
    for adam in [agnet_adam_baseline, agnet_adam_avx2] {
      var p = values, m = [Float](repeating: 0, count: count), v = m
      for _ in 0..<5 { adam(&p, gradients, &m, &v, count, 0.9, 0.999, 1e-8, 1e-4, 1e-3) }
      results.append(p + m + v)
    }
    assertClose(results[0], results[1], "Adam parameters and moments")
  }
}
#endif
