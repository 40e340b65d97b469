import Randomness

/// What one family of space files (`SpaceFile.Family`) knows about a single cell DAG: which
/// cells are valid, how to draw, change, list and encode them. `FileSpace` combines one per cell
/// type and adds the text form.
protocol CellRules: Sendable {
  /// Node types after `output` and `input` in the AG-Net vocabulary (`input_1`… then the ops).
  var extraNodeTypes: [String] { get }
  /// N of one cell's AG-Net graph.
  var graphNodes: Int { get }
  /// Candidate cells a full enumeration would look at (an upper bound of the distinct cells);
  /// nil: more than fit an `Int`.
  var candidateCount: Int? { get }
  /// Whether `forEachCell` runs in about a minute.
  var isEnumerable: Bool { get }
  /// Calls `body` with every distinct valid cell once, in the family's enumeration order.
  func forEachCell(_ body: (FileCell.Part) -> Void)
  /// A valid cell from the family's generative process (uniform over valid cells except where
  /// `FileSpace.samplingNote` says otherwise).
  func randomPart(using rng: inout Xoshiro256StarStar) -> FileCell.Part
  /// Every valid cell one change away, in a fixed order, without duplicates or the cell itself.
  func neighbours(of part: FileCell.Part) -> [FileCell.Part]
  /// One random change giving a valid cell different from `part` (the cell itself only when it
  /// has no neighbour).
  func mutate(_ part: FileCell.Part, using rng: inout Xoshiro256StarStar) -> FileCell.Part
  /// The AG-Net graph (method document §9).
  func graph(of part: FileCell.Part) -> CellGraph
  /// The cell a graph stands for, or nil.
  func part(from graph: CellGraph) -> FileCell.Part?
  /// Why a cell of the right shape breaks the constraints, or nil when it is valid; turns a
  /// parsed structure into the stored (pruned, canonical) cell.
  func validated(_ part: FileCell.Part) -> Result<FileCell.Part, CellProblem>
}

/// Why a cell is not in the space, in words for messages.
struct CellProblem: Error {
  var reason: String
  init(_ reason: String) { self.reason = reason }
}

extension CellRules {
  /// `neighbours` drawn uniformly, the fallback of `mutate` for cells whose random changes
  /// rarely give valid cells.
  func uniformNeighbour(of part: FileCell.Part, using rng: inout Xoshiro256StarStar) -> FileCell.Part {
    let candidates = neighbours(of: part)
    return candidates.isEmpty ? part : candidates[rng.below(candidates.count)]
  }
}
