/// HW-NAS-Bench's hardware costs of NAS-Bench-201 cells, one file per dataset, joined to
/// NAS-Bench-201's table of that dataset by cell.
public enum HWNASBench {
  /// Relative to the data directory: CIFAR-10's file (the project ships this one).
  public static let file = file(for: .cifar10)

  /// Relative to the data directory: `nasbench201/hwnasbench_<dataset>.csv`
  /// (`agnet data import hwnasbench` writes all three).
  public static func file(for dataset: NASBench201Dataset) -> String { "nasbench201/hwnasbench_\(dataset.rawValue).csv" }

  /// Measured for every cell.
  public static let completeColumns = ["raspi4_latency_ms", "pixel3_latency_ms", "eyeriss_latency_ms", "fpga_latency_ms"]
  /// Known for 12,554 of the 15,625 cells in the shipped CIFAR-10 file; an empty field means "not
  /// measured", never 0. The source also writes -1 for 3,768 Edge TPU latencies it could not
  /// measure: read as missing too (a search must not take them for the fastest cells).
  public static let partialColumns = ["edgegpu_latency_ms", "edgegpu_energy_mj", "edgetpu_latency_ms",
                                      "eyeriss_energy_mj", "eyeriss_arithmetic_intensity", "fpga_energy_mj"]

  static var schema: TableSchema {
    TableSchema(columns: completeColumns.map { TableSchema.Column($0) }
                  + partialColumns.map { TableSchema.Column($0, allowsEmpty: true, missingMarker: -1) },
                otherColumns: .ignore)
  }
}
