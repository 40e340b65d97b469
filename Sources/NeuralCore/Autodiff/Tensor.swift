/// A 2-D row-major block of Floats (rows = samples or nodes, columns = features) recorded on a
/// `Tape`, or a view of parameters in a `ParameterStore`.
///
/// A tensor is a pair of raw pointers: it is valid until its tape is reset (or, for a parameter,
/// until more parameters are registered). `grad` is nil for constants: values that need no
/// gradient (inputs, targets, anything computed only from constants).
public struct Tensor {
  public let rows: Int
  public let cols: Int
  public let value: UnsafeMutablePointer<Float>
  public let grad: UnsafeMutablePointer<Float>?

  @inlinable
  public init(rows: Int, cols: Int, value: UnsafeMutablePointer<Float>, grad: UnsafeMutablePointer<Float>?) {
    self.rows = rows
    self.cols = cols
    self.value = value
    self.grad = grad
  }

  @inlinable public var count: Int { rows * cols }
  @inlinable public var isConstant: Bool { grad == nil }

  @inlinable
  public subscript(row: Int, col: Int) -> Float { value[row * cols + col] }

  /// A copy of the values, row-major.
  public var values: [Float] { Array(UnsafeBufferPointer(start: value, count: count)) }

  /// A copy of the accumulated gradient (nil for constants).
  public var gradients: [Float]? { grad.map { Array(UnsafeBufferPointer(start: $0, count: count)) } }
}
