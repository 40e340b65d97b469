import FuzzDriver
import SearchSpaces

/// One input is one cell text, read by every space's text parser: NAS-Bench-201 arch strings,
/// NAS-Bench-101 `matrix;ops` text and DARTS genotypes. A parser may refuse it with an
/// `InputError`; it may not trap, leak or hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  allowingRefusal { _ = try NASBench201Space().parseCell(text) }
  allowingRefusal { _ = try NASBench101Space().parseCell(text) }
  allowingRefusal { _ = try DARTSSpace().parseCell(text) }
  return 0
}

/// The program's entry point under SwiftPM (see `runLibFuzzer`).
@_cdecl("FuzzCells_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
  // A hash is looked up among all 423,624 NAS-Bench-101 cells, enumerated once per process on
  // first use: tens of seconds under the sanitizers, which libFuzzer would blame on one input.
  _ = NASBench101Space().allCells.count
  return runLibFuzzer(argc, argv, fuzz)
}
