import AGNet
import ArgumentParser
import Benchmarks
import Foundation
import NeuralCore
import Randomness
import Runs
import SearchSpaces

/// `agnet generate`: draws cells from a generator and measures them against the space.
struct GenerateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "generate",
    abstract: "Draw cells from a pretrained generator: validity, uniqueness, coverage, frequencies.",
    usage: "agnet generate [<options>]",
    discussion: """
      Decodes COUNT latent vectors and samples one cell from each. Prints validity, uniqueness
      (distinct valid / valid), coverage of the space, node-type and edge frequencies beside the
      space's own, and two "learnt nothing" baselines that draw node types and edges independently
      with the space's own frequencies: per position and edge slot (also what the pretraining
      objective converges to, since targets are drawn independently of z), and pooled over
      positions and slots. The last line reads
      `validity=<v> unique=<u> distinct=<n>`.
      Without --checkpoint the shipped generator of --space is used (models/<space>-generator.agnet);
      a space file has none: pass the generator `agnet pretrain --space FILE` wrote, with --space FILE.
      --cells writes the valid cells drawn, one per line in draw order, in the space's cell text
      (`agnet space info`; a DARTS generator draws single cells: `[('sep_conv_3x3', 0), …]`).

      Examples:
        agnet generate --space nasbench201 --count 10000 --seed 1
        agnet generate --space darts --count 20 --seed 1 --cells darts-cells.txt
        agnet generate --checkpoint nb201.agnet --count 10000 --seed 1 \\
            --latent normal --output quality.json
      """)

  @Option(help: "Generator file written by `agnet pretrain` (default: the shipped one of --space).")
  var checkpoint: String?

  @Option(help: ArgumentHelp("Search space: \(SpaceArgument.choices) (read from the checkpoint when omitted).", valueName: "name|file"))
  var space: SpaceArgument?

  @Option(help: "Number of cells to draw.")
  var count = 10_000

  @Option(parsing: SeedArgument.parsing, help: "Seed of the latents and the sampling. (default: 0)", transform: SeedArgument.parse)
  var seed: UInt64 = 0

  @Option(help: "Latent distribution: uniform3 (U(−3, 3), what the search uses) or normal (N(0, I)).")
  var latent = "uniform3"

  @Option(help: "Also write the measurements as JSON to this file.")
  var output: String?

  @Option(help: ArgumentHelp("Also write the valid cells drawn to this file, one per line.", valueName: "file"))
  var cells: String?

  func validate() throws {
    try requireFileName(output, option: "--output")
    try requireFileName(cells, option: "--cells")
    guard count > 0 else { throw ValidationError("--count must be positive") }
    guard count <= 1_000_000 else { throw ValidationError("--count must be at most 1000000 (every draw is kept in memory)") }
    guard LatentDistribution(name: latent) != nil else { throw ValidationError("--latent must be uniform3 or normal") }
    guard checkpoint != nil || space != nil else { throw ValidationError("give --space (for the shipped generator) or --checkpoint") }
  }

  func run() throws {
    try reportingFileErrors {
      let given = try space?.resolve()
      if checkpoint == nil, let file = given?.fileSpace {
        throw UsageError("no generator ships for the space file \(InputError.quoted(space!.text)) (\(file.name)); "
          + "pass --checkpoint G, made by `agnet pretrain --space \(space!.text) --output G`")
      }
      let url = try checkpoint.map { URL(fileURLWithPath: $0) } ?? ShippedGenerator.url(space: given!.name)
      let file = try Checkpoint(contentsOf: url)
      let chosen = try resolveSpace(given, file: file, path: url.path)
      let generator = try Generator(checkpoint: file, file: url.path)
      func measure<Space: SearchSpace>(_ space: Space) throws {
        try file.requireGenerator(of: space, file: url.path)
        try report(space, size: chosen.builtIn?.distinctGeneratorCells ?? space.distinctCellCount, generator: generator, path: url.path)
      }
      try measure(chosen.generatorSpace)
    }
  }

  /// The space given, else the built-in space the generator file names (a space file's generator
  /// needs --space FILE: the file records the space's fingerprint, not where the file is).
  func resolveSpace(_ space: SpaceChoice?, file: Checkpoint, path: String) throws -> SpaceChoice {
    if let space { return space }
    guard let recorded = GeneratorProvenance(metadata: file.metadata) else { throw CheckpointError("does not name its space; pass --space", file: path) }
    guard recorded.fingerprint == nil, let builtIn = BuiltInSpace(rawValue: recorded.space) else {
      throw CheckpointError("was pretrained on \(recorded.description); pass that space file with --space FILE", file: path)
    }
    return .builtIn(builtIn)
  }

  func report<Space: SearchSpace>(_ space: Space, size: Int?, generator: Generator, path: String) throws {
    guard generator.configuration.vocabulary == space.vocabulary else {
      throw CheckpointError("generator vocabulary does not match \(space.name)", file: path)
    }
    let distribution = LatentDistribution(name: latent)!
    let reference = SpaceFrequencies(space: space, seed: seed)
    var rng = Xoshiro256StarStar(seed: seed, stream: "generate")
    let graphs = generator.sampleGraphs(count: count, latent: distribution, using: &rng)
    let quality = GenerationQuality(graphs: graphs, space: space, reference: reference, spaceSize: size)
    let baseline = GenerationQuality(graphs: reference.independentGraphs(count: count, seed: seed), space: space,
                                     reference: reference, spaceSize: size)
    let pooledBaseline = GenerationQuality(graphs: reference.pooled.independentGraphs(count: count, seed: seed), space: space,
                                           reference: reference, spaceSize: size)
    print("generator \(path): \(space.name), \(generator.parameters.count) parameters; \(count) draws, latent \(latent), seed \(seed)")
    print(String(format: "validity %.4f  uniqueness %.4f  distinct valid %d", quality.validity, quality.uniqueness, quality.distinctValid)
      + (size.map { String(format: "  coverage %.2f%% of %d", 100 * (quality.coverage ?? 0), $0) } ?? ""))
    print("node type          generated   space")
    for name in space.vocabulary.nodeTypes {
      let label = name.padding(toLength: 16, withPad: " ", startingAt: 0)
      print("  " + label + String(format: "%9.4f %8.4f", quality.nodeTypeFrequencies[name] ?? 0, quality.spaceNodeTypeFrequencies[name] ?? 0))
    }
    print("edge (i→j)         generated   space")
    let nodes = space.vocabulary.maxNodes
    for j in 1..<nodes {
      for i in 0..<j {
        let slot = CellGraph.edgeIndex(from: i, to: j)
        let (g, s) = (quality.edgeFrequencies[slot], quality.spaceEdgeFrequencies[slot])
        let label = "\(i)→\(j)".padding(toLength: 16, withPad: " ", startingAt: 0)
        if max(g, s) >= 0.005 { print("  " + label + String(format: "%9.4f %8.4f", g, s)) }
      }
    }
    print(String(format: "baseline, independent draws at the space's per-position frequencies: validity %.4f  distinct valid %d",
                 baseline.validity, baseline.distinctValid))
    print(String(format: "baseline, independent draws at the space's pooled frequencies:       validity %.4f  distinct valid %d",
                 pooledBaseline.validity, pooledBaseline.distinctValid))
    if let output {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
      let data = try encoder.encode(GenerateReport(checkpoint: path, latent: latent, seed: seed, generated: quality, baseline: baseline,
                                                   pooledBaseline: pooledBaseline))
      do { try data.write(to: URL(fileURLWithPath: output)) } catch {
        throw CheckpointError("cannot write the file: \(FileSystem.reason(error))", file: output)
      }
    }
    if let cells {
      let lines = graphs.compactMap(space.cell(from:)).map { space.format($0) + "\n" }
      try writeOutput(lines.joined(), to: cells)
    }
    print(String(format: "validity=%.4f unique=%.4f distinct=%d", quality.validity, quality.uniqueness, quality.distinctValid))
  }
}

/// The JSON written by `agnet generate --output`.
struct GenerateReport: Encodable {
  var checkpoint: String
  var latent: String
  var seed: UInt64
  var generated: GenerationQuality
  var baseline: GenerationQuality
  var pooledBaseline: GenerationQuality
}
