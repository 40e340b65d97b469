import CKernels
import Foundation

/// Adam over a whole `ParameterStore` in one loop, with PyTorch's `torch.optim.Adam` semantics:
/// weight decay is L2 (added to the gradient), moments are bias-corrected, and the update is
/// `p −= lr/(1−β1^t) · m / (√v/√(1−β2^t) + ε)`.
public final class Adam {
  public let parameters: ParameterStore
  public var learningRate: Float
  public var beta1: Float
  public var beta2: Float
  public var epsilon: Float
  public var weightDecay: Float
  /// Updates taken so far (t in the bias corrections).
  public internal(set) var step = 0
  let firstMoment: UnsafeMutablePointer<Float>
  let secondMoment: UnsafeMutablePointer<Float>
  let count: Int

  /// The store must be complete: parameters registered later are not optimised.
  public init(parameters: ParameterStore, learningRate: Float = 1e-3, betas: (Float, Float) = (0.9, 0.999),
              epsilon: Float = 1e-8, weightDecay: Float = 0) {
    self.parameters = parameters
    self.learningRate = learningRate
    (beta1, beta2) = betas
    self.epsilon = epsilon
    self.weightDecay = weightDecay
    count = parameters.count
    firstMoment = .allocate(capacity: max(count, 1))
    secondMoment = .allocate(capacity: max(count, 1))
    firstMoment.initialize(repeating: 0, count: count)
    secondMoment.initialize(repeating: 0, count: count)
  }

  deinit {
    firstMoment.deallocate()
    secondMoment.deallocate()
  }

  /// One update from the gradients in the store (which are left as they are).
  public func update() {
    precondition(parameters.count == count, "Adam was built before all parameters were registered")
    step += 1
    let t = Float(step)
    // lr/(1−β1^t) · m / (√v/√(1−β2^t) + ε), with √(1−β2^t) moved out of the denominator so the
    // loop has one multiply fewer per parameter.
    let rootCorrection2 = (1 - Float(Foundation.pow(Double(beta2), Double(t)))).squareRoot()
    let stepSize = learningRate / (1 - Float(Foundation.pow(Double(beta1), Double(t)))) * rootCorrection2
    agnet_adam(parameters.values, parameters.gradients, firstMoment, secondMoment, count, beta1, beta2,
               epsilon * rootCorrection2, weightDecay, stepSize)
  }

  /// The moments, for checkpoints.
  public var moments: (first: [Float], second: [Float]) {
    (Array(UnsafeBufferPointer(start: firstMoment, count: count)), Array(UnsafeBufferPointer(start: secondMoment, count: count)))
  }

  public func restore(step: Int, first: [Float], second: [Float]) {
    precondition(first.count == count && second.count == count, "Adam state of another size")
    self.step = step
    first.withUnsafeBufferPointer { firstMoment.update(from: $0.baseAddress!, count: count) }
    second.withUnsafeBufferPointer { secondMoment.update(from: $0.baseAddress!, count: count) }
  }
}
