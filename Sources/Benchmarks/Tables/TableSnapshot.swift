import Foundation
import SearchSpaces
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A NAS-Bench-201 table as loaded (cells, columns, metrics, notes, fingerprint), saved in binary
/// in an ask/tell run's directory: every `agnet ask`/`tell` is a process of its own, and parsing
/// the 3.6 MB CSV and hashing its cells again was a third of each call's start-up.
///
/// A snapshot is a copy, never a source: it is used only when it is intact (magic, format
/// version, length, checksum over the payload) and its `key` equals the key of the files as they
/// are now (their paths and each one's device, inode, size and modification time to the
/// nanosecond, the dataset and whether costs are joined). Otherwise it is ignored and the CSV is
/// read as without one, so a changed table is judged, and refused by a run, exactly as before;
/// the caller then saves a fresh snapshot in its place.
public enum TableSnapshot {
  static let magic = Array("AGNTBL01".utf8)
  static let formatVersion: UInt32 = 1

  /// The key of a table read from `files` (nil entries: optional files that are absent), or nil
  /// when a file cannot be examined (then no snapshot is used or saved).
  static func key(_ parameters: String, files: [URL?]) -> String? {
    var key = parameters
    for file in files {
      guard let file else {
        key += "|absent"
        continue
      }
      var info = stat()
      guard stat(file.path, &info) == 0 else { return nil }
      #if canImport(Darwin)
      let modified = info.st_mtimespec
      #else
      let modified = info.st_mtim
      #endif
      key += "|\(file.path):\(info.st_dev):\(info.st_ino):\(info.st_size):\(modified.tv_sec).\(modified.tv_nsec)"
    }
    return key
  }

  /// The table saved at `url` under `key`; nil when there is none, it is damaged, of another
  /// format, or was made from other files (never an error: the caller reads the CSV instead).
  static func read(_ url: URL, key: String) -> TabularBenchmark<NASBench201Space>? {
    guard let data = try? Data(contentsOf: url) else { return nil }
    return data.withUnsafeBytes { raw -> TabularBenchmark<NASBench201Space>? in
      var reader = Reader(bytes: raw.bindMemory(to: UInt8.self))
      guard reader.bytes(magic.count).map(Array.init) == magic, reader.u32() == formatVersion,
            let length = reader.u64(), let checksum = reader.u64(),
            length == UInt64(reader.remaining), fnv1a(reader.rest) == checksum,
            reader.string() == key,
            let name = reader.string(), let source = reader.string(), let searchMetric = reader.string(),
            let hasReport = reader.u32(), hasReport <= 1 else { return nil }
      var reportMetric: String?
      if hasReport == 1 {
        guard let metric = reader.string() else { return nil }
        reportMetric = metric
      }
      guard let notes = reader.strings(), let columnNames = reader.strings(),
            let count = reader.u32().map(Int.init), count <= NASBench201Cell.cellCount else { return nil }
      var cells: [NASBench201Cell] = []
      cells.reserveCapacity(count)
      for _ in 0..<count {
        guard let code = reader.u32().map(Int.init), code < NASBench201Cell.cellCount else { return nil }
        cells.append(NASBench201Cell(code: code))
      }
      var columns: [String: [Double]] = [:]
      for column in columnNames {
        var values: [Double] = []
        values.reserveCapacity(count)
        for _ in 0..<count {
          guard let bits = reader.u64() else { return nil }
          values.append(Double(bitPattern: bits))
        }
        columns[column] = values
      }
      guard let fingerprint = reader.string(), reader.remaining == 0 else { return nil }
      return try? TabularBenchmark(space: NASBench201Space(), name: name, source: source, cells: cells,
                                   columnNames: columnNames, columns: columns, searchMetric: searchMetric,
                                   reportMetric: reportMetric, notes: notes, fingerprint: fingerprint)
    }
  }

  /// Saves `table` at `url` under `key`, atomically. A snapshot that cannot be written is left
  /// out: it only saves time, and the next call reads the CSV.
  static func write(_ table: TabularBenchmark<NASBench201Space>, key: String, to url: URL) {
    var payload: [UInt8] = []
    payload.reserveCapacity(table.count * (4 + 8 * table.columnNames.count) + 4096)
    func u32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { payload.append(contentsOf: $0) } }
    func u64(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { payload.append(contentsOf: $0) } }
    func string(_ text: String) {
      u32(UInt32(text.utf8.count))
      payload.append(contentsOf: text.utf8)
    }
    func strings(_ texts: [String]) {
      u32(UInt32(texts.count))
      texts.forEach(string)
    }
    string(key)
    string(table.name)
    string(table.source)
    string(table.searchMetric)
    u32(table.reportMetric == nil ? 0 : 1)
    table.reportMetric.map(string)
    strings(table.notes)
    strings(table.columnNames)
    u32(UInt32(table.count))
    for cell in table.cells { u32(UInt32(cell.code)) }
    for column in table.columnNames {
      for value in try! table.column(column) { u64(value.bitPattern) }
    }
    string(table.fingerprint)

    var file = magic
    withUnsafeBytes(of: formatVersion.littleEndian) { file.append(contentsOf: $0) }
    withUnsafeBytes(of: UInt64(payload.count).littleEndian) { file.append(contentsOf: $0) }
    let checksum = payload.withUnsafeBufferPointer { fnv1a(UnsafeBufferPointer(rebasing: $0[...])) }
    withUnsafeBytes(of: checksum.littleEndian) { file.append(contentsOf: $0) }
    file.append(contentsOf: payload)
    try? Data(file).write(to: url, options: .atomic)
  }

  /// FNV-1a (64 bits), eight bytes at a time (the payload is most of a megabyte).
  static func fnv1a(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    var i = 0
    while i + 8 <= bytes.count {
      var word: UInt64 = 0
      for k in 0..<8 { word |= UInt64(bytes[i + k]) << (8 * UInt64(k)) }
      hash = (hash ^ word) &* 0x0000_0100_0000_01B3
      i += 8
    }
    while i < bytes.count {
      hash = (hash ^ UInt64(bytes[i])) &* 0x0000_0100_0000_01B3
      i += 1
    }
    return hash
  }

  /// Little-endian fields with bounds checks: nil once the bytes run out.
  struct Reader {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var remaining: Int { bytes.count - position }
    var rest: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: bytes[position...]) }

    mutating func bytes(_ count: Int) -> UnsafeBufferPointer<UInt8>? {
      guard count >= 0, count <= remaining else { return nil }
      defer { position += count }
      return UnsafeBufferPointer(rebasing: bytes[position..<position + count])
    }

    mutating func u32() -> UInt32? {
      guard let field = bytes(4) else { return nil }
      return (0..<4).reduce(UInt32(0)) { $0 | UInt32(field[$1]) << (8 * UInt32($1)) }
    }

    mutating func u64() -> UInt64? {
      guard let field = bytes(8) else { return nil }
      return (0..<8).reduce(UInt64(0)) { $0 | UInt64(field[$1]) << (8 * UInt64($1)) }
    }

    mutating func string() -> String? {
      guard let length = u32(), let field = bytes(Int(length)) else { return nil }
      return String(validating: field, as: UTF8.self)
    }

    mutating func strings() -> [String]? {
      guard let count = u32(), Int(count) <= remaining else { return nil }
      var texts: [String] = []
      for _ in 0..<count {
        guard let text = string() else { return nil }
        texts.append(text)
      }
      return texts
    }
  }
}
