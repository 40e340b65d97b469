/// A point of an accuracy/cost trade-off: accuracy is maximised, cost minimised.
public struct TradeOffPoint<Item>: CustomStringConvertible {
  public var item: Item
  public var accuracy: Double
  public var cost: Double

  public init(item: Item, accuracy: Double, cost: Double) {
    self.item = item
    self.accuracy = accuracy
    self.cost = cost
  }

  /// At least as good in both objectives and strictly better in one.
  public func dominates(_ other: TradeOffPoint) -> Bool {
    accuracy >= other.accuracy && cost <= other.cost && (accuracy > other.accuracy || cost < other.cost)
  }

  public var description: String { "(accuracy \(accuracy), cost \(cost))" }
}

/// The non-dominated points of a set, sorted by cost ascending (and so accuracy ascending).
///
/// Of points equal in both objectives the first given is kept, so the front of a run's queries is
/// the same whatever else is in the set.
public func paretoFront<Item>(_ points: [TradeOffPoint<Item>]) -> [TradeOffPoint<Item>] {
  // Sort by cost, then by accuracy descending, then by input order: a sweep keeps each point that
  // beats the best accuracy seen at lower or equal cost.
  let order = points.indices.sorted { a, b in
    let p = points[a], q = points[b]
    if p.cost != q.cost { return p.cost < q.cost }
    if p.accuracy != q.accuracy { return p.accuracy > q.accuracy }
    return a < b
  }
  var front: [TradeOffPoint<Item>] = []
  var bestAccuracy = -Double.infinity
  for index in order where points[index].accuracy > bestAccuracy {
    front.append(points[index])
    bestAccuracy = points[index].accuracy
  }
  return front
}

/// The area dominated by `points` and bounded by the reference point (an accuracy below and a cost
/// above every point of interest). Points outside the reference box add nothing.
///
/// With the front sorted by cost, each point owns the slab between its accuracy and the next
/// cheaper point's accuracy, from its cost to the reference cost.
public func hypervolume<Item>(_ points: [TradeOffPoint<Item>], referenceAccuracy: Double, referenceCost: Double) -> Double {
  let inside = points.filter { $0.accuracy > referenceAccuracy && $0.cost < referenceCost }
  var volume = 0.0
  var floor = referenceAccuracy
  for point in paretoFront(inside) {
    volume += (point.accuracy - floor) * (referenceCost - point.cost)
    floor = point.accuracy
  }
  return volume
}

extension TradeOffPoint: Sendable where Item: Sendable {}
