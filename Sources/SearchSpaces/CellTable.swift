extension SearchSpace {
  /// Cells as CSV: the header `cellColumns`, then one row of `cellColumnValues` per cell, each
  /// line ending in a newline. Cell column values never contain commas, quotes or newlines, so
  /// nothing is quoted.
  public func cellTableCSV<Cells: Sequence>(_ cells: Cells) -> String where Cells.Element == Cell {
    var text = cellColumns.joined(separator: ",") + "\n"
    for cell in cells {
      for (index, value) in cellColumnValues(cell).enumerated() {
        if index > 0 { text += "," }
        text += value
      }
      text += "\n"
    }
    return text
  }
}
