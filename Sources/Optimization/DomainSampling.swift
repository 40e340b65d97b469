import Randomness
import SearchSpaces

extension SearchDomain {
  /// A cell drawn uniformly among the domain's cells that are not in `excluded`; nil when none is
  /// left.
  ///
  /// Draws by rejection (cheap while few cells are excluded); a domain given by its members falls
  /// back, after a few rejections, to a uniform choice among the remaining members, which is still
  /// uniform and never loops on a nearly exhausted table. A whole space (no member list) gives up
  /// after 100,000 rejections: only a search that has evaluated almost all of a space gets there.
  public func randomCell(excluding excluded: Set<Space.Cell>, using rng: inout Xoshiro256StarStar) -> Space.Cell? {
    if let members {
      for _ in 0..<32 {
        let cell = members[rng.below(members.count)]
        if !excluded.contains(cell) { return cell }
      }
      let remaining = members.filter { !excluded.contains($0) }
      return remaining.isEmpty ? nil : remaining[rng.below(remaining.count)]
    }
    for _ in 0..<100_000 {
      let cell = space.randomCell(using: &rng)
      if !excluded.contains(cell) { return cell }
    }
    return nil
  }

  /// Up to `count` distinct cells drawn uniformly among those not in `excluded` (fewer only when
  /// the domain runs out).
  public func randomCells(_ count: Int, excluding excluded: Set<Space.Cell>,
                          using rng: inout Xoshiro256StarStar) -> [Space.Cell] {
    var taken = excluded
    var result: [Space.Cell] = []
    while result.count < count, let cell = randomCell(excluding: taken, using: &rng) {
      result.append(cell)
      taken.insert(cell)
    }
    return result
  }
}

extension SearchDomain {
  /// The random part of an ask for `limit` cells by a method that opens with `initialCells`
  /// uniform random cells (BANANAS, `agnet-plus`): the whole first ask, then what is missing to
  /// `initialCells`; `modelSlots` are the cells left for the method's model (0 once the domain
  /// runs out of cells never told).
  public func openingCells(limit: Int, initialCells: Int, history: EvaluationHistory<Space.Cell>,
                           using rng: inout Xoshiro256StarStar) -> (cells: [Space.Cell], modelSlots: Int) {
    let randomSlots = history.count == 0 ? limit : min(limit, max(0, initialCells - history.count))
    let cells = randomCells(randomSlots, excluding: history.cellSet, using: &rng)
    return (cells, cells.count == randomSlots ? limit - cells.count : 0)
  }
}
