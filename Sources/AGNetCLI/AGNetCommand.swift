import ArgumentParser
import NeuralCore

@main
struct AGNetCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "agnet",
    abstract: "Generative neural architecture search (AG-Net) on tabular NAS benchmarks and your own evaluator.",
    subcommands: [SearchCommand.self, CompareCommand.self, InitCommand.self, AskCommand.self, TellCommand.self,
                  EvaluateCommand.self, StatusCommand.self, DashboardCommand.self, MergeCommand.self, MethodCommand.self, PlotCommand.self, SpaceCommand.self, BenchmarkCommand.self,
                  DataCommand.self, BenchCommand.self, PretrainCommand.self, GenerateCommand.self])

  static func main() {
    MatmulBackend.useOneBLASThread()
    main(nil)
  }
}
