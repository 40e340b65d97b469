import Foundation

/// The source commit a binary was built from. `scripts/package.sh` writes it to
/// `share/agnet/build.json` (`{"commit": "…"}`) beside the files it ships; a binary run from a
/// development checkout asks git about the checkout instead.
public enum BuildInfo {
  public static let fileName = "build.json"

  /// The commit and where it was read, e.g. `1a2b3c4 (share/agnet/build.json)`; `unknown` when
  /// neither the file nor a checkout is there.
  public static func commit(executable: URL = InstallLayout.executable) -> String {
    let file = InstallLayout.shareFolder(executable: executable).appendingPathComponent(fileName)
    if let data = try? Data(contentsOf: file),
       let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any], let commit = object["commit"] as? String {
      return "\(commit) (\(file.path))"
    }
    var folder = executable.deletingLastPathComponent()
    for _ in 0...3 {
      folder = folder.deletingLastPathComponent()
      if FileManager.default.fileExists(atPath: folder.appendingPathComponent(".git").path) {
        let described = git(["-C", folder.path, "describe", "--always", "--dirty", "--abbrev=12"])
        return "\(described ?? "unknown") (development checkout \(folder.path))"
      }
    }
    return "unknown"
  }

  private static func git(_ arguments: [String]) -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git"] + arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return nil }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
  }
}
