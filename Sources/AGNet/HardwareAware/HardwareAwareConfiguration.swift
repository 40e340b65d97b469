import Optimization
import SearchSpaces

/// AG-Net's hardware-aware search (method document §5): the single-objective configuration for
/// everything shared (candidates, ticks, latents, batch), plus the objective, the device and the
/// loss and optimiser settings of §5.
public struct HardwareAwareConfiguration: Equatable, Sendable {
  public var search: AGNetSearchConfiguration
  public var objective: CostObjective
  /// Index of the target device in `devices`, and the device list (the one-hot's width).
  public var device: Int
  public var devices: [String]
  /// Adam weight decay (published 1e-4). α, learning rate and betas are `search`'s; §5 publishes
  /// 0.95, 2e-4 and (0.5, 0.999) (`agnet-hw`'s defaults).
  public var weightDecay = 1e-4

  /// The devices the predictor's one-hot knows, in a fixed order: HW-NAS-Bench's CIFAR-10 columns and
  /// NAS-Bench-201's own costs. A column outside the list becomes one more device.
  public static let knownDevices = [
    "raspi4_latency_ms", "pixel3_latency_ms", "eyeriss_latency_ms", "fpga_latency_ms", "edgegpu_latency_ms",
    "edgegpu_energy_mj", "edgetpu_latency_ms", "eyeriss_energy_mj", "eyeriss_arithmetic_intensity", "fpga_energy_mj",
    "cifar10_gpu_latency_ms", "cifar100_gpu_latency_ms", "imagenet16_gpu_latency_ms",
    "cifar10_params_m", "cifar100_params_m", "imagenet16_params_m", "cifar10_flops_m",
  ]

  public init(search: AGNetSearchConfiguration, objective: CostObjective, weightDecay: Double = 1e-4) {
    self.search = search
    self.objective = objective
    self.weightDecay = weightDecay
    var devices = HardwareAwareConfiguration.knownDevices
    if !devices.contains(objective.column) { devices.append(objective.column) }
    self.devices = devices
    device = devices.firstIndex(of: objective.column)!
  }

  public func validate() throws {
    try search.validate()
    try objective.validate()
    guard weightDecay >= 0 && weightDecay.isFinite else { throw InputError("the weight decay must be at least 0 (got \(weightDecay))") }
  }
}
