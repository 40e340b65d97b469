import ArgumentParser
import Foundation
import NeuralCore

@main
struct AGNetCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "agnet",
    abstract: "Generative neural architecture search (AG-Net) on tabular NAS benchmarks and your own evaluator.",
    discussion: "agnet --version prints the version, the source commit and the versions of the shipped tables and generators.",
    subcommands: [SearchCommand.self, CompareCommand.self, InitCommand.self, AskCommand.self, TellCommand.self,
                  EvaluateCommand.self, StatusCommand.self, DashboardCommand.self, MergeCommand.self, MethodCommand.self, PlotCommand.self, SpaceCommand.self, BenchmarkCommand.self,
                  DataCommand.self, BenchCommand.self, PretrainCommand.self, GenerateCommand.self])

  static func main() {
    // Handled before parsing so that ordinary commands never read the shipped files to hash them.
    if Array(CommandLine.arguments.dropFirst()) == ["--version"] {
      print(VersionReport.text)
      Foundation.exit(0)
    }
    if let message = MatmulBackend.unavailableBLASMessage {
      FileHandle.standardError.write(Data("agnet: \(message)\n".utf8))
      Foundation.exit(1)
    }
    MatmulBackend.useOneBLASThread()
    main(nil)
  }
}
