import FuzzDriver
import Benchmarks

/// One input is a NAS-Bench-101 TFRecord file in memory: framing, both CRCs, the JSON row, base64
/// and the protobuf inside, through the importer's public entry point. It may be refused with an
/// `InputError`; it may not trap, leak or hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = UnsafeRawBufferPointer(start: size == 0 ? nil : UnsafeRawPointer(data), count: size)
  allowingRefusal { _ = try NASBench101Importer.table(fromRecordsIn: bytes, path: "fuzz.tfrecord", threads: 1) }
  return 0
}

/// The program's entry point under SwiftPM (see `runLibFuzzer`).
@_cdecl("FuzzTFRecord_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
  runLibFuzzer(argc, argv, fuzz)
}
