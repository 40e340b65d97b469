import SearchSpaces

/// Writes NAS-Bench-101 records in the official file's format (TFRecord framing, the JSON row,
/// base64 of a `ModelMetrics` protobuf), byte for byte as Python's `json.dumps`, `base64` and
/// protobuf serialisation produce them. The test fixtures and `agnet bench import` are made with
/// it; the importer itself never uses it.
public struct NASBench101RecordWriter {
  /// One `EvaluationData`; nil fields are left out of the message.
  public struct Evaluation: Sendable {
    public var currentEpoch: Double?
    public var trainingTime: Double?
    public var trainAccuracy: Double?
    public var validationAccuracy: Double?
    public var testAccuracy: Double?

    public init(currentEpoch: Double? = nil, trainingTime: Double? = nil, trainAccuracy: Double? = nil,
                validationAccuracy: Double? = nil, testAccuracy: Double? = nil) {
      self.currentEpoch = currentEpoch
      self.trainingTime = trainingTime
      self.trainAccuracy = trainAccuracy
      self.validationAccuracy = validationAccuracy
      self.testAccuracy = testAccuracy
    }
  }

  /// One training run of one cell.
  public struct Run: Sendable {
    public var hash: String
    public var epochs: Int
    public var vertexCount: Int
    /// Upper-triangular, edge x→y at bit y·(y−1)/2 + x.
    public var adjacencyBits: Int
    public var ops: [NASBench101Op]
    public var trainableParameters: Int32
    /// `evaluation_data`: start, halfway, end.
    public var evaluations: [Evaluation]

    public init(hash: String, epochs: Int, vertexCount: Int, adjacencyBits: Int, ops: [NASBench101Op],
                trainableParameters: Int32, evaluations: [Evaluation]) {
      self.hash = hash
      self.epochs = epochs
      self.vertexCount = vertexCount
      self.adjacencyBits = adjacencyBits
      self.ops = ops
      self.trainableParameters = trainableParameters
      self.evaluations = evaluations
    }

    /// A run of `cell` as stored (its matrix, ops and hash).
    public init(cell: NASBench101Cell, epochs: Int, trainableParameters: Int32, evaluations: [Evaluation]) {
      self.init(hash: cell.fingerprint.hex, epochs: epochs, vertexCount: cell.vertexCount, adjacencyBits: cell.adjacencyBits,
                ops: cell.ops, trainableParameters: trainableParameters, evaluations: evaluations)
    }
  }

  /// The file so far.
  public private(set) var bytes: [UInt8] = []

  public init() {}

  public mutating func append(_ run: Run) { append(record: Self.payload(of: run)) }

  /// Frames `payload` as one record.
  public mutating func append(record payload: [UInt8]) {
    let length = UInt64(payload.count).littleEndian
    let header = withUnsafeBytes(of: length) { Array($0) }
    bytes += header
    appendUInt32(CRC32C.masked(CRC32C.checksum(header)))
    bytes += payload
    appendUInt32(CRC32C.masked(CRC32C.checksum(payload)))
  }

  private mutating func appendUInt32(_ value: UInt32) {
    withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
  }

  /// The JSON row of a run, as `json.dumps([hash, epochs, adjacency, ops, metrics])` writes it.
  public static func payload(of run: Run) -> [UInt8] {
    var matrix = ""
    for row in 0..<run.vertexCount {
      for column in 0..<run.vertexCount {
        matrix += row < column && run.adjacencyBits >> CellGraph.edgeIndex(from: row, to: column) & 1 == 1 ? "1" : "0"
      }
    }
    let labels = (["input"] + run.ops.map(\.name) + ["output"]).joined(separator: ",")
    let metrics = String(decoding: Base64.encode(modelMetrics(of: run)), as: UTF8.self)
    return Array("[\"\(run.hash)\", \(run.epochs), \"\(matrix)\", \"\(labels)\", \"\(metrics)\"]".utf8)
  }

  /// The serialised `ModelMetrics`: fields in number order, as protobuf writes them.
  public static func modelMetrics(of run: Run) -> [UInt8] {
    var message = ProtobufWriter()
    for evaluation in run.evaluations {
      var data = ProtobufWriter()
      let fields = [evaluation.currentEpoch, evaluation.trainingTime, evaluation.trainAccuracy,
                    evaluation.validationAccuracy, evaluation.testAccuracy]
      for (k, value) in fields.enumerated() {
        if let value { data.double(UInt64(k + 1), value) }
      }
      message.message(1, data.bytes)
    }
    message.int32(2, run.trainableParameters)
    return message.bytes
  }
}
