import Foundation

/// Whether a process holds a run's lock (`DIR/.lock`, taken with flock), found without touching
/// the lock: Linux lists every flock in /proc/locks by device and inode. Taking the lock to test
/// it, even for an instant, could make a starting search fail, and a monitor must not write.
public enum LockProbe {
  /// True when a process holds a lock on `file`; false when none does, or when the lock table
  /// cannot be read (not Linux).
  public static func isHeld(_ file: URL) -> Bool {
    var info = stat()
    guard stat(file.path, &info) == 0, let table = try? String(contentsOfFile: "/proc/locks", encoding: .utf8) else {
      return false
    }
    let major = UInt64(info.st_dev) >> 8 & 0xfff
    let minor = UInt64(info.st_dev) & 0xff | (UInt64(info.st_dev) >> 12 & 0xfff00)
    let inode = UInt64(info.st_ino)
    // "1: FLOCK  ADVISORY  WRITE 1234 00:2a:123456 0 EOF"; blocked waiters ("->") hold nothing.
    for line in table.split(separator: "\n") where !line.contains("->") {
      for field in line.split(separator: " ") {
        let parts = field.split(separator: ":")
        guard parts.count == 3, let a = UInt64(parts[0], radix: 16), let b = UInt64(parts[1], radix: 16),
              let c = UInt64(parts[2]) else { continue }
        if a == major, b == minor, c == inode { return true }
      }
    }
    return false
  }
}
