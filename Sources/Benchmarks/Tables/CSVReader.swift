import Foundation
import SearchSpaces

/// A comma-separated file read as bytes: the header's names, then one row at a time as byte ranges,
/// so that a loader converts only the fields it needs and allocates no per-field `String`.
///
/// Accepted: `\n` or `\r\n` line ends, a UTF-8 byte-order mark, blank lines (skipped), spaces or
/// tabs around a field, and double-quoted fields (`""` inside quotes is one quote) that do not span
/// lines. Everything else that is wrong is an `InputError` naming the file and the line.
public struct CSVReader {
  /// A field of the current row: bytes `start ..< end` of the file, without surrounding quotes
  /// or blanks. `escapedQuotes` is set when the quoted text contains `""`.
  public struct Field {
    public var start: Int
    public var end: Int
    public var escapedQuotes: Bool

    public var isEmpty: Bool { start == end }
  }

  /// The path used in messages.
  public let path: String
  public let bytes: [UInt8]
  /// The header's column names.
  public let header: [String]
  /// The header's line number (1 unless blank lines precede it).
  public let headerLine: Int
  /// 1-based line number of the row last returned by `nextRow`.
  public private(set) var line: Int
  private var position: Int
  private var nextLine: Int

  /// Reads `url` whole. A missing or unreadable file is an `InputError` (the caller may catch it
  /// to add advice, see `DataDirectory`).
  public init(contentsOf url: URL) throws {
    let path = url.path
    try self.init(bytes: [UInt8](try InputFile.read(path)), path: path)
  }

  /// Reads a table already in memory (`path` only names it in messages).
  public init(bytes: [UInt8], path: String) throws {
    self.path = path
    self.bytes = bytes
    position = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    line = 0
    nextLine = 1
    var fields: [Field] = []
    guard try CSVReader.readLine(bytes, &position, &nextLine, &line, into: &fields, path: path) else {
      throw InputError("the file is empty (a header line with column names is needed)", file: path)
    }
    // Lines ended by CR alone (classic Mac OS) read as one header line holding the whole table.
    if let first = fields.first, let last = fields.last, bytes[first.start..<last.end].contains(UInt8(ascii: "\r")) {
      throw InputError("the lines end in CR alone (classic Mac OS line ends); save the file with LF or CRLF line ends",
                       file: path, line: line)
    }
    var names: [String] = []
    var firstColumn: [String: Int] = [:]
    for (column, field) in fields.enumerated() {
      let name = CSVReader.text(of: field, in: bytes)
      guard !name.isEmpty else {
        throw InputError("column \(column + 1) of the header has no name", file: path, line: line)
      }
      if let first = firstColumn.updateValue(column, forKey: name) {
        throw InputError("duplicate column \(InputError.quoted(name)) (columns \(first + 1) and \(column + 1))", file: path, line: line)
      }
      names.append(name)
    }
    header = names
    headerLine = line
  }

  /// Fills `fields` with the next non-blank row and returns true, or returns false at the end.
  /// A row whose field count differs from the header's is an error.
  public mutating func nextRow(into fields: inout [Field]) throws -> Bool {
    guard try CSVReader.readLine(bytes, &position, &nextLine, &line, into: &fields, path: path) else { return false }
    guard fields.count == header.count else {
      throw InputError("expected \(header.count) fields as in the header, found \(fields.count)", file: path, line: line)
    }
    return true
  }

  /// The field's text (quotes unescaped).
  public func text(of field: Field) -> String { CSVReader.text(of: field, in: bytes) }

  /// The field's text (quotes unescaped), for readers that hold the bytes.
  static func text(of field: Field, in bytes: [UInt8]) -> String {
    let raw = String(decoding: bytes[field.start..<field.end], as: UTF8.self)
    return field.escapedQuotes ? raw.replacingOccurrences(of: "\"\"", with: "\"") : raw
  }

  // One physical line into `fields`; skips blank lines; false at the end of the bytes.
  private static func readLine(_ bytes: [UInt8], _ position: inout Int, _ nextLine: inout Int, _ line: inout Int,
                               into fields: inout [Field], path: String) throws -> Bool {
    let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n")
    let cr = UInt8(ascii: "\r"), space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")
    return try bytes.withUnsafeBufferPointer { buffer -> Bool in
      let count = buffer.count
      while position < count {
        line = nextLine
        nextLine += 1
        var end = position
        while end < count && buffer[end] != newline { end += 1 }
        let lineStart = position
        position = end + 1
        var lineEnd = end
        if lineEnd > lineStart && buffer[lineEnd - 1] == cr { lineEnd -= 1 }
        var blank = true
        for i in lineStart..<lineEnd where buffer[i] != space && buffer[i] != tab { blank = false; break }
        if blank { continue }

        fields.removeAll(keepingCapacity: true)
        var i = lineStart
        while true {
          while i < lineEnd && (buffer[i] == space || buffer[i] == tab) { i += 1 }
          var field: Field
          if i < lineEnd && buffer[i] == quote {
            let start = i + 1
            var j = start
            var escaped = false
            while true {
              guard j < lineEnd else {
                throw InputError("a quoted field has no closing quote (fields may not span lines)", file: path, line: line)
              }
              if buffer[j] == quote {
                if j + 1 < lineEnd && buffer[j + 1] == quote { escaped = true; j += 2; continue }
                break
              }
              j += 1
            }
            field = Field(start: start, end: j, escapedQuotes: escaped)
            i = j + 1
            while i < lineEnd && (buffer[i] == space || buffer[i] == tab) { i += 1 }
            guard i == lineEnd || buffer[i] == comma else {
              throw InputError("text after the closing quote of field \(fields.count + 1)", file: path, line: line)
            }
          } else {
            let start = i
            while i < lineEnd && buffer[i] != comma {
              if buffer[i] == quote {
                throw InputError("a quote inside unquoted field \(fields.count + 1)", file: path, line: line)
              }
              i += 1
            }
            var stop = i
            while stop > start && (buffer[stop - 1] == space || buffer[stop - 1] == tab) { stop -= 1 }
            field = Field(start: start, end: stop, escapedQuotes: false)
          }
          fields.append(field)
          if i >= lineEnd { break }
          i += 1 // past the comma; a comma at the end of the line leaves one more (empty) field
          if i == lineEnd { fields.append(Field(start: i, end: i, escapedQuotes: false)); break }
        }
        return true
      }
      return false
    }
  }
}
