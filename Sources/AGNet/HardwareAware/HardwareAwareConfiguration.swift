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
  /// Which cost prediction decides, in candidate selection, whether a candidate is within the bound.
  public var costModel = CostModel.ridge
  /// With `.ridge`: candidates count as within the bound when their predicted cost is at most
  /// L + `boundMargin` · the surrogate's leave-one-out error (so cells whose cost may well be under
  /// the bound are still queried).
  public var boundMargin = 0.5
  /// With `.ridge`: when the told costs lie on a grid (a coarse table: whole or half milliseconds),
  /// the bound admits predictions up to half a step over L, so that cells exactly on the bound stay
  /// eligible (`CostSurrogate.selectionBound`). false: the selection of the build before that change.
  public var gridAware = true
  /// With `.ridge` and a bound: how many of a round's queries are chosen against the wider bound
  /// L + `exploreMargin` · the leave-one-out error instead (0: none). At loose bounds on measured
  /// devices the most accurate cells within the bound are ones the fit predicts over it (their
  /// latency is lower than their operations suggest), so only a query can find them.
  public var exploreSlots = 0
  public var exploreMargin = 2.0
  /// With `.ridge` and a bound: how many of a round's queries go to unqueried neighbours (one
  /// operation changed) of the best queried cells within the bound whose predicted cost is within
  /// the exploring bound (0: none), instead of the last of the generator's candidates.
  public var neighbourSlots = 0
  /// How the training rank of a told cell over the bound is penalised (§5: `.hard`). Graded by
  /// default: at loose bounds the most accurate cells are near the bound, and a cell just over it
  /// teaches the generator almost as much as one just within it (docs/hardware-aware.md, third pass).
  public var trainingPenalty = CostObjective.OverBoundPenalty.graded(exponent: 20)

  public enum CostModel: String, Codable, CaseIterable, Sendable {
    /// Method document §5: the predictor's cost head, on the generator's logits, against L.
    case predictor
    /// `CostSurrogate`, on the sampled cell, against L plus the margin.
    case ridge
  }

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
    guard boundMargin >= 0 && boundMargin.isFinite else { throw InputError("the bound margin must be at least 0 (got \(boundMargin))") }
    guard exploreSlots >= 0 else { throw InputError("the number of exploring queries must be at least 0 (got \(exploreSlots))") }
    guard neighbourSlots >= 0 else { throw InputError("the number of neighbour queries must be at least 0 (got \(neighbourSlots))") }
    if case .graded(let exponent) = trainingPenalty, !(exponent > 0 && exponent.isFinite) {
      throw InputError("the training penalty's exponent must be a positive number (got \(exponent))")
    }
    guard exploreMargin >= 0 && exploreMargin.isFinite else {
      throw InputError("the exploring margin must be at least 0 (got \(exploreMargin))")
    }
  }
}
