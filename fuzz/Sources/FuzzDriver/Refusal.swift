import SearchSpaces

/// Runs `parse` on a fuzzed input, which it may refuse only the way the command line reports bad
/// input: an `InputError` (exit 1) or a `UsageError` (exit 64). Any other error would reach the user
/// as an unexplained message, so it traps here and libFuzzer keeps the input as a crash.
public func allowingRefusal(_ parse: () throws -> Void) {
  do {
    try parse()
  } catch is InputError {
  } catch is UsageError {
  } catch {
    fatalError("refused with \(type(of: error)), not an InputError or UsageError: \(error)")
  }
}
