import Foundation
import SearchSpaces
import TestSupport
@testable import Benchmarks

/// The 35 NAS-Bench-101 cells with every training run (`Tests/Fixtures/nasbench101/nasbench101_three_repeats.json`,
/// copied from the shared data) and the generator that writes them as an official-format TFRecord.
struct NASBench101Fixture {
  struct Run: Decodable {
    var halfway_training_time: Double
    var halfway_train_accuracy: Double
    var halfway_validation_accuracy: Double
    var halfway_test_accuracy: Double
    var final_training_time: Double
    var final_train_accuracy: Double
    var final_validation_accuracy: Double
    var final_test_accuracy: Double
  }

  struct Cell: Decodable {
    var hash: String
    var n_vertices: Int
    var adj_bits: Int
    var ops: String
    var trainable_parameters: Int32
    var epochs: [String: [Run]]
    var mean_val_108: Double
    var mean_test_108: Double

    var budgets: [Int] { epochs.keys.compactMap(Int.init).sorted() }
    func runs(_ budget: Int) -> [Run] { epochs[String(budget)]! }

    var structure: NASBench101Cell {
      try! NASBench101Cell(vertexCount: n_vertices, adjacencyBits: adj_bits,
                           ops: ops.map { NASBench101Op(rawValue: Int(String($0))!)! })
    }
  }

  static let cells: [Cell] = try! JSONDecoder().decode([Cell].self, from: Data(contentsOf: TestData.file("nasbench101/nasbench101_three_repeats.json")))

  /// A run as the official file stores it: evaluations at the start, halfway and the end.
  static func record(_ cell: Cell, budget: Int, run: Run) -> NASBench101RecordWriter.Run {
    let e = Double(budget)
    return NASBench101RecordWriter.Run(
      hash: cell.hash, epochs: budget, vertexCount: cell.n_vertices, adjacencyBits: cell.adj_bits,
      ops: cell.structure.ops, trainableParameters: cell.trainable_parameters,
      evaluations: [
        .init(currentEpoch: 0, trainingTime: 0),
        .init(currentEpoch: e / 2, trainingTime: run.halfway_training_time, trainAccuracy: run.halfway_train_accuracy,
              validationAccuracy: run.halfway_validation_accuracy, testAccuracy: run.halfway_test_accuracy),
        .init(currentEpoch: e, trainingTime: run.final_training_time, trainAccuracy: run.final_train_accuracy,
              validationAccuracy: run.final_validation_accuracy, testAccuracy: run.final_test_accuracy),
      ])
  }

  /// The records of `cells` at `budgets` (each cell's runs at a budget it has), cell by cell,
  /// budgets ascending, runs in order.
  static func records(_ cells: [Cell], budgets: Set<Int>) -> [NASBench101RecordWriter.Run] {
    cells.flatMap { cell in
      cell.budgets.filter(budgets.contains).flatMap { budget in cell.runs(budget).map { record(cell, budget: budget, run: $0) } }
    }
  }

  /// Like `nasbench_only108.tfrecord`: all 35 cells, their 108-epoch runs.
  static var only108: [NASBench101RecordWriter.Run] { records(cells, budgets: [108]) }

  /// Like `nasbench_full.tfrecord`: the 4 cells that have runs at 4, 12, 36 and 108 epochs.
  static var full: [NASBench101RecordWriter.Run] { records(cells.filter { $0.budgets.count == 4 }, budgets: [4, 12, 36, 108]) }

  static func file(_ runs: [NASBench101RecordWriter.Run]) -> [UInt8] {
    var writer = NASBench101RecordWriter()
    for run in runs { writer.append(run) }
    return writer.bytes
  }

  /// The mean as the importer defines it: the sum in file order over the count, times `scale`.
  static func mean(_ values: [Double], scale: Double) -> Double {
    values.reduce(0, +) / Double(values.count) * scale
  }
}
