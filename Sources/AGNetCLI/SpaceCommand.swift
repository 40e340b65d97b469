import ArgumentParser
import Dispatch
import Foundation
import Randomness
import Runs
import SearchSpaces

/// `agnet space …`: look at the search spaces themselves.
struct SpaceCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "space",
    abstract: "List, sample and describe the search spaces (NAS-Bench-101, NAS-Bench-201, DARTS).",
    subcommands: [Check.self, Enumerate.self, Sample.self, Info.self])

  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check a space file: valid or not and why, its number of cells, a few samples.",
      discussion: """
        Prints the family, the number of distinct cells (exact when the space can be listed in about \
        a minute, else an estimate marked as one), how random cells are drawn and a few of them. A \
        file that is not a valid space gets one line naming the file and the key or line (exit 1).

        Examples:
          agnet space check spaces/nasbench201.toml
          agnet space check my-space.toml --samples 5
        """)

    @Argument(help: ArgumentHelp("The space file (or a built-in space's name).", valueName: "file"))
    var space: SpaceArgument

    @Option(help: "How many random cells to show.")
    var samples: Int = 3

    func validate() throws {
      guard (0...100).contains(samples) else { throw ValidationError("--samples must be 0…100") }
    }

    func run() throws {
      try reportingInputErrors {
        guard let space = try self.space.resolve().fileSpace else {
          print("\(self.space.text): a built-in space (see agnet space info \(self.space.text))")
          return
        }
        let start = DispatchTime.now().uptimeNanoseconds
        let (count, exact) = space.cellCount()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let file = space.file
        print("""
          \(space.path): valid \(file.family.rawValue) space \(space.name)
            cells:          \(exact ? "\(Int(count)) (exact, listed in \(String(format: "%.2f", seconds)) s)" : "about \(String(format: "%.3g", count)) (estimate; too many to list)")
            cell types:     \(space.cellTypes?.joined(separator: ", ") ?? "one")
            ops:            \(file.ops.joined(separator: ", "))
            isomorphic:     \(file.mergeIsomorphic ? "merged (one cell per class)" : "distinct cells")
            graph (AG-Net): N = \(space.vocabulary.maxNodes), A = \(space.vocabulary.typeCount), len(y) = \(space.vocabulary.encodingLength)
            sampling:       \(space.samplingNote)
          """)
        var rng = Xoshiro256StarStar(seed: 0, stream: "space-sample")
        for _ in 0..<samples { print("  sample: \(space.format(space.randomCell(using: &rng)))") }
      }
    }
  }

  struct Enumerate: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write every distinct cell of a space as CSV.",
      discussion: """
        Columns are the space's cell columns: `hash,vertices,adjacency_bits,ops` for NAS-Bench-101
        (one row per fingerprint, the official representative, in the official enumeration order:
        the same cells as nasbench101_cells.csv), `arch` for NAS-Bench-201 (15,625 rows, by index).
        DARTS is refused (exit 64): its 10^18 architectures are too many to list; sample them.

        Examples:
          agnet space enumerate nasbench101 --output nb101_cells.csv
          agnet space enumerate nasbench201 | head
        """)

    @Argument(help: ArgumentHelp("The space: \(SpaceArgument.choices).", valueName: "name|file"))
    var space: SpaceArgument

    @Option(name: .shortAndLong, help: "Write the CSV here instead of to standard output.")
    var output: String?

    func validate() throws { try requireFileName(output, option: "--output") }

    func run() throws {
      let start = DispatchTime.now().uptimeNanoseconds
      var (name, count) = ("", 0)
      try reportingInputErrors {
        let space = try self.space.resolve()
        let (csv, cells): (String, Int)
        switch space {
        case .builtIn(let builtIn): (csv, cells) = table(try builtIn.enumerableSpace())
        case .file(let fileSpace): (csv, cells) = (fileSpace.cellTableCSV(try fileSpace.enumerated()), 0)
        }
        (name, count) = (space.name, cells == 0 ? (space.fileSpace?.distinctCellCount ?? 0) : cells)
        try writeOutput(csv, to: output)
      }
      let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
      if let output {
        print("\(count) \(name) cells written to \(output) in \(String(format: "%.2f", seconds)) s")
      }
    }

    func table<Space: EnumerableSpace>(_ space: Space) -> (csv: String, count: Int) {
      let cells = space.allCells
      return (space.cellTableCSV(cells), cells.count)
    }
  }

  struct Sample: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Draw cells uniformly at random, as CSV.",
      discussion: """
        Draws --count cells independently and uniformly over the space's distinct cells (a cell may
        come up twice), from the seed's `space-sample` random stream: the same seed gives the same
        cells on every machine. DARTS architectures are one `genotype` column, quoted (the text
        holds commas).

        Examples:
          agnet space sample nasbench101 --count 5 --seed 1
          agnet space sample nasbench201 --count 100 --seed 7 --output sample.csv
          agnet space sample darts --count 3
        """)

    @Argument(help: ArgumentHelp("The space: \(SpaceArgument.choices).", valueName: "name|file"))
    var space: SpaceArgument

    @Option(help: "How many cells to draw.")
    var count: Int = 10

    @Option(parsing: SeedArgument.parsing, help: "Random seed. (default: 0)", transform: SeedArgument.parse)
    var seed: UInt64 = 0

    @Option(name: .shortAndLong, help: "Write the CSV here instead of to standard output.")
    var output: String?

    func validate() throws {
      try requireFileName(output, option: "--output")
      guard count >= 0 else { throw ValidationError("--count must be 0 or more") }
      guard count <= 1_000_000 else { throw ValidationError("--count must be at most 1000000 (the CSV is built in memory)") }
    }

    func run() throws {
      try reportingInputErrors {
        try writeOutput(sample(try space.resolve().space), to: output)
      }
    }

    func sample<Space: SearchSpace>(_ space: Space) -> String {
      var rng = Xoshiro256StarStar(seed: seed, stream: "space-sample")
      return space.cellTableCSV((0..<count).map { _ in space.randomCell(using: &rng) })
    }
  }

  struct Info: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Describe the spaces: cells, node vocabulary, encoding size, cell formats.",
      discussion: """
        Examples:
          agnet space info
          agnet space info darts
        """)

    @Argument(help: ArgumentHelp("The space: \(SpaceArgument.choices) (default: every built-in space).", valueName: "name|file"))
    var space: SpaceArgument?

    func run() throws {
      try reportingInputErrors {
        for choice in try self.space.map({ [try $0.resolve()] }) ?? BuiltInSpace.allCases.map(SpaceChoice.builtIn) {
          switch choice {
          case .builtIn(let space): describe(space.space, cells: String(space.distinctCells), textForm: space.cellTextForm, example: space.exampleCell)
          case .file(let space):
            let (count, exact) = space.cellCount()
            var rng = Xoshiro256StarStar(seed: 0, stream: "space-sample")
            describe(space, cells: exact ? String(Int(count)) : "about \(String(format: "%.3g", count)) (estimate)",
                     textForm: "compact JSON (docs/spaces.md)", example: space.format(space.randomCell(using: &rng)))
          }
        }
      }
    }

    func describe<Space: SearchSpace>(_ space: Space, cells: String, textForm: String, example: String) {
      let vocabulary = space.vocabulary
      print("""
        \(space.name)
          distinct cells:  \(cells)
          node types (A):  \(vocabulary.typeCount): \(vocabulary.nodeTypes.joined(separator: ", "))
          max nodes (N):   \(vocabulary.maxNodes)
          len(y):          \(vocabulary.encodingLength)
          table columns:   \(space.cellColumns.joined(separator: ","))
          cell text:       \(textForm)
          example:         \(example)
        """)
    }
  }
}

/// Writes `text` to `path`, or to standard output when `path` is nil.
/// Refuses an empty file name for an option `writeOutput` writes to: it is a misuse of the command
/// line (exit 64), not a file that cannot be written.
func requireFileName(_ path: String?, option: String) throws {
  guard path != "" else { throw ValidationError("\(option) needs a file name.") }
}

func writeOutput(_ text: String, to path: String?) throws {
  guard let path else {
    FileHandle.standardOutput.write(Data(text.utf8))
    return
  }
  do {
    try text.write(toFile: path, atomically: true, encoding: .utf8)
  } catch {
    throw InputError("cannot write the file: \(FileSystem.reason(error))", file: path)
  }
}
