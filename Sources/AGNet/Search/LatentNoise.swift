import Randomness

/// The distribution latent vectors are drawn from.
///
/// The published code trains with z ~ N(0, I) but draws search candidates from Uniform(−3, 3)
/// (method document §7). The wider uniform box reaches latents the generator rarely saw in
/// training, which spreads the candidates; the project keeps that as the default.
public enum LatentNoise: Codable, Equatable, Sendable, CustomStringConvertible {
  case normal
  /// Uniform on (−bound, bound) in every coordinate.
  case uniform(bound: Float)

  /// Fills `buffer` with independent draws.
  public func fill(_ buffer: inout [Float], using rng: inout Xoshiro256StarStar) {
    switch self {
    case .normal:
      for i in buffer.indices { buffer[i] = rng.normalFloat() }
    case .uniform(let bound):
      for i in buffer.indices { buffer[i] = rng.uniform(-bound, bound) }
    }
  }

  public var description: String {
    switch self {
    case .normal: return "normal"
    case .uniform(let bound): return "uniform(\(bound))"
    }
  }

  /// Reads `normal` or `uniform` / `uniform:B`; nil for anything else.
  public init?(argument: String) {
    if argument == "normal" { self = .normal; return }
    let parts = argument.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.first == "uniform", parts.count <= 2 else { return nil }
    if parts.count == 1 { self = .uniform(bound: 3); return }
    guard let bound = Float(parts[1]), bound.isFinite, bound > 0 else { return nil }
    self = .uniform(bound: bound)
  }
}
