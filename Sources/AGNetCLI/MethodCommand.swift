import ArgumentParser
import Methods
import SearchSpaces

/// `agnet method`: the search methods and their settings.
struct MethodCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "method",
    abstract: "List the search methods, or show one method's settings.",
    subcommands: [List.self, Show.self])

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list",
      abstract: "List the search methods, one line each.",
      discussion: """
        Examples:
          agnet method list
        """)

    func run() { print(MethodRegistry.standard.summaryText) }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "show",
      abstract: "Show a method's settings and their defaults (set them with --param name=value).",
      discussion: """
        Examples:
          agnet method show re
          agnet method show agnet-tenas --space darts
        """)

    @Argument(help: ArgumentHelp("The method.", valueName: "name"))
    var name: String

    @Option(help: ArgumentHelp("Only the settings a run on this space uses (nasbench201, nasbench101, darts).",
                               valueName: "name"))
    var space: String?

    func run() throws {
      try reportingInputErrors {
        let method = try MethodRegistry.standard.method(named: name)
        if let space { _ = try BuiltInSpace(named: space) }
        print("\(method.name): \(method.summary)")
        print("Settings\(space.map { " on \($0)" } ?? "") (name=default):")
        for line in method.settingsHelp(space: space) { print("  " + line) }
      }
    }
  }
}
