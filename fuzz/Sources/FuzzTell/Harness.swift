import FuzzDriver
import AskTellRuns

/// One input is one line as `agnet tell` reads it, and as an evaluation command's last line of
/// output. Either parser may refuse it with an `InputError`; neither may trap, leak or hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let line = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  allowingRefusal { _ = try TellEntry.parse(jsonLine: Substring(line)) }
  allowingRefusal { _ = try TellEntry.parse(commandOutput: Substring(line), expectedID: "t0-q5") }
  return 0
}

/// The program's entry point under SwiftPM (see `runLibFuzzer`).
@_cdecl("FuzzTell_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
  runLibFuzzer(argc, argv, fuzz)
}
