/// A signal (SIGTERM, SIGINT, SIGHUP) that arrived while agnet waited for a child process: the
/// child was stopped first, and the error unwinds so that every temporary file is removed before
/// the command ends by the same signal.
public struct InterruptedBySignal: Error, Sendable {
  public var signal: Int32
}
