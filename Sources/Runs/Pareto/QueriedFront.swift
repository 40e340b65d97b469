/// The Pareto front (search metric up, cost down) of the cells a trial queried, and the area it
/// dominates up to the reference point: accuracy `referenceAccuracy` (0) and cost
/// `referenceCost` (the highest cost in the table), so that every cell of the table lies inside.
public struct QueriedFront<Cell: Codable & Hashable & Sendable>: Codable, Equatable, Sendable {
  public struct Member: Codable, Equatable, Sendable {
    public var cell: Cell
    /// 1-based query index.
    public var query: Int
    public var valid: Double
    public var cost: Double
  }

  public var referenceAccuracy: Double
  public var referenceCost: Double
  public var hypervolume: Double
  /// Sorted by cost.
  public var front: [Member]

  enum CodingKeys: String, CodingKey {
    case hypervolume, front
    case referenceAccuracy = "reference_accuracy"
    case referenceCost = "reference_cost"
  }

  /// The front of `queries`, whose costs of `column` are all known.
  public init(queries: [QueryRecord<Cell>], column: String, reference: HypervolumeReference) {
    let points = queries.enumerated().map { index, record in
      TradeOffPoint(item: index, accuracy: record.value, cost: record.costs?[column] ?? .infinity)
    }
    referenceAccuracy = reference.accuracy
    referenceCost = reference.cost
    hypervolume = Runs.hypervolume(points, referenceAccuracy: reference.accuracy, referenceCost: reference.cost)
    front = paretoFront(points).map { Member(cell: queries[$0.item].cell, query: $0.item + 1, valid: $0.accuracy, cost: $0.cost) }
  }
}

/// The reference point of every hypervolume of a run: accuracy 0 and the table's highest cost
/// (of the cells that have one).
public struct HypervolumeReference: Codable, Equatable, Sendable {
  public var accuracy: Double
  public var cost: Double

  public init(accuracy: Double = 0, cost: Double) {
    self.accuracy = accuracy
    self.cost = cost
  }
}
