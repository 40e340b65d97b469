import FuzzDriver
import Benchmarks
import Foundation
import SearchSpaces

/// The file each input is written to: the table loader reads files only.
private let file: URL = {
  let folder = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
  return URL(fileURLWithPath: folder).appendingPathComponent("agnet-fuzz-table-\(getpid()).csv")
}()

/// One input is a CSV table of NAS-Bench-201 cells: read row by row in memory, then loaded as a
/// user's table (header, cell columns, decimals, duplicates, required metrics). It may be refused
/// with an `InputError`; it may not trap, leak or hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  allowingRefusal {
    var reader = try CSVReader(bytes: bytes, path: "fuzz.csv")
    var fields: [CSVReader.Field] = []
    while try reader.nextRow(into: &fields) {
      for field in fields { _ = reader.text(of: field) }
    }
  }
  guard FileManager.default.createFile(atPath: file.path, contents: Data(bytes)) else { fatalError("cannot write \(file.path)") }
  allowingRefusal {
    _ = try BenchmarkCatalog.table(file, space: NASBench201Space(), searchMetric: "cifar10_valid_acc",
                                   reportMetric: "cifar10_test_acc")
  }
  try? FileManager.default.removeItem(at: file)
  return 0
}

/// The program's entry point under SwiftPM (see `runLibFuzzer`).
@_cdecl("FuzzTable_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
  runLibFuzzer(argc, argv, fuzz)
}
