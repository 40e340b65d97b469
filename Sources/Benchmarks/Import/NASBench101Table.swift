import Dispatch
import SearchSpaces

/// The imported NAS-Bench-101 table: one row per cell in hash order, means over runs per budget.
public struct NASBench101Table: Sendable {
  public struct Budget: Sendable {
    public var epochs: Int
    /// Mean final validation accuracy, percent.
    public var validation: [Double]
    /// Mean final test accuracy, percent.
    public var test: [Double]
    /// Mean training time, seconds.
    public var time: [Double]
    public var runs: [Int]
  }

  public var cells: [NASBench101Cell]
  public var parameters: [Int]
  /// Ascending epochs.
  public var budgets: [Budget]
  public var records: Int

  /// The epoch budget whose accuracies agnet's NAS-Bench-101 benchmark searches and reports
  /// (`valid_acc_108`, `test_acc_108`); a table without it is unusable.
  public static let searchedEpochs = 108

  /// `hash,vertices,adjacency_bits,ops,params`, then `valid_acc_E,test_acc_E,train_time_E_s` per
  /// budget E.
  public var header: [String] {
    ["hash", "vertices", "adjacency_bits", "ops", "params"]
      + budgets.flatMap { ["valid_acc_\($0.epochs)", "test_acc_\($0.epochs)", "train_time_\($0.epochs)_s"] }
  }

  /// The CSV text. Numbers are written in the shortest form that reads back to the same Double,
  /// so the table holds the means exactly. Rows are formatted on `threads` threads.
  public func csv(threads: Int = 1) -> [UInt8] {
    let count = cells.count
    let chunks = max(1, min(threads, count))
    var pieces = [[UInt8]](repeating: [], count: chunks)
    pieces.withUnsafeMutableBufferPointer { pieces in
      DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
        var text: [UInt8] = []
        let rows = (count * chunk / chunks)..<(count * (chunk + 1) / chunks)
        text.reserveCapacity(rows.count * (60 + 60 * budgets.count))
        for row in rows {
          let cell = cells[row]
          text += "\(cell.fingerprint.hex),\(cell.vertexCount),\(cell.adjacencyBits),\(cell.opsDigits),\(parameters[row])".utf8
          for budget in budgets {
            text.append(UInt8(ascii: ","))
            text += budget.validation[row].description.utf8
            text.append(UInt8(ascii: ","))
            text += budget.test[row].description.utf8
            text.append(UInt8(ascii: ","))
            text += budget.time[row].description.utf8
          }
          text.append(UInt8(ascii: "\n"))
        }
        pieces[chunk] = text
      }
    }
    var result = Array((header.joined(separator: ",") + "\n").utf8)
    result.reserveCapacity(result.count + pieces.reduce(0) { $0 + $1.count })
    for piece in pieces { result.append(contentsOf: piece) }
    return result
  }

  var summary: NASBench101Importer.Summary {
    let last = budgets.last!
    let bestValidation = last.validation.indices.max { last.validation[$0] < last.validation[$1] }!
    let bestTest = last.test.indices.max { last.test[$0] < last.test[$1] }!
    var runs: [Int: ClosedRange<Int>] = [:]
    for budget in budgets { runs[budget.epochs] = budget.runs.min()!...budget.runs.max()! }
    return NASBench101Importer.Summary(
      records: records, cells: cells.count, budgets: budgets.map(\.epochs), runsPerCell: runs,
      bestValidation: (cells[bestValidation].fingerprint.hex, last.validation[bestValidation]),
      bestTest: (cells[bestTest].fingerprint.hex, last.test[bestTest]))
  }
}
