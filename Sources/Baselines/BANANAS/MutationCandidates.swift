import Optimization
import Randomness
import SearchSpaces

/// The candidates of one BANANAS round: mutations of the best cells so far.
///
/// The best cell is mutated `count` times, then the next best, and so on through `parents`,
/// until there are `count` candidates (the reference code's `get_candidates`). A mutation that is
/// already queried (the parent itself included) or already a candidate is dropped. On a sampled table a
/// mutation outside the domain cannot be scored: it is drawn again without using up one of the
/// parent's draws (at most 100 times as many draws in all), so that a sampled table gets as many
/// candidates as the full space.
struct MutationCandidates<Cell: Hashable> {
  var cells: [Cell] = []
  /// Draws dropped because the cell was already queried or a candidate.
  var duplicates = 0
  /// Draws outside the domain.
  var outsideDomain = 0

  init(parents: [Cell], count: Int, excluding taken: Set<Cell>, contains: (Cell) -> Bool,
       mutate: (Cell, inout Xoshiro256StarStar) -> Cell, using rng: inout Xoshiro256StarStar) {
    var known = taken
    for parent in parents {
      var draws = 0
      var attempts = 0
      while cells.count < count && draws < count && attempts < 100 * count {
        attempts += 1
        let child = mutate(parent, &rng)
        guard contains(child) else {
          outsideDomain += 1
          continue
        }
        draws += 1
        if !known.insert(child).inserted {
          duplicates += 1
          continue
        }
        cells.append(child)
      }
      if cells.count >= count { break }
    }
  }
}
