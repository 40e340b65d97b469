import Foundation
import SearchSpaces

/// The benchmarks `agnet` knows by name, and users' own tables.
///
/// Every loader returns a `TabularBenchmark` whose search metric is what an optimizer may see and
/// whose report metric (when the table has one) is what a report shows for the chosen cell.
public enum BenchmarkCatalog {
  /// Relative to the data directory.
  public static let nasbench201File = "nasbench201/nasbench201.csv"
  /// Relative to the data directory.
  public static let nasbench101File = "nasbench101/nasbench101_sample30k.csv"
  /// Relative to the data directory: the table `agnet data import nasbench101` writes from the
  /// official file (every cell, means over runs, test accuracy). Used instead of the sample.
  public static let nasbench101FullFile = "nasbench101/nasbench101.csv"

  /// NAS-Bench-201 on one dataset: all 15,625 cells; search `<dataset>_valid_acc`, report
  /// `<dataset>_test_acc`; costs `<dataset>_params_m`, `_gpu_latency_ms`, `_train_time_s` and
  /// `_flops_m` (CIFAR-10; other datasets when the file has it). The dataset's HW-NAS-Bench
  /// columns are joined in when its `HWNASBench.file(for:)` is in the data directory.
  ///
  /// A table without the test column (as `agnet data install nasbench201` builds) has no report
  /// metric; reports then use validation accuracy and `notes` says so.
  ///
  /// - Parameter hardwareCosts: false leaves the HW-NAS-Bench columns out, for a caller that reads
  ///   no cost (an ask/tell call of a run without costs: the join is a quarter of its start-up).
  /// - Parameter snapshot: where a `TableSnapshot` of this table is kept (an ask/tell run's
  ///   directory): used when it was made from the files as they are now, else the table is read
  ///   and the snapshot saved anew.
  public static func nasbench201(dataset: NASBench201Dataset, dataDirectory: DataDirectory,
                                 hardwareCosts: Bool = true, snapshot: URL? = nil) throws -> TabularBenchmark<NASBench201Space> {
    let file = try dataDirectory.existingFile(nasbench201File, remedy: "run `agnet data install nasbench201` to build it")
    let hardware = hardwareCosts ? dataDirectory.locate(HWNASBench.file(for: dataset)) : nil
    // Taken before the files are read: a file changed meanwhile leaves a snapshot that never matches.
    let key = snapshot == nil ? nil : snapshotKey(dataset, hardwareCosts: hardwareCosts, file: file, hardware: hardware,
                                                  dataDirectory: dataDirectory)
    if let snapshot, let key, let table = TableSnapshot.read(snapshot, key: key) { return table }
    let table = try nasbench201(dataset: dataset, file: file, hardware: hardware, hardwareCosts: hardwareCosts,
                                dataDirectory: dataDirectory)
    if let snapshot, let key { TableSnapshot.write(table, key: key, to: snapshot) }
    return table
  }

  /// What a NAS-Bench-201 table depends on (`TableSnapshot.key`): the files, how they are read,
  /// and the data directory (its notes name it).
  static func snapshotKey(_ dataset: NASBench201Dataset, hardwareCosts: Bool, file: URL, hardware: URL?,
                          dataDirectory: DataDirectory) -> String? {
    TableSnapshot.key("nasbench201 \(dataset.rawValue) hardware costs \(hardwareCosts) data \(dataDirectory.url.path) "
      + "shipped \(dataDirectory.isShipped(file))", files: [file, hardware])
  }

  private static func nasbench201(dataset: NASBench201Dataset, file: URL, hardware: URL?, hardwareCosts: Bool,
                                  dataDirectory: DataDirectory) throws -> TabularBenchmark<NASBench201Space> {
    var contents = try TableLoader.read(file, space: NASBench201Space(), schema: nasbench201Schema(dataset))
    guard contents.cells.count == NASBench201Cell.cellCount else {
      throw InputError("has \(contents.cells.count) cells; a NAS-Bench-201 table has all \(NASBench201Cell.cellCount)", file: file.path)
    }
    var notes: [String] = []
    let reportMetric: String? = contents.columns[dataset.testColumn] == nil ? nil : dataset.testColumn
    if reportMetric == nil {
      notes.append("\(nasbench201File) has no \(dataset.testColumn): reports use validation accuracy (\(dataset.validationColumn)) instead of test accuracy")
    }
    if dataDirectory.isShipped(file) { notes.append("the table shipped with agnet (\(nasbench201File))") }
    if !hardwareCosts {
      notes.append("HW-NAS-Bench costs not loaded: not asked for")
    } else if let hardware {
      try joinHardwareCosts(from: hardware, into: &contents)
      notes.append("HW-NAS-Bench costs joined from \(hardware.path)")
    } else {
      notes.append("HW-NAS-Bench costs not loaded: \(HWNASBench.file(for: dataset)) is not in \(dataDirectory.url.path) (`agnet data import hwnasbench` makes it)")
    }
    return try contents.benchmark(name: "nasbench201/\(dataset.rawValue)", searchMetric: dataset.validationColumn,
                                  reportMetric: reportMetric, notes: notes)
  }

  /// NAS-Bench-101 on CIFAR-10 (its only dataset): the imported full table
  /// `nasbench101FullFile` when the data directory has it, else the cells of
  /// `nasbench101_sample30k.csv` (30,001 in the shared data, one training run each); search
  /// `valid_acc_108`. The sample has no test accuracy, so there is no report metric and reports use
  /// `valid_acc_108`, unless the file has a `test_acc_108` column (the imported table has). Other
  /// columns read when present: `valid_acc_4`, `valid_acc_12`, `valid_acc_36`, `test_acc_4` …,
  /// `params`, `train_time_108_s`.
  ///
  /// The benchmark's space draws random cells from the table's cells only, since cells outside the
  /// table cannot be scored; a search should also keep its proposals to `cells`
  /// (`SearchDomain(members:)`), as for any table that does not cover its space. A full table
  /// covers all 423,624 cells, so there the domain is the whole space.
  public static func nasbench101(dataDirectory: DataDirectory) throws -> TabularBenchmark<NASBench101Space> {
    let full = dataDirectory.locate(nasbench101FullFile)
    let useFull = full != nil
    let file = try full ?? dataDirectory.existingFile(
      nasbench101File, remedy: "run `agnet data import nasbench101 FILE` with the official NAS-Bench-101 file (nasbench_only108.tfrecord) to make the full table")
    let optional = ["test_acc_108", "valid_acc_4", "valid_acc_12", "valid_acc_36", "params", "train_time_108_s",
                    "test_acc_4", "test_acc_12", "test_acc_36", "train_time_4_s", "train_time_12_s", "train_time_36_s"]
    let schema = TableSchema(columns: [.init("valid_acc_108")] + optional.map { TableSchema.Column($0, optional: true) },
                             otherColumns: .ignore)
    var contents = try TableLoader.read(file, space: NASBench101Space(), schema: schema)
    contents.space = NASBench101Space(cells: contents.cells)
    let reportMetric: String? = contents.columns["test_acc_108"] == nil ? nil : "test_acc_108"
    let sample = dataDirectory.isShipped(file) ? "the sample shipped with agnet (\(nasbench101File))" : nasbench101File
    var notes = [useFull ? "table in use: \(nasbench101FullFile), imported from the official file (means over training runs)"
                         : "table in use: \(sample), one training run per cell"]
    if contents.cells.count < NASBench101Enumeration.cellCount {
      notes.append("only the table's \(BenchmarkSummary.grouped(contents.cells.count)) cells can be scored; other cells are not in the table")
    }
    if reportMetric == nil {
      notes.append("\(useFull ? nasbench101FullFile : nasbench101File) has no test accuracy: reports use validation accuracy (valid_acc_108)")
    }
    return try contents.benchmark(name: "nasbench101/cifar10", searchMetric: "valid_acc_108", reportMetric: reportMetric, notes: notes)
  }

  /// A user's table over `space`: the space's cell columns, an optional `index`, and numeric
  /// columns. The search metric (and the report metric, when given) must be filled in every row;
  /// in any other column an empty field is a missing value. Higher values are better.
  public static func table<Space: SearchSpace>(_ file: URL, space: Space, searchMetric: String,
                                               reportMetric: String?) throws -> TabularBenchmark<Space> {
    for metric in [searchMetric] + (reportMetric.map { [$0] } ?? []) {
      if metric == TableSchema.indexColumn || space.cellColumns.contains(metric) {
        throw InputError("\(InputError.quoted(metric)) identifies cells and cannot be a metric", file: file.path)
      }
    }
    let report = reportMetric == searchMetric ? nil : reportMetric
    let notes = report == nil ? ["no report metric: reports use the search metric \(searchMetric)"] : []
    return try TableLoader.load(file, space: space, schema: .userTable(searchMetric: searchMetric, reportMetric: report),
                                name: "\(space.name):\(file.lastPathComponent)", searchMetric: searchMetric,
                                reportMetric: report, notes: notes)
  }

  static func nasbench201Schema(_ dataset: NASBench201Dataset) -> TableSchema {
    TableSchema(columns: [
      .init(dataset.validationColumn),
      .init(dataset.testColumn, optional: true),
      .init(dataset.parametersColumn),
      .init(dataset.flopsColumn, optional: dataset != .cifar10),
      .init(dataset.gpuLatencyColumn),
      .init(dataset.trainTimeColumn),
    ], otherColumns: .ignore)
  }

  /// Adds the HW-NAS-Bench columns, matched by cell. Both tables cover the whole space, so each
  /// cell is found; where both have an `index` they must agree.
  static func joinHardwareCosts(from file: URL, into contents: inout TableContents<NASBench201Space>) throws {
    let hardware = try TableLoader.read(file, space: contents.space, schema: HWNASBench.schema)
    guard hardware.cells.count == NASBench201Cell.cellCount else {
      throw InputError("has \(hardware.cells.count) cells; HW-NAS-Bench covers all \(NASBench201Cell.cellCount)", file: file.path)
    }
    var hardwareRow = [Int](repeating: -1, count: NASBench201Cell.cellCount)
    for (row, cell) in hardware.cells.enumerated() { hardwareRow[cell.code] = row }
    let order = contents.cells.map { hardwareRow[$0.code] }
    if let ours = contents.columns[TableSchema.indexColumn], let theirs = hardware.columns[TableSchema.indexColumn] {
      for (row, hardwareRowOfCell) in order.enumerated() where ours[row] != theirs[hardwareRowOfCell] {
        throw InputError("index \(Int(theirs[hardwareRowOfCell])) of cell \(hardware.cells[hardwareRowOfCell].archString) differs from \(Int(ours[row])) in \(contents.source)",
                         file: file.path, line: hardware.lines[hardwareRowOfCell])
      }
    }
    for name in hardware.columnNames where name != TableSchema.indexColumn {
      guard contents.columns[name] == nil else {
        throw InputError("column \(InputError.quoted(name)) is also in \(contents.source)", file: file.path)
      }
      let values = hardware.columns[name]!
      contents.columns[name] = order.map { values[$0] }
      contents.columnNames.append(name)
    }
  }
}
