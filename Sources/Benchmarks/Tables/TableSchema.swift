/// Which numeric columns a loader reads from a table file and how strictly.
///
/// Cell columns come from the space (`SearchSpace.cellColumns`); an `index` column, when the file
/// has one, is always read as a non-negative integer that identifies the row (the NAS-Bench-201 /
/// NATS-Bench topology index) and kept as a numeric column named `index`.
public struct TableSchema: Sendable, Equatable {
  /// One numeric column the schema names.
  public struct Column: Sendable, Equatable {
    public var name: String
    /// false: a file without this column is an error; true: the column is read when present.
    public var optional: Bool
    /// false: an empty field is an error; true: an empty field is a missing value (NaN in the
    /// table, "not available" to a search, never 0).
    public var allowsEmpty: Bool
    /// A value the source writes for "not measured" (HW-NAS-Bench's -1 for Edge TPU latency); read
    /// as missing. Only for columns that allow empty fields.
    public var missingMarker: Double?

    public init(_ name: String, optional: Bool = false, allowsEmpty: Bool = false, missingMarker: Double? = nil) {
      precondition(missingMarker == nil || allowsEmpty, "a column with a missing-value marker must allow missing values")
      self.name = name
      self.optional = optional
      self.allowsEmpty = allowsEmpty
      self.missingMarker = missingMarker
    }
  }

  /// What happens to a column that is neither a cell column, `index`, nor in `columns`.
  public enum OtherColumns: Sendable, Equatable {
    /// Skipped unread (catalogue tables: another dataset's columns are not this benchmark's).
    case ignore
    /// Read as numeric columns in which an empty field is a missing value (a user's table: every
    /// extra column may serve as a cost). A value that is not a number is an error.
    case numericAllowingEmpty
  }

  public var columns: [Column]
  public var otherColumns: OtherColumns

  public init(columns: [Column], otherColumns: OtherColumns) {
    self.columns = columns
    self.otherColumns = otherColumns
  }

  /// The rule for a user's table: the search metric and the report metric (when given) must be
  /// present and complete, so that every cell a search sees can be scored and reported; any other
  /// column is numeric, and empty fields there are missing values.
  public static func userTable(searchMetric: String, reportMetric: String?) -> TableSchema {
    var columns = [Column(searchMetric)]
    if let reportMetric, reportMetric != searchMetric { columns.append(Column(reportMetric)) }
    return TableSchema(columns: columns, otherColumns: .numericAllowingEmpty)
  }

  /// The name of the identifying integer column.
  public static let indexColumn = "index"
}
