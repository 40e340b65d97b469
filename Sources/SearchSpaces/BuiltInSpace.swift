/// The search spaces that come with agnet, and the one place that maps a space's name to its
/// type: every command, run file and method that names a space goes through this registry, so a
/// new space is added here once rather than in a switch per command.
///
/// Generic code receives the concrete space by passing `space` or `generatorSpace` (an
/// `any SearchSpace`) to a function generic over `SearchSpace`; Swift opens the existential there,
/// so no caller switches over names or casts.
public enum BuiltInSpace: String, CaseIterable, Sendable {
  case nasbench201
  case nasbench101
  case darts

  /// The names `--space` accepts, in the order help texts list them.
  public static var names: [String] { allCases.map(\.rawValue) }

  /// The space of that name; a `UsageError` listing the built-in names otherwise.
  public init(named name: String) throws {
    guard let space = BuiltInSpace(rawValue: name) else {
      throw UsageError("unknown space \(InputError.quoted(name)); the spaces are: \(BuiltInSpace.names.joined(separator: ", "))")
    }
    self = space
  }

  /// The built-in space a space value is (by its name), or nil for a space defined elsewhere.
  public init?<Space: SearchSpace>(of space: Space) {
    self.init(rawValue: space.name)
  }

  /// The name on the command line and in run files (`asktell.json`, generator metadata).
  public var name: String { rawValue }

  /// The space's name in prose and messages.
  public var title: String {
    switch self {
    case .nasbench201: return "NAS-Bench-201"
    case .nasbench101: return "NAS-Bench-101"
    case .darts: return "DARTS"
    }
  }

  /// Whether benchmark tables exist over the space (`--benchmark`, `--table`); DARTS
  /// architectures are evaluated by the user's code through ask/tell only.
  public var hasTables: Bool {
    switch self {
    case .nasbench201, .nasbench101: return true
    case .darts: return false
    }
  }

  /// The space a search proposes cells of and a run stores: for DARTS whole architectures (a
  /// normal and a reduction cell).
  public var space: any SearchSpace {
    switch self {
    case .nasbench201: return NASBench201Space()
    case .nasbench101: return NASBench101Space()
    case .darts: return DARTSSpace()
    }
  }

  /// The space an AG-Net generator is trained on and decodes into: for DARTS one cell, normal
  /// and reduction alike, since the search varies one cell at a time.
  public var generatorSpace: any SearchSpace {
    switch self {
    case .darts: return DARTSCellSpace()
    case .nasbench201, .nasbench101: return space
    }
  }

  /// How many distinct cells of `space` there are, for `agnet space info` (DARTS: about 10¹⁸
  /// architectures, the square of its 1,037,664,180 single cells).
  public var distinctCells: Int {
    switch self {
    case .nasbench201: return NASBench201Cell.cellCount
    case .nasbench101: return NASBench101Enumeration.cellCount
    case .darts: return DARTSCell.cellCount * DARTSCell.cellCount
    }
  }

  /// Distinct cells of `generatorSpace`, the denominator of a generator's coverage.
  public var distinctGeneratorCells: Int {
    switch self {
    case .darts: return DARTSCell.cellCount
    case .nasbench201, .nasbench101: return distinctCells
    }
  }

  /// The space as the list of its cells; a `UsageError` saying why for a space too large to list.
  public func enumerableSpace() throws -> any EnumerableSpace {
    switch self {
    case .nasbench201: return NASBench201Space()
    case .nasbench101: return NASBench101Space()
    case .darts:
      throw UsageError("darts has about 1.08e18 architectures (1,037,664,180 cells squared), too many to enumerate; "
        + "draw some with `agnet space sample darts`")
    }
  }

  /// What a cell's text form is, for `agnet space info`.
  public var cellTextForm: String {
    switch self {
    case .nasbench201: return "NAS-Bench-201 arch string"
    case .nasbench101:
      return "vertices:adjacency_bits:ops (edge x→y is bit y·(y−1)/2+x; ops 0 conv3x3, 1 conv1x1, 2 maxpool3x3), or a 32-hex-digit hash"
    case .darts: return "DARTS genotype text (normal and reduction cell; a generator's single cell is the [(op, input), …] list)"
    }
  }

  /// One cell in that form, for `agnet space info`.
  public var exampleCell: String {
    switch self {
    case .nasbench201: return "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|"
    case .nasbench101: return "7:1101347:10200"
    case .darts:
      return "Genotype(normal=[('sep_conv_3x3', 0), ('sep_conv_3x3', 1), ('sep_conv_3x3', 0), ('sep_conv_3x3', 1), "
        + "('sep_conv_3x3', 1), ('skip_connect', 0), ('skip_connect', 0), ('dil_conv_3x3', 2)], normal_concat=[2, 3, 4, 5], "
        + "reduce=[('max_pool_3x3', 0), ('max_pool_3x3', 1), ('skip_connect', 2), ('max_pool_3x3', 1), ('max_pool_3x3', 0), "
        + "('skip_connect', 2), ('skip_connect', 2), ('max_pool_3x3', 1)], reduce_concat=[2, 3, 4, 5])"
    }
  }
}
