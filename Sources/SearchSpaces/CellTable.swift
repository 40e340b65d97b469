extension SearchSpace {
  /// Cells as CSV: the header `cellColumns`, then one row of `cellColumnValues` per cell, each
  /// line ending in a newline. A value holding a comma, quote or newline (DARTS genotype text) is
  /// quoted, its quotes doubled; NAS-Bench-101/201 values hold none, so they are written as they are.
  public func cellTableCSV<Cells: Sequence>(_ cells: Cells) -> String where Cells.Element == Cell {
    var text = cellColumns.joined(separator: ",") + "\n"
    for cell in cells {
      for (index, value) in cellColumnValues(cell).enumerated() {
        if index > 0 { text += "," }
        text += csvField(value)
      }
      text += "\n"
    }
    return text
  }
}

/// `value` as one CSV field: quoted, with its quotes doubled, when it holds a comma, quote or line
/// break.
func csvField(_ value: String) -> String {
  guard value.unicodeScalars.contains(where: { ",\"\n\r".unicodeScalars.contains($0) }) else { return value }
  return "\"" + value.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
}
