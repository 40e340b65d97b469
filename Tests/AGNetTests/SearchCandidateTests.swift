import XCTest
import Randomness
@testable import AGNet

/// Candidate generation against a scripted decoder: cells are integers, the decoder maps a latent
/// batch to fixed cells, so every counting rule can be checked exactly.
final class SearchCandidateTests: XCTestCase {
  typealias Round = CandidateRound<Int>

  /// Decodes latent i of every batch to `cells[(offset + i) % cells.count]` (nil = invalid) and
  /// predicts `Float(cell)`.
  final class ScriptedDecoder {
    let cells: [Int?]
    var offset = 0
    var batches: [Int] = []
    init(_ cells: [Int?]) { self.cells = cells }
    func decode(_ latents: [Float], _ count: Int, _ rng: inout Xoshiro256StarStar) -> [Round.Decoded] {
      XCTAssertEqual(latents.count, count * 4)
      batches.append(count)
      defer { offset += count }
      return (0..<count).map { i in
        let cell = cells[(offset + i) % cells.count]
        return Round.Decoded(cell: cell, predicted: Float(cell ?? -1))
      }
    }
  }

  func run(_ decoder: ScriptedDecoder, wanted: Int, excluded: Set<Int> = [], inDomain: @escaping (Int) -> Bool = { _ in true }) -> Round {
    var rng = Xoshiro256StarStar(seed: 9)
    return Round.run(batchSizes: [10, 20, 30], wanted: wanted, latentSize: 4, latents: .uniform3, excluded: excluded,
                     isInDomain: inDomain, decode: decoder.decode, using: &rng)
  }

  func testGrowingBatchesUntilMoreThanWantedThenKeepWanted() {
    // Every latent is a new valid cell: 10 are not more than 10, so a second batch runs.
    let decoder = ScriptedDecoder((0..<1000).map { $0 })
    let round = run(decoder, wanted: 10)
    XCTAssertEqual(decoder.batches, [10, 20])
    XCTAssertEqual(round.generated, 30)
    XCTAssertEqual(round.candidates.count, 10)
    XCTAssertEqual(Set(round.candidates.map(\.cell)).count, 10)
    XCTAssertTrue(round.candidates.allSatisfy { $0.cell < 30 })
  }

  func testInvalidRepeatedAndOutOfDomainCellsAreCounted() {
    // Pattern of 5: invalid, queried (7), new, out of domain (odd ≥ 1001), new.
    var cells: [Int?] = []
    for k in 0..<20 { cells += [nil, 7, 2 * k, 1001 + 2 * k, 100 + 2 * k] }
    let decoder = ScriptedDecoder(cells)
    let round = run(decoder, wanted: 1000, excluded: [7], inDomain: { $0 < 1000 })
    XCTAssertEqual(decoder.batches, [10, 20, 30], "never more than wanted: every batch runs")
    XCTAssertEqual(round.generated, 60)
    XCTAssertEqual(round.valid, 48)
    XCTAssertEqual(round.skippedNotInDomain, 12)
    // 12 decodes of the queried cell 7, and the pattern repeats after 100 latents (not reached).
    XCTAssertEqual(round.repeated, 12)
    XCTAssertEqual(round.candidates.count, 24)
    XCTAssertEqual(round.validity, 0.8, accuracy: 1e-12)
  }

  func testACellDecodedTwiceIsOneCandidateWithItsFirstPrediction() {
    let decoder = ScriptedDecoder([3, 3, 4])
    let round = run(decoder, wanted: 100)
    XCTAssertEqual(round.candidates.map(\.cell), [3, 4])
    XCTAssertEqual(round.repeated, 58)
  }

  func testBestOrdersByPredictionWithNaNLast() {
    var round = Round()
    round.candidates = [.init(cell: 1, predicted: 0.5), .init(cell: 2, predicted: .nan), .init(cell: 3, predicted: 0.9),
                        .init(cell: 4, predicted: 0.5)]
    XCTAssertEqual(round.best(3).map(\.cell), [3, 1, 4])
    XCTAssertEqual(round.best(10).map(\.cell), [3, 1, 4, 2])
  }
}
