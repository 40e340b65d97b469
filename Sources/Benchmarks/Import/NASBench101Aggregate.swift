import Dispatch
import SearchSpaces

/// The runs of a NAS-Bench-101 file summed per cell and epoch budget, in file order.
struct NASBench101Aggregate {
  /// A cell as first seen: its first run (structure, parameters) and where that run was.
  struct Entry {
    var run: NASBench101Run
    var record: TFRecordReader.Record
  }

  /// Sums for one epoch budget, one element per cell.
  struct BudgetSums {
    var validation: [Double] = []
    var test: [Double] = []
    var time: [Double] = []
    var runs: [Int32] = []

    init(cells: Int) {
      validation = [Double](repeating: 0, count: cells)
      test = validation
      time = validation
      runs = [Int32](repeating: 0, count: cells)
    }

    mutating func appendCell() {
      validation.append(0)
      test.append(0)
      time.append(0)
      runs.append(0)
    }
  }

  let path: String
  private(set) var entries: [Entry] = []
  private var rowOfHash: [MD5Digest: Int32] = [:]
  private(set) var budgets: [Int] = []
  private var slotOfBudget: [Int: Int] = [:]
  private var sums: [BudgetSums] = []

  init(path: String) {
    self.path = path
    rowOfHash.reserveCapacity(1 << 19)
    entries.reserveCapacity(1 << 19)
  }

  mutating func add(_ run: NASBench101Run, record: TFRecordReader.Record) throws {
    let row: Int
    if let known = rowOfHash[run.hash] {
      row = Int(known)
      let first = entries[row]
      guard run.hasSameStructure(as: first.run) else {
        throw InputError("record \(record.number) at byte offset \(record.offset): hash \(run.hash.hex) was stored with another matrix or ops in record \(first.record.number)",
                         file: path)
      }
    } else {
      row = entries.count
      rowOfHash[run.hash] = Int32(row)
      entries.append(Entry(run: run, record: record))
      for slot in sums.indices { sums[slot].appendCell() }
    }
    let slot: Int
    if let known = slotOfBudget[run.epochs] {
      slot = known
    } else {
      slot = sums.count
      slotOfBudget[run.epochs] = slot
      budgets.append(run.epochs)
      sums.append(BudgetSums(cells: entries.count))
    }
    sums[slot].validation[row] += run.metrics.validationAccuracy
    sums[slot].test[row] += run.metrics.testAccuracy
    sums[slot].time[row] += run.metrics.trainingTime
    sums[slot].runs[row] += 1
  }

  /// Checks every cell (hash against fingerprint, runs at every budget) and takes the means.
  func table(records: Int, threads: Int) throws -> NASBench101Table {
    let cells = try fingerprintedCells(threads: threads)
    for (slot, budget) in budgets.enumerated() {
      if let row = sums[slot].runs.firstIndex(of: 0) {
        let entry = entries[row]
        throw InputError("hash \(entry.run.hash.hex) (first in record \(entry.record.number)) has no run at \(budget) epochs, which other cells have",
                         file: path)
      }
    }
    let order = cells.indices.sorted { cells[$0].fingerprint < cells[$1].fingerprint }
    let slots = budgets.indices.sorted { budgets[$0] < budgets[$1] }
    var columns: [NASBench101Table.Budget] = []
    for slot in slots {
      let s = sums[slot]
      func mean(_ values: [Double], scale: Double) -> [Double] { order.map { values[$0] / Double(s.runs[$0]) * scale } }
      columns.append(NASBench101Table.Budget(epochs: budgets[slot], validation: mean(s.validation, scale: 100),
                                             test: mean(s.test, scale: 100), time: mean(s.time, scale: 1),
                                             runs: order.map { Int(s.runs[$0]) }))
    }
    return NASBench101Table(cells: order.map { cells[$0] }, parameters: order.map { entries[$0].run.metrics.trainableParameters },
                            budgets: columns, records: records)
  }

  /// Each cell from its stored structure (pruned and validated as the official code does), checked
  /// against the file's hash; several threads, since this is most of an import's time.
  private func fingerprintedCells(threads: Int) throws -> [NASBench101Cell] {
    let count = entries.count
    var cells = [NASBench101Cell?](repeating: nil, count: count)
    var problems = [String?](repeating: nil, count: count)
    let chunks = max(1, min(threads, count))
    cells.withUnsafeMutableBufferPointer { cells in
      problems.withUnsafeMutableBufferPointer { problems in
        entries.withUnsafeBufferPointer { entries in
          DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            for k in (count * chunk / chunks)..<(count * (chunk + 1) / chunks) {
              let run = entries[k].run
              do {
                let cell = try NASBench101Cell(vertexCount: run.vertexCount, adjacencyBits: Int(run.adjacencyBits), ops: run.ops)
                if cell.fingerprint == run.hash {
                  cells[k] = cell
                } else {
                  problems[k] = "hash \(run.hash.hex) does not match the stored matrix and ops, whose fingerprint is \(cell.fingerprint.hex)"
                }
              } catch let error as InputError {
                problems[k] = "hash \(run.hash.hex): \(error.message)"
              } catch {
                problems[k] = "hash \(run.hash.hex): \(error)"
              }
            }
          }
        }
      }
    }
    if let k = problems.firstIndex(where: { $0 != nil }) {
      let record = entries[k].record
      throw InputError("record \(record.number) at byte offset \(record.offset): \(problems[k]!)", file: path)
    }
    return cells.map { $0! }
  }
}
