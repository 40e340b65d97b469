import Dispatch
import Foundation
import SearchSpaces
#if canImport(Glibc)
import Glibc
#endif

/// One run of a `/bin/sh -c` command in a process group of its own, its standard output read
/// through a pipe and its standard input empty.
///
/// The elapsed time is bounded and the whole group is killed: background children (`train &`,
/// a data loader left behind) keep the pipe open, so waiting for the end of the output, or killing
/// only the shell, let a timeout hang forever. The command's result is its output up to the exit
/// of the shell; whatever it left running is killed then. Signals that end this process (Ctrl-C,
/// `kill`) end the running groups too, as they are not in the terminal's foreground group.
struct ShellCommand {
  enum Ending: Equatable {
    case exited(Int32)
    case signalled(Int32)
    case timedOut
  }

  var ending: Ending
  var output: Data

  /// Runs `command`; `timeout` in seconds, nil for no limit. Throws only when it cannot start.
  static func run(_ command: String, environment: [String: String], timeout: Double?) throws -> ShellCommand {
    SignalForwarding.install()
    var ends: [Int32] = [-1, -1]
    // One spawn at a time, so that no other command inherits this pipe before it is close-on-exec.
    spawning.lock()
    guard pipe(&ends) == 0 else {
      spawning.unlock()
      throw InputError("cannot create a pipe: \(String(cString: strerror(errno)))")
    }
    let (readEnd, writeEnd) = (ends[0], ends[1])
    defer { close(readEnd) }
    let pid: pid_t
    do {
      defer {
        close(writeEnd)
        spawning.unlock()
      }
      for end in [readEnd, writeEnd] { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
      pid = try spawn(["/bin/sh", "-c", command], environment: environment, stdout: writeEnd)
    }
    running.insert(pid)
    defer { running.remove(pid) }
    let deadline = timeout.map { DispatchTime.now().uptimeNanoseconds + UInt64(min($0, 1e9) * 1e9) }
    var output = Data()
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    var endOfOutput = false
    var timedOut = false
    while !hasExited(pid) {
      let now = DispatchTime.now().uptimeNanoseconds
      if let deadline, now >= deadline {
        timedOut = true
        break
      }
      let slice = Int32(min(100, deadline.map { ($0 - now) / 1_000_000 + 1 } ?? 100))
      if endOfOutput {
        usleep(1000) // the output ended and the shell is exiting
        continue
      }
      var descriptor = pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)
      if poll(&descriptor, 1, slice) > 0 {
        let count = read(readEnd, &buffer, buffer.count)
        if count > 0 { output.append(buffer, count: count) } else if count == 0 || errno != EINTR { endOfOutput = true }
      }
    }
    // Killed before the shell is reaped, so that its group id cannot belong to anyone else yet.
    kill(-pid, SIGKILL)
    if !endOfOutput && !timedOut { drain(readEnd, into: &output, buffer: &buffer) }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    // Killed because this process is ending: its result must not be told as a failure.
    while SignalForwarding.isEnding { pause() }
    let ending: Ending
    if timedOut {
      ending = .timedOut
    } else if status & 0x7f == 0 {
      ending = .exited((status >> 8) & 0xff)
    } else {
      ending = .signalled(status & 0x7f)
    }
    return ShellCommand(ending: ending, output: output)
  }

  private static func spawn(_ arguments: [String], environment: [String: String], stdout: Int32) throws -> pid_t {
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
    posix_spawnattr_setpgroup(&attributes, 0)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for signal in SignalForwarding.signals + [SIGPIPE] { sigaddset(&defaults, signal) }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    var mask = sigset_t()
    sigemptyset(&mask)
    posix_spawnattr_setsigmask(&attributes, &mask)
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_adddup2(&actions, stdout, 1)
    let argv = arguments.map { strdup($0) } + [nil]
    let envp = environment.keys.sorted().map { strdup("\($0)=\(environment[$0]!)") } + [nil]
    defer { for pointer in argv + envp { free(pointer) } }
    var pid: pid_t = 0
    let status = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, envp)
    guard status == 0 else { throw InputError("cannot run \(arguments[0]): \(String(cString: strerror(status)))") }
    return pid
  }

  /// Whether the process has ended, leaving it unreaped.
  private static func hasExited(_ pid: pid_t) -> Bool {
    var info = siginfo_t()
    return waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info._sifields._sigchld.si_pid == pid
  }

  /// What the pipe holds now, without waiting for writers that are still alive.
  private static func drain(_ descriptor: Int32, into output: inout Data, buffer: inout [UInt8]) {
    _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
    while true {
      let count = read(descriptor, &buffer, buffer.count)
      if count > 0 { output.append(buffer, count: count) } else if count < 0 && errno == EINTR { continue } else { break }
    }
  }

  private static let spawning = NSLock()

  /// Process groups of the commands running now.
  static let running = RunningGroups()

  final class RunningGroups: @unchecked Sendable {
    private let lock = NSLock()
    private var groups = Set<pid_t>()
    func insert(_ pid: pid_t) { lock.lock(); groups.insert(pid); lock.unlock() }
    func remove(_ pid: pid_t) { lock.lock(); groups.remove(pid); lock.unlock() }
    func killAll() {
      lock.lock()
      defer { lock.unlock() }
      for group in groups { kill(-group, SIGKILL) }
    }
  }

  /// Ctrl-C, `kill` and a closed terminal end this process and every running command group.
  enum SignalForwarding {
    static let signals = [SIGINT, SIGTERM, SIGHUP]
    private static let ending = ProcessEnding()
    static var isEnding: Bool { ending.isSet }

    private static let sources: [DispatchSourceSignal] = signals.map { number in
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
      source.setEventHandler {
        ending.set()
        running.killAll()
        signal(number, SIG_DFL)
        kill(getpid(), number) // to the process: dispatch's threads block signals, so raise() would not end it
      }
      source.resume()
      return source
    }

    static func install() { _ = sources }

    private final class ProcessEnding: @unchecked Sendable {
      private let lock = NSLock()
      private var value = false
      func set() { lock.lock(); value = true; lock.unlock() }
      var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
    }
  }
}
