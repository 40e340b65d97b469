/// HW-NAS-Bench's CIFAR-10 hardware costs, joined to NAS-Bench-201's CIFAR-10 table by cell.
public enum HWNASBench {
  /// Relative to the data directory.
  public static let file = "nasbench201/hwnasbench_cifar10.csv"

  /// Measured for every cell.
  public static let completeColumns = ["raspi4_latency_ms", "pixel3_latency_ms", "eyeriss_latency_ms", "fpga_latency_ms"]
  /// Known for 12,554 of the 15,625 cells; an empty field means "not measured", never 0. The
  /// source also writes -1 for 3,768 Edge TPU latencies it could not measure: read as missing too
  /// (a search must not take them for the fastest cells).
  public static let partialColumns = ["edgegpu_latency_ms", "edgegpu_energy_mj", "edgetpu_latency_ms",
                                      "eyeriss_energy_mj", "eyeriss_arithmetic_intensity", "fpga_energy_mj"]

  static var schema: TableSchema {
    TableSchema(columns: completeColumns.map { TableSchema.Column($0) }
                  + partialColumns.map { TableSchema.Column($0, allowsEmpty: true, missingMarker: -1) },
                otherColumns: .ignore)
  }
}
