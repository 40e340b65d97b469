import Randomness

/// A space of cells: what every optimizer, benchmark and encoder is generic over.
///
/// Cells are values (`NASBench201Cell`, `NASBench101Cell`); strings appear only at the edges
/// (`parseCell`, `format`).
public protocol SearchSpace: Sendable {
  associatedtype Cell: Hashable, Sendable, Codable

  /// The space's name on the command line and in files: `nasbench201`, `nasbench101`.
  var name: String { get }
  /// Node vocabulary and size of the AG-Net graph encoding.
  var vocabulary: GraphVocabulary { get }

  /// Parses the space's textual cell form; throws `InputError` naming what is wrong.
  func parseCell(_ text: String) throws -> Cell
  /// The textual form `parseCell` reads back.
  func format(_ cell: Cell) -> String

  /// The columns that identify a cell in a benchmark table: `arch` for NAS-Bench-201;
  /// `hash, vertices, adjacency_bits, ops` for NAS-Bench-101 (Sources/Benchmarks/Data/README.md).
  var cellColumns: [String] { get }
  /// Reads a cell from the texts of `cellColumns`, in that order; throws `InputError`.
  func parseCell(columns: [Substring]) throws -> Cell
  /// The texts of `cellColumns` for a cell, for writing tables.
  func cellColumnValues(_ cell: Cell) -> [String]

  /// How many distinct cells `randomCell` draws from (nil: too many to matter); a run's budget
  /// cannot exceed it.
  var distinctCellCount: Int? { get }
  /// A cell drawn uniformly over the distinct cells of the space.
  func randomCell(using rng: inout Xoshiro256StarStar) -> Cell
  /// Every cell one elementary change away (NAS-Bench-201: one edge's op; NAS-Bench-101: one op,
  /// one edge toggled or one edge split by a new vertex, kept only when valid), in a fixed order,
  /// without duplicates.
  func neighbours(of cell: Cell) -> [Cell]
  /// One random elementary change, redrawn until the result is a valid cell different from `cell`.
  func mutate(_ cell: Cell, using rng: inout Xoshiro256StarStar) -> Cell

  /// The AG-Net graph of a cell.
  func graph(of cell: Cell) -> CellGraph
  /// The cell a generated graph stands for, or nil when the graph is not a valid cell.
  func cell(from graph: CellGraph) -> Cell?
}

extension SearchSpace {
  public var distinctCellCount: Int? { nil }

  /// The flat AG-Net encoding `y` of a cell.
  public func encoding(of cell: Cell) -> [Float] { vocabulary.encoding(of: graph(of: cell)) }
}
