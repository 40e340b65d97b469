import ArgumentParser
import Timing
import Foundation
import AGNet
import CKernels
import NeuralCore

/// `agnet bench neural`: speed of the autodiff core.
struct BenchNeuralCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "neural",
    abstract: "Time the autodiff core: a GRU message-passing layer, an Adam step, matrix multiplies.",
    discussion: """
      Prints one line of medians in microseconds:
        gru_layer_us    forward + backward of one GRU message-passing layer (64 graphs × 8 nodes,
                        messages Linear(32→32), GRUCell(32→16)); target ≤ 300
        adam_50k_us     one Adam step over 50,000 parameters; target ≤ 30
        gru_layer_swift_us, matmul_blas_us, matmul_swift_us   the same layer on the pure-Swift
                        matmul, and a 512×32·32×48 product on each backend (the BLAS figures
                        read n/a when OpenBLAS is not installed)
        pretrain_nb201_samples_per_s   generator pretraining throughput (NAS-Bench-201, batch
                        32 in two concurrent halves); target ≥ 10,000 on 2 free cores
        pretrain_nb201_cpu_us_per_sample   process CPU time per pretraining sample (steadier
                        than wall time when other work shares the machine)
        kernels         which build of the C kernels ran: avx2+fma or baseline
                        (AGNET_KERNELS=baseline forces the baseline)
        matmul          the matmul path that gru_layer_us and the pretraining ran on: openblas
                        when OpenBLAS is installed, else swift (AGNET_MATMUL=swift forces it)
      Build in release first: swift build -c release --product agnet

      Examples:
        agnet bench neural
        agnet bench neural --repetitions 1000
      """)

  @Option(help: "Timed runs per measurement (the median is printed).")
  var repetitions = 300

  func validate() throws {
    guard repetitions > 0 else { throw ValidationError("--repetitions must be positive") }
  }

  func run() throws {
    let matmul = MatmulBackend.preferred
    let gru = NeuralTiming.gruLayerMicroseconds(repetitions: repetitions, backend: matmul)
    let adam = NeuralTiming.adamMicroseconds(repetitions: 5 * repetitions)
    let gruSwift = NeuralTiming.gruLayerMicroseconds(repetitions: repetitions, backend: .swift)
    let blas = MatmulBackend.isBLASAvailable ? NeuralTiming.matmulMicroseconds(backend: .blas, repetitions: 5 * repetitions) : nil
    let swift = NeuralTiming.matmulMicroseconds(backend: .swift, repetitions: 5 * repetitions)
    let pretraining = PretrainingTiming.nasBench201()
    func format(_ v: Double?) -> String { v.map { String(format: "%.1f", $0) } ?? "n/a" }
    print("gru_layer_us=\(format(gru)) adam_50k_us=\(format(adam)) gru_layer_swift_us=\(format(gruSwift)) matmul_blas_us=\(format(blas)) matmul_swift_us=\(format(swift))"
          + " pretrain_nb201_samples_per_s=\(String(format: "%.0f", pretraining.samplesPerSecond)) pretrain_nb201_cpu_us_per_sample=\(format(pretraining.cpuMicrosecondsPerSample))"
          + " kernels=\(String(cString: agnet_kernels_variant())) matmul=\(matmul.implementation)")
  }
}
