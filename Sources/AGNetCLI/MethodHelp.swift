import Foundation
import Methods

/// The "Methods:" part of `search`, `compare` and `init --help`: every method's name and summary,
/// or, when the command line names methods (`--method agnet`, `--methods re,ls`), their settings
/// for the space it names (`--space S`, `--benchmark nasbench101`; else `defaultSpace`). Help is
/// printed before the options are parsed, so the command line is read as text here.
enum MethodHelp {
  static func text(defaultSpace: String?, arguments: [String] = CommandLine.arguments) -> String {
    func value(_ option: String) -> String? {
      arguments.firstIndex(of: option).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
    }
    let names = (value("--method").map { [$0] } ?? value("--methods")?.split(separator: ",").map {
      // A variant NAME=METHOD:param=value names METHOD.
      String($0.split(separator: "=").last?.split(separator: ":").first ?? $0)
    }) ?? []
    let methods = names.compactMap { try? MethodRegistry.standard.method(named: $0) }
    guard !methods.isEmpty else {
      return MethodRegistry.standard.summaryText + "\n\n"
        + "A method's settings (change them with --param name=value): add --method NAME to --help "
        + "(agnet search --method agnet --space nasbench201 --help), or agnet method show NAME."
    }
    let benchmarkSpace = value("--benchmark").map { $0 == "nasbench101" ? "nasbench101" : "nasbench201" }
    let space = value("--space") ?? benchmarkSpace ?? defaultSpace
    return methods.map { method in
      "\(method.name): \(method.summary)\nSettings\(space.map { " on \($0)" } ?? "") (name=default):\n"
        + method.settingsHelp(space: space).map { "  " + $0 }.joined(separator: "\n")
    }.joined(separator: "\n\n")
  }
}
