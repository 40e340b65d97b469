import AGNet
import ArgumentParser
import Benchmarks
import Foundation
import NeuralCore
import SearchSpaces

/// `agnet pretrain`: trains a generator on the cells of a space (method document §3).
struct PretrainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "pretrain",
    abstract: "Pretrain an AG-Net generator on the cells of a search space.",
    usage: "agnet pretrain --space <name|file> --output <output> [<options>]",
    discussion: """
      Draws z ~ N(0, I), decodes it and scores the logits against uniformly drawn cells of the \
      space (cross-entropy over node types + BCE over edges), Adam lr 2e-4, betas (0.5, 0.999), \
      batch 32. Every tick the state is checkpointed to FILE.partial; rerunning the same command \
      after an interruption resumes from it and produces the same FILE as an uninterrupted run. \
      The progress line shows samples/s, ETA, mean loss and the validity of 1,000 cells drawn \
      with z ~ U(−3, 3). At the end the written generator draws 10,000 cells (z ~ U(−3, 3)): \
      validity, distinct valid cells and, where the space can be counted, its coverage.

      By default the run follows the published checkpoint choice (--keep best-validity): every \
      tick (5,000 samples) the validity of 10,000 cells drawn with z ~ N(0, I) is measured, and \
      the generator written is the tick with the highest (the earliest on ties). This is how the \
      shipped generators were made; --keep last writes the final parameters instead (about three \
      times faster, no measurements).

      Examples:
        agnet pretrain --space nasbench201 --seed 0 --output nb201.agnet  # shipped
        agnet pretrain --space nasbench101 --seed 0 --output nb101.agnet
        agnet pretrain --space nasbench201 --samples 200000 --keep last \\
            --tick 50000 --output /tmp/short.agnet
      """)

  @Option(help: ArgumentHelp("Search space: \(SpaceArgument.choices) (darts: single cells, normal and reduction alike).",
                             valueName: "name|file"))
  var space: SpaceArgument

  @Option(help: "Training samples (the published budget is 2,500,000).")
  var samples = 2_500_000

  @Option(parsing: SeedArgument.parsing, help: "Seed of the initialisation, latents and target cells. (default: 0)", transform: SeedArgument.parse)
  var seed: UInt64 = 0

  @Option(help: "Where to write the trained generator.")
  var output: String

  @Option(help: "Samples between checkpoints, progress reports and (with best-validity) measurements; the published 5,000 by default.")
  var tick = 5_000

  @Option(help: ArgumentHelp("Which parameters to write: best-validity (the tick whose 10,000 cells are most often valid, as the published best.model; the default) or last.",
                             valueName: "choice"))
  var keep = CheckpointSelection.bestValidity

  func validate() throws {
    guard samples > 0 else { throw ValidationError("--samples must be positive") }
    guard tick > 0 else { throw ValidationError("--tick must be positive") }
  }

  func run() throws {
    var options = PretrainingOptions(samples: samples, seed: seed)
    options.tickSamples = tick
    options.selection = keep
    try reportingFileErrors { try pretrain(space.resolve().generatorSpace, options: options) }
  }

  func pretrain<Space: SearchSpace>(_ space: Space, options: PretrainingOptions) throws {
    let url = URL(fileURLWithPath: output)
    let bar = ProgressLine()
    try Pretraining.train(space: space, options: options, output: url,
                          resumed: { done in FileHandle.standardError.write(Data("resuming from \(url.path).partial at \(done) samples\n".utf8)) },
                          progress: { bar.show($0) })
    bar.finish()
    print("wrote \(url.path)")
    let quality = GenerationQuality.measure(try Generator(contentsOf: url), on: space, seed: options.seed)
    print("\(quality.draws) generated cells (z ~ U(−3, 3), as `agnet generate --checkpoint \(url.path) --seed \(options.seed)`): \(quality.summary)")
  }
}

/// A one-line progress bar on standard error, redrawn in place.
final class ProgressLine {
  func show(_ p: PretrainingProgress) {
    let fraction = Double(p.samplesDone) / Double(p.totalSamples)
    let filled = Int(fraction * 30)
    let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: 30 - filled)
    let eta = Double(p.totalSamples - p.samplesDone) / max(p.samplesPerSecond, 1e-9)
    let line = String(format: "[%@] %d/%d  %.0f samples/s  ETA %dm%02ds  loss %.4f  validity %.1f%%",
                      bar, p.samplesDone, p.totalSamples, p.samplesPerSecond, Int(eta) / 60, Int(eta) % 60, p.loss, 100 * p.validity)
    FileHandle.standardError.write(Data(("\r" + line).utf8))
  }

  func finish() { FileHandle.standardError.write(Data("\n".utf8)) }
}

/// Runs a generator command's body; a bad checkpoint or input file becomes one line on stderr
/// and exit status 1, misuse (an unknown space) one line and exit status 64.
func reportingFileErrors(_ body: () throws -> Void) throws {
  try reportingInputErrors {
    do { try body() } catch let error as CheckpointError {
      printError(error.description)
      throw ExitCode(1)
    }
  }
}

extension CheckpointSelection: ExpressibleByArgument {}
