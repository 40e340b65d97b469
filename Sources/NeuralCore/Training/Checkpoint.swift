import Foundation

/// All parameters of a model (and optionally its Adam state), with their names and shapes and
/// free-form text metadata, as one versioned little-endian binary file ending in a checksum.
///
/// Layout (version 1): magic `AGNETCKP`, u32 version, u32 flags (bit 0: optimizer state),
/// u32 metadata count and (key, value) strings sorted by key, u32 tensor count and per tensor
/// (name, u32 rows, u32 cols), u64 value count, the f32 values; with optimizer state: u64 step,
/// first moments, second moments; finally u64 FNV-1a-64 of every byte before it. Strings are
/// u32 length + UTF-8.
public struct Checkpoint: Equatable {
  public struct Entry: Equatable, Sendable {
    public var name: String
    public var rows: Int
    public var cols: Int
  }

  public struct OptimizerState: Equatable, Sendable {
    public var step: Int
    public var firstMoment: [Float]
    public var secondMoment: [Float]
  }

  public static let version: UInt32 = 1
  static let magic = Array("AGNETCKP".utf8)

  public var metadata: [String: String]
  public var entries: [Entry]
  public var values: [Float]
  public var optimizer: OptimizerState?

  /// A snapshot of `parameters` (and `optimizer`, when given).
  public init(parameters: ParameterStore, optimizer: Adam? = nil, metadata: [String: String] = [:]) {
    self.metadata = metadata
    entries = parameters.entries.map { Entry(name: $0.name, rows: $0.view.rows, cols: $0.view.cols) }
    values = parameters.allValues
    self.optimizer = optimizer.map { adam in
      let (first, second) = adam.moments
      return OptimizerState(step: adam.step, firstMoment: first, secondMoment: second)
    }
  }

  // MARK: Restoring

  /// Copies the values (and the optimizer state, when `optimizer` is given) into a model of the
  /// same parameter names and shapes; anything else is a `CheckpointError` naming `file`.
  public func restore(into parameters: ParameterStore, optimizer: Adam? = nil, file: String) throws {
    let expected = parameters.entries.map { Entry(name: $0.name, rows: $0.view.rows, cols: $0.view.cols) }
    if entries != expected {
      if let i = zip(entries, expected).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
        throw CheckpointError("parameter \(i + 1) is \(Checkpoint.describe(entries[i])) in the file but \(Checkpoint.describe(expected[i])) in the model", file: file)
      }
      throw CheckpointError("the file has \(entries.count) parameters, the model \(expected.count)", file: file)
    }
    _ = parameters.valueBuffer.update(from: values)
    guard let optimizer else { return }
    guard let state = self.optimizer else { throw CheckpointError("holds no optimizer state to resume from", file: file) }
    optimizer.restore(step: state.step, first: state.firstMoment, second: state.secondMoment)
  }

  static func describe(_ e: Entry) -> String { "'\(e.name)' \(e.rows)×\(e.cols)" }

  // MARK: Writing

  /// Writes the file atomically (a crash leaves the old file or the new one, never half).
  public func write(to url: URL) throws {
    do {
      try encoded().write(to: url, options: .atomic)
    } catch {
      throw CheckpointError("cannot write: \(error.localizedDescription)", file: url.path)
    }
  }

  /// The file's bytes (for a checkpoint kept inside another file, e.g. a search state).
  public func encoded() -> Data {
    var out = ByteWriter()
    out.bytes(Checkpoint.magic)
    out.u32(Checkpoint.version)
    out.u32(optimizer == nil ? 0 : 1)
    out.u32(UInt32(metadata.count))
    for key in metadata.keys.sorted() {
      out.string(key)
      out.string(metadata[key]!)
    }
    out.u32(UInt32(entries.count))
    for e in entries {
      out.string(e.name)
      out.u32(UInt32(e.rows))
      out.u32(UInt32(e.cols))
    }
    out.u64(UInt64(values.count))
    out.floats(values)
    if let state = optimizer {
      out.u64(UInt64(state.step))
      out.floats(state.firstMoment)
      out.floats(state.secondMoment)
    }
    out.u64(fnv1a64(out.data))
    return Data(out.data)
  }

  // MARK: Reading

  public init(contentsOf url: URL) throws {
    let file = url.path
    let data: Data
    do { data = try Data(contentsOf: url) } catch {
      throw CheckpointError("cannot read checkpoint: \(FileManager.default.fileExists(atPath: file) ? error.localizedDescription : "no such file")", file: file)
    }
    try self.init(encoded: data, file: file)
  }

  /// Reads the bytes `encoded()` wrote; errors name `file` (where the bytes came from).
  public init<Bytes: Collection>(encoded bytes: Bytes, file: String) throws where Bytes.Element == UInt8 {
    let data = [UInt8](bytes)
    guard data.count >= Checkpoint.magic.count + 8, Array(data.prefix(Checkpoint.magic.count)) == Checkpoint.magic else {
      throw CheckpointError("not an AGNet checkpoint", file: file)
    }
    let body = data.count - 8
    var stored: UInt64 = 0
    for i in 0..<8 { stored |= UInt64(data[body + i]) << (8 * UInt64(i)) }
    guard fnv1a64(data[..<body]) == stored else { throw CheckpointError("damaged checkpoint (checksum mismatch)", file: file) }
    var input = ByteReader(bytes: data[..<body], file: file)
    input.position = Checkpoint.magic.count
    let version = try input.u32()
    guard version == Checkpoint.version else {
      throw CheckpointError("checkpoint version \(version), this build reads version \(Checkpoint.version)", file: file)
    }
    let flags = try input.u32()
    var metadata: [String: String] = [:]
    for _ in 0..<(try input.u32()) {
      let key = try input.string()
      metadata[key] = try input.string()
    }
    var entries: [Entry] = []
    for _ in 0..<(try input.u32()) {
      entries.append(Entry(name: try input.string(), rows: Int(try input.u32()), cols: Int(try input.u32())))
    }
    let count = Int(try input.u64())
    guard count == entries.reduce(0, { $0 + $1.rows * $1.cols }) else {
      throw CheckpointError("value count \(count) does not match the parameter shapes", file: file)
    }
    self.metadata = metadata
    self.entries = entries
    values = try input.floats(count)
    if flags & 1 != 0 {
      let step = Int(try input.u64())
      optimizer = OptimizerState(step: step, firstMoment: try input.floats(count), secondMoment: try input.floats(count))
    }
    guard input.position == body else { throw CheckpointError("unexpected bytes after the checkpoint data", file: file) }
  }
}

/// FNV-1a, 64-bit: enough to catch truncation and flipped bytes (not an integrity seal). Also what
/// `agnet --version` prints as the content version of each shipped file.
public func fnv1a64<C: Collection>(_ bytes: C) -> UInt64 where C.Element == UInt8 {
  var hash: UInt64 = 0xCBF2_9CE4_8422_2325
  for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
  return hash
}

struct ByteWriter {
  var data: [UInt8] = []

  mutating func bytes(_ b: [UInt8]) { data.append(contentsOf: b) }
  mutating func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
  mutating func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
  mutating func string(_ s: String) {
    u32(UInt32(s.utf8.count))
    data.append(contentsOf: s.utf8)
  }
  mutating func floats(_ values: [Float]) {
    for v in values { u32(v.bitPattern) }
  }
}

struct ByteReader {
  let bytes: ArraySlice<UInt8>
  let file: String
  var position = 0

  init(bytes: ArraySlice<UInt8>, file: String) {
    self.bytes = bytes
    self.file = file
  }

  mutating func take(_ n: Int) throws -> ArraySlice<UInt8> {
    guard n >= 0, position + n <= bytes.count else { throw CheckpointError("truncated checkpoint", file: file) }
    defer { position += n }
    let start = bytes.startIndex + position
    return bytes[start..<(start + n)]
  }

  mutating func u32() throws -> UInt32 {
    try take(4).reversed().reduce(0) { $0 << 8 | UInt32($1) }
  }

  mutating func u64() throws -> UInt64 {
    try take(8).reversed().reduce(0) { $0 << 8 | UInt64($1) }
  }

  mutating func string() throws -> String {
    let length = Int(try u32())
    guard let s = String(bytes: try take(length), encoding: .utf8) else { throw CheckpointError("malformed text in checkpoint", file: file) }
    return s
  }

  mutating func floats(_ count: Int) throws -> [Float] {
    let raw = try take(count * 4)
    var result = [Float](repeating: 0, count: count)
    var i = raw.startIndex
    for k in 0..<count {
      result[k] = Float(bitPattern: UInt32(raw[i]) | UInt32(raw[i + 1]) << 8 | UInt32(raw[i + 2]) << 16 | UInt32(raw[i + 3]) << 24)
      i += 4
    }
    return result
  }
}
