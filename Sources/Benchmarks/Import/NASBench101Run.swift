import SearchSpaces

/// One record of the official NAS-Bench-101 file: one training run of one cell for one epoch
/// budget. The record's payload is the JSON array
/// `[module_hash, epochs, adjacency, ops, metrics]` (google-research/nasbench, `api.py`): the
/// hash as 32 hex digits, the budget as an integer, the V×V adjacency matrix as V² characters
/// '0'/'1' row by row, the V labels joined by commas (`input`, the ops, `output`), and a
/// base64-encoded `ModelMetrics` protobuf (`lib/model_metrics.proto`).
struct NASBench101Run: Equatable {
  struct Problem: Error {
    var message: String
  }

  var hash: MD5Digest
  var epochs: Int
  var vertexCount: Int
  /// Upper-triangular matrix as stored: edge x→y is bit y·(y−1)/2 + x.
  var adjacencyBits: UInt32
  /// Interior labels, 2 bits each (`NASBench101Op.rawValue`), vertex i at bits 2(i−1).
  var packedOps: UInt16
  var metrics: NASBench101ModelMetrics

  var ops: [NASBench101Op] {
    vertexCount > 2 ? (1...vertexCount - 2).map { NASBench101Op(rawValue: Int(packedOps >> UInt16(2 * ($0 - 1)) & 3))! } : []
  }

  /// Same cell structure as stored (the hash must then agree too).
  func hasSameStructure(as other: NASBench101Run) -> Bool {
    vertexCount == other.vertexCount && adjacencyBits == other.adjacencyBits && packedOps == other.packedOps
  }

  /// Parses a record's payload; `scratch` is reused for the decoded protobuf.
  static func parse(_ payload: UnsafeRawBufferPointer, scratch: inout [UInt8]) throws -> NASBench101Run {
    var json = JSONRow(payload)
    do {
      try json.expect(UInt8(ascii: "["), "the row must be a JSON array [hash, epochs, adjacency, ops, metrics]")
      let hash = try json.string("the module hash").withBytes { text in
        guard let hash = hexDigest(text) else { throw Problem(message: "module hash \(excerpt(text)) is not 32 hex digits") }
        return hash
      }
      try json.expect(UInt8(ascii: ","), "',' after the module hash")
      let epochs = try json.integer("the epoch budget")
      try json.expect(UInt8(ascii: ","), "',' after the epoch budget")
      let adjacency = try json.string("the adjacency matrix")
      try json.expect(UInt8(ascii: ","), "',' after the adjacency matrix")
      let labels = try json.string("the operations")
      try json.expect(UInt8(ascii: ","), "',' after the operations")
      let metricsText = try json.string("the metrics")
      try json.expect(UInt8(ascii: "]"), "']' after the metrics (the row has 5 elements)")
      try json.expectEnd()

      let (vertexCount, bits) = try adjacency.withBytes(matrix)
      let packedOps = try labels.withBytes { try operations($0, vertexCount: vertexCount) }
      try metricsText.withBytes { try Base64.decode($0, into: &scratch) }
      let metrics = try scratch.withUnsafeBytes { try NASBench101ModelMetrics.decode($0) }
      return NASBench101Run(hash: hash, epochs: epochs, vertexCount: vertexCount, adjacencyBits: bits,
                            packedOps: packedOps, metrics: metrics)
    } catch let problem as Base64.Problem {
      throw Problem(message: "the metrics field: \(problem.message)")
    } catch let problem as ProtobufReader.Problem {
      throw Problem(message: "the metrics field: \(problem.message)")
    } catch let problem as JSONRow.Problem {
      throw Problem(message: "not the JSON row [hash, epochs, adjacency, ops, metrics]: \(problem.message)")
    }
  }

  static func hexDigest(_ text: UnsafeRawBufferPointer) -> MD5Digest? {
    guard text.count == 32 else { return nil }
    var halves: (UInt64, UInt64) = (0, 0)
    for (index, char) in text.enumerated() {
      let nibble: UInt8
      switch char {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = char - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = char - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = char - UInt8(ascii: "A") + 10
      default: return nil
      }
      if index < 16 { halves.0 = halves.0 << 4 | UInt64(nibble) } else { halves.1 = halves.1 << 4 | UInt64(nibble) }
    }
    return MD5Digest(high: halves.0, low: halves.1)
  }

  /// The matrix text as a vertex count and upper-triangular bits.
  static func matrix(_ text: UnsafeRawBufferPointer) throws -> (Int, UInt32) {
    var n = 0
    while (n + 1) * (n + 1) <= text.count { n += 1 }
    guard n * n == text.count else {
      throw Problem(message: "the adjacency matrix has \(text.count) entries, which is not a square number: it is not square")
    }
    guard (2...NASBench101Cell.maxVertices).contains(n) else {
      throw Problem(message: "the adjacency matrix is \(n)×\(n); NAS-Bench-101 cells have 2…\(NASBench101Cell.maxVertices) vertices")
    }
    var bits: UInt32 = 0
    for row in 0..<n {
      for column in 0..<n {
        switch text[row * n + column] {
        case UInt8(ascii: "0"): continue
        case UInt8(ascii: "1"):
          guard row < column else {
            throw Problem(message: "the adjacency matrix is not upper-triangular: entry (\(row), \(column)) is 1")
          }
          bits |= 1 << UInt32(CellGraph.edgeIndex(from: row, to: column))
        case let other:
          throw Problem(message: "the adjacency matrix has \(Base64.describe(other)) at entry (\(row), \(column)); entries are '0' or '1'")
        }
      }
    }
    return (n, bits)
  }

  static let input = Array("input".utf8), output = Array("output".utf8)
  static let opNames = NASBench101Op.allCases.map { Array($0.name.utf8) }

  /// `input,op,…,output` as packed interior ops.
  static func operations(_ text: UnsafeRawBufferPointer, vertexCount: Int) throws -> UInt16 {
    var packed: UInt16 = 0
    var start = 0
    var vertex = 0
    while true {
      var end = start
      while end < text.count && text[end] != UInt8(ascii: ",") { end += 1 }
      let label = UnsafeRawBufferPointer(rebasing: text[start..<end])
      if vertex == 0 || end == text.count {
        guard label.elementsEqual(vertex == 0 ? input : output) else {
          throw Problem(message: "the operations \(excerpt(text)) must start with 'input' and end with 'output'")
        }
      } else {
        guard let op = opNames.firstIndex(where: { label.elementsEqual($0) }) else {
          throw Problem(message: "unknown operation \(excerpt(label)) at vertex \(vertex); NAS-Bench-101's are \(NASBench101Op.allCases.map(\.name).joined(separator: ", "))")
        }
        packed |= UInt16(op) << UInt16(2 * ((vertex - 1) & 7))
      }
      vertex += 1
      if end == text.count { break }
      start = end + 1
    }
    guard vertex == vertexCount else {
      throw Problem(message: "\(vertex) operations for a \(vertexCount)×\(vertexCount) adjacency matrix")
    }
    return packed
  }

  /// Record bytes quoted for a message, through `InputError.quoted` like every quoted input.
  static func excerpt<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String {
    InputError.quoted(String(decoding: bytes, as: UTF8.self))
  }
}

/// The values of one run that the importer keeps (fractions and seconds as stored).
struct NASBench101ModelMetrics: Equatable {
  var trainableParameters: Int
  /// `evaluation_data[2]`, the end of training.
  var validationAccuracy: Double
  var testAccuracy: Double
  var trainingTime: Double

  /// Decodes a `ModelMetrics` message. `api.py` reads `evaluation_data[1]` (halfway) and `[2]`
  /// (the end); a message with fewer than three evaluations, or whose final evaluation lacks one of
  /// the values kept here, is an error (protobuf would read a missing value as 0).
  static func decode(_ bytes: UnsafeRawBufferPointer) throws -> NASBench101ModelMetrics {
    var reader = ProtobufReader(bytes)
    var evaluations = 0
    var parameters: Int?
    var final: (validation: Double?, test: Double?, time: Double?) = (nil, nil, nil)
    while let (field, wireType) = try reader.nextField() {
      switch field {
      case 1:
        try ProtobufReader.expect(wireType, .lengthDelimited, field: "evaluation_data")
        let message = try reader.lengthDelimited()
        if evaluations == 2 { final = try finalEvaluation(message) } else { try skipEvaluation(message) }
        evaluations += 1
      case 2:
        try ProtobufReader.expect(wireType, .varint, field: "trainable_parameters")
        parameters = Int(Int32(truncatingIfNeeded: try reader.varint()))
      default:
        try reader.skip(wireType)
      }
    }
    guard evaluations >= 3 else {
      throw ProtobufReader.Problem(message: "ModelMetrics has \(evaluations) evaluation_data entries; NAS-Bench-101 stores 3 (start, halfway, end)")
    }
    guard let parameters else { throw ProtobufReader.Problem(message: "ModelMetrics has no trainable_parameters") }
    for (value, name) in [(final.validation, "validation_accuracy"), (final.test, "test_accuracy")] {
      guard let value else { throw ProtobufReader.Problem(message: "the final evaluation has no \(name)") }
      guard value >= 0 && value <= 1 else {
        throw ProtobufReader.Problem(message: "the final evaluation's \(name) \(value) is not a fraction in 0…1")
      }
    }
    guard let time = final.time else { throw ProtobufReader.Problem(message: "the final evaluation has no training_time") }
    guard time.isFinite && time >= 0 else { throw ProtobufReader.Problem(message: "the final evaluation's training_time \(time) is not a time") }
    return NASBench101ModelMetrics(trainableParameters: parameters, validationAccuracy: final.validation!,
                                   testAccuracy: final.test!, trainingTime: time)
  }

  private static func finalEvaluation(_ bytes: UnsafeRawBufferPointer) throws -> (Double?, Double?, Double?) {
    var reader = ProtobufReader(bytes)
    var result: (validation: Double?, test: Double?, time: Double?) = (nil, nil, nil)
    while let (field, wireType) = try reader.nextField() {
      switch field {
      case 2:
        try ProtobufReader.expect(wireType, .fixed64, field: "training_time")
        result.time = try reader.double()
      case 4:
        try ProtobufReader.expect(wireType, .fixed64, field: "validation_accuracy")
        result.validation = try reader.double()
      case 5:
        try ProtobufReader.expect(wireType, .fixed64, field: "test_accuracy")
        result.test = try reader.double()
      default:
        try reader.skip(wireType)
      }
    }
    return result
  }

  /// Walks an evaluation the importer does not keep, so that its wire format is checked too.
  private static func skipEvaluation(_ bytes: UnsafeRawBufferPointer) throws {
    var reader = ProtobufReader(bytes)
    while let (_, wireType) = try reader.nextField() { try reader.skip(wireType) }
  }
}
