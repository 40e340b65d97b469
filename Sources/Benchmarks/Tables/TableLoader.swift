import Foundation
import SearchSpaces

/// Reads a table file of any space into a `TabularBenchmark`: the space's cell columns identify
/// each row, the schema says which numeric columns to read and how strictly.
///
/// Errors are `InputError`s naming the file and line: a missing or duplicate column, a row with
/// the wrong number of fields, a cell the space cannot parse, a cell that repeats, an empty field
/// where a value is required, a value that is not a finite decimal number (`nan` and `inf` are
/// not numbers here: a missing value is an empty field, and only where the schema allows it).
public enum TableLoader {
  /// Loads `file` as a benchmark named `name`. `searchMetric` and `reportMetric` must be columns
  /// the schema reads.
  public static func load<Space: SearchSpace>(
    _ file: URL, space: Space, schema: TableSchema, name: String,
    searchMetric: String, reportMetric: String?, notes: [String] = []
  ) throws -> TabularBenchmark<Space> {
    let contents = try read(file, space: space, schema: schema)
    return try contents.benchmark(name: name, searchMetric: searchMetric, reportMetric: reportMetric, notes: notes)
  }

  /// The rows of `file` as cells and numeric columns.
  static func read<Space: SearchSpace>(_ file: URL, space: Space, schema: TableSchema) throws -> TableContents<Space> {
    var reader = try CSVReader(contentsOf: file)
    return try read(&reader, space: space, schema: schema)
  }

  static func read<Space: SearchSpace>(_ reader: inout CSVReader, space: Space, schema: TableSchema) throws -> TableContents<Space> {
    let path = reader.path
    let plan = try ColumnPlan(header: reader.header, cellColumns: space.cellColumns, schema: schema,
                              path: path, headerLine: reader.headerLine)
    let expectedRows = reader.bytes.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
    var cells: [Space.Cell] = []
    var lines: [Int] = []
    cells.reserveCapacity(expectedRows)
    lines.reserveCapacity(expectedRows)
    var values = [[Double]](repeating: [], count: plan.numeric.count)
    for k in values.indices { values[k].reserveCapacity(expectedRows) }
    var lineOfCell: [Space.Cell: Int] = [:]
    lineOfCell.reserveCapacity(expectedRows)
    var lineOfIndex: [Int: Int] = [:]

    var fields: [CSVReader.Field] = []
    var cellTexts: [Substring] = []
    let bytes = reader.bytes
    try bytes.withUnsafeBufferPointer { buffer in
      while try reader.nextRow(into: &fields) {
        let line = reader.line
        cellTexts.removeAll(keepingCapacity: true)
        for position in plan.cellPositions { cellTexts.append(Substring(reader.text(of: fields[position]))) }
        let cell: Space.Cell
        do { cell = try space.parseCell(columns: cellTexts) } catch let error as InputError {
          throw error.at(file: path, line: line)
        }
        if let first = lineOfCell.updateValue(line, forKey: cell) {
          throw InputError("duplicate cell \(cellTexts.joined(separator: ",")) (first on line \(first))", file: path, line: line)
        }
        cells.append(cell)
        lines.append(line)
        for (k, column) in plan.numeric.enumerated() {
          let field = fields[column.position]
          let value = try number(in: buffer, field, column: column, bytes: bytes, path: path, line: line)
          if column.isIndex {
            guard value >= 0, value == value.rounded(), value < 1e15 else {
              throw InputError("column 'index': \(InputError.quoted(CSVReader.text(of: field, in: bytes))) is not a non-negative integer", file: path, line: line)
            }
            if let first = lineOfIndex.updateValue(line, forKey: Int(value)) {
              throw InputError("duplicate index \(Int(value)) (first on line \(first))", file: path, line: line)
            }
          }
          values[k].append(value)
        }
      }
    }
    guard !cells.isEmpty else { throw InputError("the table has a header but no rows", file: path) }
    var columns: [String: [Double]] = [:]
    for (k, column) in plan.numeric.enumerated() { columns[column.name] = values[k] }
    return TableContents(space: space, source: path, cells: cells, lines: lines,
                         columnNames: plan.numeric.map(\.name), columns: columns)
  }

  private static func number(in buffer: UnsafeBufferPointer<UInt8>, _ field: CSVReader.Field, column: ColumnPlan.Numeric,
                             bytes: [UInt8], path: String, line: Int) throws -> Double {
    if field.isEmpty {
      if column.allowsEmpty { return .nan }
      throw InputError("column \(InputError.quoted(column.name)) is empty; every row needs a value here", file: path, line: line)
    }
    switch DecimalParser.parse(buffer, field.start, field.end) {
    case .number(let value) where value == column.missingMarker:
      return .nan
    case .number(let value) where MeasuredValue.isAccepted(value):
      return value
    case .number, .outOfRange:
      throw InputError("column \(InputError.quoted(column.name)): \(InputError.quoted(CSVReader.text(of: field, in: bytes))) is out of range "
        + "(\(MeasuredValue.rangeText))", file: path, line: line)
    case .invalid:
      let text = CSVReader.text(of: field, in: bytes)
      let word = text.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "+-"))
      let advice: String
      if ["nan", "inf", "infinity", "na", "n/a", "null", "none"].contains(word) {
        advice = column.allowsEmpty
          ? "; leave the field empty where the value is unknown"
          : "; this column needs a finite value in every row"
      } else {
        advice = ""
      }
      throw InputError("column \(InputError.quoted(column.name)): \(InputError.quoted(text)) is not a number\(advice)", file: path, line: line)
    }
  }
}

/// Where each wanted column sits in a file's header.
struct ColumnPlan {
  struct Numeric {
    var name: String
    var position: Int
    var allowsEmpty: Bool
    var missingMarker: Double?
    /// Set once here rather than compared for every field.
    var isIndex: Bool

    init(name: String, position: Int, allowsEmpty: Bool, missingMarker: Double?) {
      self.name = name
      self.position = position
      self.allowsEmpty = allowsEmpty
      self.missingMarker = missingMarker
      isIndex = name == TableSchema.indexColumn
    }
  }

  var cellPositions: [Int]
  /// In file order.
  var numeric: [Numeric]

  init(header: [String], cellColumns: [String], schema: TableSchema, path: String, headerLine: Int) throws {
    func position(_ name: String) throws -> Int {
      guard let index = header.firstIndex(of: name) else {
        throw InputError("missing column \(InputError.quoted(name)); the columns are: \(InputError.listed(header))",
                         file: path, line: headerLine)
      }
      return index
    }
    cellPositions = try cellColumns.map(position)
    var rules: [String: TableSchema.Column] = [:]
    for column in schema.columns {
      if !column.optional { _ = try position(column.name) }
      rules[column.name] = column
    }
    numeric = []
    for (index, name) in header.enumerated() where !cellColumns.contains(name) {
      if name == TableSchema.indexColumn {
        numeric.append(Numeric(name: name, position: index, allowsEmpty: false, missingMarker: nil))
      } else if let rule = rules[name] {
        numeric.append(Numeric(name: name, position: index, allowsEmpty: rule.allowsEmpty, missingMarker: rule.missingMarker))
      } else if schema.otherColumns == .numericAllowingEmpty {
        numeric.append(Numeric(name: name, position: index, allowsEmpty: true, missingMarker: nil))
      }
    }
  }
}

/// A table as read: cells, the line each came from, numeric columns (NaN = missing).
struct TableContents<Space: SearchSpace> {
  var space: Space
  var source: String
  var cells: [Space.Cell]
  var lines: [Int]
  var columnNames: [String]
  var columns: [String: [Double]]

  func benchmark(name: String, searchMetric: String, reportMetric: String?, notes: [String]) throws -> TabularBenchmark<Space> {
    try TabularBenchmark(space: space, name: name, source: source, cells: cells, columnNames: columnNames,
                         columns: columns, searchMetric: searchMetric, reportMetric: reportMetric, notes: notes)
  }
}
