import SearchSpaces

/// A table of measured results over cells of one space: what a search queries instead of training.
///
/// The full table (search metric, report metric, costs) belongs to the runner and the reports.
/// Optimizers never hold one: they see the cells they may propose (`SearchDomain`), and the runner
/// tells them the search metric and chosen costs of the cells they ask for, never the report metric.
public final class TabularBenchmark<Space: SearchSpace>: @unchecked Sendable {
  public let space: Space
  /// e.g. "nasbench201/cifar10"; used in reports.
  public let name: String
  /// The file the table was read from (for messages).
  public let source: String
  /// Cells in table order.
  public let cells: [Space.Cell]
  /// The column an optimizer sees, e.g. `cifar10_valid_acc`.
  public let searchMetric: String
  /// The column reported for the chosen cell (e.g. `cifar10_test_acc`); nil when the table has none.
  public let reportMetric: String?
  /// Numeric columns in file order; NaN marks a value the table does not have.
  public let columnNames: [String]
  /// Facts about the table worth telling a user (e.g. that it has no test accuracy), one line each.
  public let notes: [String]
  private let columns: [String: [Double]]
  private let rowOfCell: [Space.Cell: Int]
  /// Set when the table comes from a `TableSnapshot`, which saved it.
  private let savedFingerprint: String?

  /// A table from already parsed columns. Every column has one value per cell; NaN = missing.
  /// Throws when a cell repeats, a column has the wrong length, or a named metric is absent.
  public convenience init(space: Space, name: String, source: String, cells: [Space.Cell], columnNames: [String],
                          columns: [String: [Double]], searchMetric: String, reportMetric: String?,
                          notes: [String] = []) throws {
    try self.init(space: space, name: name, source: source, cells: cells, columnNames: columnNames, columns: columns,
                  searchMetric: searchMetric, reportMetric: reportMetric, notes: notes, fingerprint: nil)
  }

  init(space: Space, name: String, source: String, cells: [Space.Cell], columnNames: [String],
       columns: [String: [Double]], searchMetric: String, reportMetric: String?,
       notes: [String], fingerprint: String?) throws {
    var rows: [Space.Cell: Int] = [:]
    rows.reserveCapacity(cells.count)
    for (row, cell) in cells.enumerated() {
      if let first = rows.updateValue(row, forKey: cell) {
        throw InputError("duplicate cell \(space.format(cell)) (rows \(first + 1) and \(row + 1))", file: source)
      }
    }
    for column in columnNames {
      guard let values = columns[column], values.count == cells.count else {
        throw InputError("column \(InputError.quoted(column)) must have one value per cell", file: source)
      }
    }
    for metric in [searchMetric] + (reportMetric.map { [$0] } ?? []) where columns[metric] == nil {
      throw InputError("no column \(InputError.quoted(metric)); columns are: \(InputError.listed(columnNames))", file: source)
    }
    self.space = space
    self.name = name
    self.source = source
    self.cells = cells
    self.columnNames = columnNames
    self.columns = columns
    self.rowOfCell = rows
    self.searchMetric = searchMetric
    self.reportMetric = reportMetric
    self.notes = notes
    savedFingerprint = fingerprint
  }

  /// FNV-1a (64 bits, hex) over every cell's text and the bits of its search and report values, in
  /// table order: what a run records of its table (`TableIdentity`) to refuse another one on
  /// restart.
  public var fingerprint: String {
    if let savedFingerprint { return savedFingerprint }
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    func mix(_ byte: UInt8) {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01B3
    }
    func mix(_ value: Double?) {
      var bits = (value ?? .nan).bitPattern
      for _ in 0..<8 {
        mix(UInt8(truncatingIfNeeded: bits))
        bits >>= 8
      }
    }
    // Columns are in table order, like `cells`: reading them by row spares two hash look-ups a
    // cell. A missing value (NaN) hashes as nil.
    let search = columns[searchMetric]!
    let report = reportMetric.map { columns[$0]! }
    for (row, cell) in cells.enumerated() {
      for byte in space.format(cell).utf8 { mix(byte) }
      mix(0)
      mix(search[row].isNaN ? nil : search[row])
      mix(report.flatMap { $0[row].isNaN ? nil : $0[row] })
    }
    return String(hash, radix: 16)
  }

  public var count: Int { cells.count }

  public func contains(_ cell: Space.Cell) -> Bool { rowOfCell[cell] != nil }

  public func row(of cell: Space.Cell) -> Int? { rowOfCell[cell] }

  /// The value of `column` for `cell`; nil when the cell is not in the table or has no value there.
  /// Throws only for an unknown column.
  public func value(_ column: String, of cell: Space.Cell) throws -> Double? {
    guard let values = columns[column] else {
      throw InputError("no column \(InputError.quoted(column)) in \(name); columns are: \(InputError.listed(columnNames))", file: source)
    }
    guard let row = rowOfCell[cell] else { return nil }
    let v = values[row]
    return v.isNaN ? nil : v
  }

  /// All values of a column in table order (NaN where missing).
  public func column(_ column: String) throws -> [Double] {
    guard let values = columns[column] else {
      throw InputError("no column \(InputError.quoted(column)) in \(name); columns are: \(InputError.listed(columnNames))", file: source)
    }
    return values
  }

  public func searchValue(of cell: Space.Cell) -> Double? { try! value(searchMetric, of: cell) }

  /// The report metric of a cell (falls back to the search metric where the table has no report
  /// metric, so a report is never empty; `hasReportMetric` says which it is).
  public func reportValue(of cell: Space.Cell) -> Double? { try! value(reportMetric ?? searchMetric, of: cell) }

  public var hasReportMetric: Bool { reportMetric != nil }

  /// Throws unless the table has every cost column a run names (`--cost`) and no cost there is
  /// negative (a "not measured" mark of a known source is read as missing when the table loads).
  public func requireCostColumns(_ names: [String]) throws {
    for cost in names {
      guard let values = columns[cost] else {
        throw InputError("no cost column \(InputError.quoted(cost)) in \(name); columns are: \(InputError.listed(columnNames))", file: source)
      }
      if let row = values.firstIndex(where: { !$0.isNaN && !MeasuredValue.isAcceptedCost($0) }) {
        throw InputError("cost column \(InputError.quoted(cost)) has \(values[row]) for cell \(space.format(cells[row])) (table row \(row + 1)); "
          + "\(MeasuredValue.costRangeText); leave the field empty where a cost was not measured", file: source)
      }
    }
  }
}
