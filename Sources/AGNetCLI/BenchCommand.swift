import ArgumentParser

/// `agnet bench …`: speed measurements. Each measured part of the system adds one subcommand
/// here (its own file, e.g. `BenchTablesCommand.swift`); nothing else needs to change.
struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Measure how fast parts of agnet run (build with -c release first).",
    subcommands: [BenchTablesCommand.self, BenchNeuralCommand.self, BenchSpacesCommand.self, BenchBananasCommand.self,
                  BenchSearchCommand.self, BenchImportCommand.self])
}
