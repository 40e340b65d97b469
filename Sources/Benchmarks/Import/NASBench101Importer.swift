import Dispatch
import Foundation
import SearchSpaces
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `agnet data import nasbench101 FILE`: the official NAS-Bench-101 TFRecord file
/// (`nasbench_only108.tfrecord` or `nasbench_full.tfrecord`) into `nasbench101/nasbench101.csv`,
/// without TensorFlow or Python.
///
/// Every record is checked (both CRCs, the JSON row, base64, the protobuf, the matrix and ops),
/// every cell's official hash is checked against our fingerprint of the stored matrix, and the
/// table gets one row per cell: the cell columns of `nasbench101_sample30k.csv`, `params`, and
/// for every epoch budget E in the file the mean over that cell's runs of the final
/// `validation_accuracy` and `test_accuracy` (in percent: `valid_acc_E`, `test_acc_E`) and of
/// `training_time` (`train_time_E_s`). The mean is the sum in file order divided by the number of
/// runs, times 100 for accuracies; AG-Net's NAS-Bench-101 numbers are these means at 108 epochs.
/// Rows are in hash order.
///
/// Records are parsed on `threads` threads a window at a time and summed in file order, so the
/// table does not depend on the thread count; errors name the first bad record.
public struct NASBench101Importer {
  /// What an import found.
  public struct Summary: Sendable {
    public var records: Int
    public var cells: Int
    /// Epoch budgets in the file, ascending.
    public var budgets: [Int]
    /// Per budget, the fewest and most runs a cell has.
    public var runsPerCell: [Int: ClosedRange<Int>]
    /// Best mean validation and mean test accuracy at the largest budget, with their hashes.
    public var bestValidation: (hash: String, value: Double)
    public var bestTest: (hash: String, value: Double)
  }

  public var threads: Int
  static let windowSize = 1 << 16

  public init(threads: Int = ProcessInfo.processInfo.activeProcessorCount) {
    self.threads = max(1, threads)
  }

  /// Imports `file` into `dataDirectory`. An existing table is replaced only with `replace`, and
  /// only after the whole file has been read and checked.
  @discardableResult
  public func importFile(_ file: URL, into dataDirectory: DataDirectory, replace: Bool) throws -> (URL, Summary) {
    let output = dataDirectory.file(BenchmarkCatalog.nasbench101FullFile)
    try StagedFile.checkReplaceable(output, replace: replace, what: "the imported table")
    let table = try Self.readTable(file, threads: threads)
    // A table without the searched budget would be written, then refused by every command.
    guard table.budgets.contains(where: { $0.epochs == NASBench101Table.searchedEpochs }) else {
      throw InputError("the file has no runs at \(NASBench101Table.searchedEpochs) epochs (its budgets: "
        + "\(table.budgets.map { String($0.epochs) }.joined(separator: ", "))), the budget agnet searches; "
        + "use nasbench_only108.tfrecord or nasbench_full.tfrecord", file: file.path)
    }
    let staged = try StagedFile.stage(table.csv(threads: threads), for: output)
    try StagedFile.commit(staged, to: output)
    return (output, table.summary)
  }

  /// Reads and checks a whole file, memory-mapped (Foundation's `Data` would copy 0.5 GB first).
  public static func readTable(_ file: URL, threads: Int = ProcessInfo.processInfo.activeProcessorCount) throws -> NASBench101Table {
    let path = file.path
    // stat before open: opening a FIFO would block, and a directory cannot be mapped.
    var kind = stat()
    guard stat(path, &kind) == 0 else { throw InputError("cannot read the file (\(String(cString: strerror(errno))))", file: path) }
    guard kind.st_mode & S_IFMT == S_IFREG else {
      throw InputError("not a regular file (\(Self.describe(mode: kind.st_mode))); give the NAS-Bench-101 .tfrecord file", file: path)
    }
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { throw InputError("cannot read the file (\(String(cString: strerror(errno))))", file: path) }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else { throw InputError("cannot read the file (\(String(cString: strerror(errno))))", file: path) }
    let size = Int(status.st_size)
    guard size > 0 else { return try table(fromRecordsIn: UnsafeRawBufferPointer(start: nil, count: 0), path: path, threads: threads) }
    guard let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), mapped != MAP_FAILED else {
      throw InputError("cannot map the file into memory (\(String(cString: strerror(errno))))", file: path)
    }
    defer { munmap(mapped, size) }
    _ = madvise(mapped, size, MADV_SEQUENTIAL)
    return try table(fromRecordsIn: UnsafeRawBufferPointer(start: mapped, count: size), path: path, threads: threads)
  }

  private static func describe(mode: mode_t) -> String {
    switch mode & S_IFMT {
    case S_IFDIR: return "a directory"
    case S_IFIFO: return "a FIFO"
    case S_IFCHR, S_IFBLK: return "a device"
    case S_IFSOCK: return "a socket"
    default: return "not a plain file"
    }
  }

  /// The table of TFRecord bytes in memory (`path` names them in messages).
  public static func table(fromRecordsIn bytes: [UInt8], path: String = "(in memory)", threads: Int) throws -> NASBench101Table {
    try bytes.withUnsafeBytes { try table(fromRecordsIn: $0, path: path, threads: threads) }
  }

  /// The table of the TFRecord bytes `bytes` (`path` names them in messages).
  public static func table(fromRecordsIn bytes: UnsafeRawBufferPointer, path: String, threads: Int) throws -> NASBench101Table {
    var reader = TFRecordReader(bytes: bytes, path: path)
    var aggregate = NASBench101Aggregate(path: path)
    var window: [TFRecordReader.Record] = []
    window.reserveCapacity(windowSize)
    var runs = [NASBench101Run?](repeating: nil, count: windowSize)
    var problems = [String?](repeating: nil, count: windowSize)
    while true {
      window.removeAll(keepingCapacity: true)
      var framingError: Error?
      do {
        while window.count < windowSize, let record = try reader.next() { window.append(record) }
      } catch {
        framingError = error
      }
      parse(window, reader: reader, threads: threads, runs: &runs, problems: &problems)
      for (k, record) in window.enumerated() {
        if let problem = problems[k] {
          throw InputError("record \(record.number) at byte offset \(record.offset): \(problem)", file: path)
        }
        try aggregate.add(runs[k]!, record: record)
      }
      if let framingError { throw framingError }
      if window.count < windowSize { break }
    }
    guard reader.recordCount > 0 else { throw InputError("the file has no records", file: path) }
    return try aggregate.table(records: reader.recordCount, threads: threads)
  }

  /// Checks and parses the payloads of `window` on `threads` threads, each on its own slice.
  private static func parse(_ window: [TFRecordReader.Record], reader: TFRecordReader, threads: Int,
                            runs: inout [NASBench101Run?], problems: inout [String?]) {
    let count = window.count
    guard count > 0 else { return }
    let chunks = min(threads, count)
    runs.withUnsafeMutableBufferPointer { runs in
      problems.withUnsafeMutableBufferPointer { problems in
        window.withUnsafeBufferPointer { window in
          DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            var scratch: [UInt8] = []
            scratch.reserveCapacity(512)
            for k in (count * chunk / chunks)..<(count * (chunk + 1) / chunks) {
              runs[k] = nil
              problems[k] = nil
              guard let payload = reader.intactPayload(window[k]) else {
                problems[k] = TFRecordReader.payloadCRCProblem(window[k])
                continue
              }
              do { runs[k] = try NASBench101Run.parse(payload, scratch: &scratch) } catch let problem as NASBench101Run.Problem {
                problems[k] = problem.message
              } catch {
                problems[k] = "\(error)"
              }
            }
          }
        }
      }
    }
  }
}
