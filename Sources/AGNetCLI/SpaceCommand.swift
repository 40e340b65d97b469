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
    abstract: "List, sample and describe the search spaces (NAS-Bench-101, NAS-Bench-201).",
    subcommands: [Enumerate.self, Sample.self, Info.self])

  enum Name: String, ExpressibleByArgument, CaseIterable {
    case nasbench101, nasbench201
  }

  struct Enumerate: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write every distinct cell of a space as CSV.",
      discussion: """
        Columns are the space's cell columns: `hash,vertices,adjacency_bits,ops` for NAS-Bench-101
        (one row per fingerprint, the official representative, in the official enumeration order:
        the same cells as nasbench101_cells.csv), `arch` for NAS-Bench-201 (15,625 rows, by index).

        Examples:
          agnet space enumerate nasbench101 --output nb101_cells.csv
          agnet space enumerate nasbench201 | head
        """)

    @Argument(help: "nasbench101 or nasbench201.")
    var space: Name

    @Option(name: .shortAndLong, help: "Write the CSV here instead of to standard output.")
    var output: String?

    func run() throws {
      let start = DispatchTime.now().uptimeNanoseconds
      let csv: String
      let count: Int
      switch space {
      case .nasbench101:
        let cells = NASBench101Space.enumeratedCells
        (csv, count) = (NASBench101Space().cellTableCSV(cells), cells.count)
      case .nasbench201:
        let space = NASBench201Space()
        (csv, count) = (space.cellTableCSV(space.allCells), space.allCells.count)
      }
      try reportingInputErrors { try writeOutput(csv, to: output) }
      let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
      if let output {
        print("\(count) \(space.rawValue) cells written to \(output) in \(String(format: "%.2f", seconds)) s")
      }
    }
  }

  struct Sample: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Draw cells uniformly at random, as CSV.",
      discussion: """
        Draws --count cells independently and uniformly over the space's distinct cells (a cell may
        come up twice), from the seed's `space-sample` random stream: the same seed gives the same
        cells on every machine.

        Examples:
          agnet space sample nasbench101 --count 5 --seed 1
          agnet space sample nasbench201 --count 100 --seed 7 --output sample.csv
        """)

    @Argument(help: "nasbench101 or nasbench201.")
    var space: Name

    @Option(help: "How many cells to draw.")
    var count: Int = 10

    @Option(help: "Random seed.")
    var seed: UInt64 = 0

    @Option(name: .shortAndLong, help: "Write the CSV here instead of to standard output.")
    var output: String?

    func validate() throws {
      guard count >= 0 else { throw ValidationError("--count must be 0 or more") }
      guard count <= 1_000_000 else { throw ValidationError("--count must be at most 1000000 (the CSV is built in memory)") }
    }

    func run() throws {
      try reportingInputErrors {
        switch space {
        case .nasbench101: try writeOutput(sample(NASBench101Space()), to: output)
        case .nasbench201: try writeOutput(sample(NASBench201Space()), to: output)
        }
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
          agnet space info nasbench101
        """)

    @Argument(help: "nasbench101 or nasbench201 (default: both).")
    var space: Name?

    func run() {
      for name in space.map({ [$0] }) ?? Name.allCases {
        switch name {
        case .nasbench101:
          describe(NASBench101Space(), cells: NASBench101Enumeration.cellCount, example: "7:1101347:10200",
                   textForm: "vertices:adjacency_bits:ops (edge x→y is bit y·(y−1)/2+x; ops 0 conv3x3, 1 conv1x1, 2 maxpool3x3), or a 32-hex-digit hash")
        case .nasbench201:
          describe(NASBench201Space(), cells: NASBench201Cell.cellCount,
                   example: "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|",
                   textForm: "NAS-Bench-201 arch string")
        }
      }
    }

    func describe<Space: SearchSpace>(_ space: Space, cells: Int, example: String, textForm: String) {
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
