import AGNet
import ArgumentParser
import Benchmarks
import Foundation

/// `agnet benchmark …`: what the tables hold.
struct BenchmarkCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "benchmark",
    abstract: "Inspect the benchmark tables.",
    subcommands: [Info.self, List.self])

  struct Info: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print a table's size, metrics (with how many cells have each) and optimum.",
      usage: "agnet benchmark info [<options>]",
      discussion: """
        The search metric is what an optimizer sees; the report metric is what a report shows for
        the chosen cell; every other numeric column can be a cost (--cost). Empty fields are
        missing values and are counted as such.

        Examples:
          agnet benchmark info --benchmark nasbench201 --dataset cifar10
          agnet benchmark info --benchmark nasbench201 --dataset imagenet16 \\
              --data-dir ~/nas-data
          agnet benchmark info --benchmark nasbench101
          agnet benchmark info --table nb101.csv --space nasbench101 \\
              --search-metric valid_acc_108 --report-metric test_acc_108
          agnet benchmark info --table my_results.csv --space nasbench201 \\
              --search-metric val_acc --report-metric test_acc
        """)

    @OptionGroup var options: BenchmarkOptions

    func run() throws {
      try reportingInputErrors {
        print(try options.load().summary.text)
      }
    }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List the named benchmarks, their datasets and which copy of each file is in use.",
      discussion: """
        A file is read from the data directory when it is there, else from the tables shipped
        with agnet (an install's share/agnet/tables, or a build's resource bundle, both found
        from the agnet binary's location). The shipped generators are listed the same way.

        Examples:
          agnet benchmark list
          agnet benchmark list --data-dir ~/nas-data
        """)

    @OptionGroup var data: DataDirectoryOptions

    func run() throws {
      let directory = data.directory
      print("data directory: \(directory.url.path) (\(directory.originDescription))")
      print("shipped tables: \(directory.fallback?.path ?? "not found beside this agnet binary")")
      for benchmark in CatalogBenchmark.allCases {
        print("\(benchmark.rawValue): datasets \(benchmark.datasets.joined(separator: ", "))")
        for (file, needed) in benchmark.files.map({ ($0, true) }) + benchmark.optionalFiles.map({ ($0, false) }) {
          print("  \(file)  \(directory.describeSource(file))\(needed ? "" : " (optional)")")
        }
      }
      print("generators:")
      for space in ["nasbench201", "nasbench101", "darts"] {
        let name = ShippedGenerator.fileName(space: space)
        print("  \(name)  \((try? ShippedGenerator.url(space: space).path).map { "from \($0)" } ?? "missing")")
      }
    }
  }
}
