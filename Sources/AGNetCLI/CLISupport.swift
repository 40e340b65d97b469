import ArgumentParser
import Benchmarks
import Foundation
import Optimization
import SearchSpaces

// Shared pieces of every `agnet` command: where the data is, which benchmark to load, and how
// errors end the process (a problem with the user's input: one line on stderr, exit 1; a misused
// command line: ArgumentParser's usage message, or one line for misuse the library finds, exit 64).

/// `--data-dir`, resolved with `$AGNET_DATA` and the per-user default.
struct DataDirectoryOptions: ParsableArguments {
  @Option(name: .customLong("data-dir"), help: ArgumentHelp(
    "Folder with your benchmark tables (default: $AGNET_DATA, else $XDG_DATA_HOME/agnet or ~/.local/share/agnet); a table it lacks is read from the tables shipped with agnet.",
    valueName: "dir"))
  var path: String?

  var directory: DataDirectory { DataDirectory.resolve(commandLine: path) }
}

extension CatalogBenchmark: ExpressibleByArgument {}

/// The table a command works on: `--benchmark NAME [--dataset D]`, or a user's
/// `--table FILE --space S --search-metric COL [--report-metric COL]`.
struct BenchmarkOptions: ParsableArguments {
  @Option(help: "A benchmark by name (\(CatalogBenchmark.allCases.map(\.rawValue).joined(separator: ", "))).")
  var benchmark: CatalogBenchmark?

  @Option(help: "The benchmark's dataset (nasbench201: cifar10, cifar100, imagenet16; nasbench101: cifar10; default: cifar10).")
  var dataset: String?

  @Option(help: ArgumentHelp("Your own CSV table instead of a named benchmark.", valueName: "file"))
  var table: String?

  @Option(help: ArgumentHelp("The space of --table's cells (\(SpaceArgument.choices)).", valueName: "name|file"))
  var space: SpaceArgument?

  @Option(name: .customLong("search-metric"), help: ArgumentHelp("The --table column a search maximises.", valueName: "column"))
  var searchMetric: String?

  @Option(name: .customLong("report-metric"), help: ArgumentHelp(
    "The --table column reported for the chosen cell (default: the search metric).", valueName: "column"))
  var reportMetric: String?

  @OptionGroup var data: DataDirectoryOptions

  func validate() throws {
    switch (benchmark, table) {
    case (nil, nil):
      throw ValidationError("Name a benchmark (--benchmark nasbench201 --dataset cifar10) or a table (--table FILE --space nasbench201 --search-metric COL).")
    case (.some, .some):
      throw ValidationError("Give either --benchmark or --table, not both.")
    case (let benchmark?, nil):
      for (flag, value) in [("--space", space?.text), ("--search-metric", searchMetric), ("--report-metric", reportMetric)] where value != nil {
        throw ValidationError("\(flag) applies to --table; a named benchmark defines its own metrics.")
      }
      if let dataset, !benchmark.datasets.contains(dataset) {
        throw ValidationError("\(benchmark.rawValue) has no dataset \(InputError.quoted(dataset)); the datasets are: \(benchmark.datasets.joined(separator: ", ")).")
      }
    case (nil, .some):
      if dataset != nil { throw ValidationError("--dataset applies to --benchmark; a table is one dataset.") }
      if space == nil { throw ValidationError("--table needs --space (\(SpaceArgument.choices)).") }
      if searchMetric == nil { throw ValidationError("--table needs --search-metric COLUMN.") }
    }
  }

  /// Throws when --space names no space (`SpaceReference.resolve`).
  var request: BenchmarkRequest {
    get throws {
      if let benchmark {
        return .catalog(benchmark, dataset: dataset ?? benchmark.datasets[0])
      }
      return .table(URL(fileURLWithPath: table!), space: try space!.resolve(), searchMetric: searchMetric!, reportMetric: reportMetric)
    }
  }

  func load() throws -> LoadedBenchmark { try request.load(dataDirectory: data.directory) }
}

/// Runs a command's body; an `InputError` becomes one line on stderr and exit status 1, a
/// `UsageError` one line and exit status 64.
func reportingInputErrors(_ body: () throws -> Void) throws {
  do { try body() } catch let error as InputError {
    printError(error.description)
    throw ExitCode(1)
  } catch let error as UsageError {
    printError(error.description)
    throw ExitCode.validationFailure
  } catch let interrupted as InterruptedBySignal {
    // Cleaned up while unwinding; now end as the signal would have.
    signal(interrupted.signal, SIG_DFL)
    raise(interrupted.signal)
    throw ExitCode(128 + interrupted.signal)
  }
}

/// A message for people, on standard error: standard output carries only a command's data,
/// report or outcome line (docs/cli.md, "Output: stdout, stderr and exit codes").
func printNote(_ message: String) {
  FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// One line on standard error, prefixed with the tool's name. Control characters a message may
/// quote from a file (a stray carriage return) become spaces, so that it stays one line.
func printError(_ message: String) {
  let line = String(message.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : Character($0) })
  FileHandle.standardError.write(Data("agnet: \(line)\n".utf8))
}
extension CostMode: ExpressibleByArgument {}

/// How every `--seed` is read: unconditionally (so `--seed -3` reaches here instead of being taken
/// for an option and reported as a missing value) and within 0…2^63−1, the seeds a run records.
enum SeedArgument {
  static let parsing = SingleValueParsingStrategy.unconditional

  static let parse: @Sendable (String) throws -> UInt64 = { text in
    guard let value = UInt64(text), value <= UInt64(Int64.max) else {
      throw ValidationError("seeds are integers 0…2^63−1, not \(InputError.quoted(text))")
    }
    return value
  }
}
