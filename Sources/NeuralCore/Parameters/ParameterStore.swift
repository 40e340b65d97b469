/// Where a named parameter sits in a `ParameterStore`'s flat buffer.
public struct ParameterView: Hashable, Sendable {
  public let offset: Int
  public let rows: Int
  public let cols: Int
  @inlinable public var count: Int { rows * cols }
}

/// All trainable parameters of a model in one flat Float buffer, with a gradient buffer of the
/// same layout, so that Adam and checkpoints are one loop over one array.
///
/// Register every parameter first (names are unique; registration order is the file order of a
/// checkpoint), then train. Registering moves the buffers, so tensors taken before are stale.
public final class ParameterStore {
  public struct Entry: Hashable, Sendable {
    public let name: String
    public let view: ParameterView
  }

  public private(set) var entries: [Entry] = []
  public private(set) var count = 0
  public private(set) var values: UnsafeMutablePointer<Float>
  public private(set) var gradients: UnsafeMutablePointer<Float>
  private var capacity: Int
  private var indexByName: [String: Int] = [:]

  public init() {
    capacity = 1024
    values = .allocate(capacity: capacity)
    gradients = .allocate(capacity: capacity)
  }

  deinit {
    values.deallocate()
    gradients.deallocate()
  }

  /// Adds a zero-initialised `rows × cols` parameter called `name`.
  public func register(_ name: String, rows: Int, cols: Int) -> ParameterView {
    precondition(indexByName[name] == nil, "parameter '\(name)' registered twice")
    precondition(rows > 0 && cols > 0, "parameter '\(name)' needs a positive shape")
    let view = ParameterView(offset: count, rows: rows, cols: cols)
    if count + view.count > capacity {
      let newCapacity = max(2 * capacity, count + view.count)
      let newValues = UnsafeMutablePointer<Float>.allocate(capacity: newCapacity)
      let newGradients = UnsafeMutablePointer<Float>.allocate(capacity: newCapacity)
      newValues.update(from: values, count: count)
      newGradients.update(from: gradients, count: count)
      values.deallocate()
      gradients.deallocate()
      values = newValues
      gradients = newGradients
      capacity = newCapacity
    }
    (values + count).initialize(repeating: 0, count: view.count)
    (gradients + count).initialize(repeating: 0, count: view.count)
    indexByName[name] = entries.count
    entries.append(Entry(name: name, view: view))
    count += view.count
    return view
  }

  public subscript(name: String) -> ParameterView? { indexByName[name].map { entries[$0].view } }

  public func zeroGradients() { gradients.update(repeating: 0, count: count) }

  public var valueBuffer: UnsafeMutableBufferPointer<Float> { UnsafeMutableBufferPointer(start: values, count: count) }
  public var gradientBuffer: UnsafeMutableBufferPointer<Float> { UnsafeMutableBufferPointer(start: gradients, count: count) }

  public func values(of view: ParameterView) -> [Float] {
    Array(UnsafeBufferPointer(start: values + view.offset, count: view.count))
  }

  public func setValues(_ newValues: [Float], of view: ParameterView) {
    precondition(newValues.count == view.count, "value count does not match the parameter's shape")
    newValues.withUnsafeBufferPointer { (values + view.offset).update(from: $0.baseAddress!, count: view.count) }
  }

  /// All parameter values, in registration order.
  public var allValues: [Float] { Array(valueBuffer) }
}
