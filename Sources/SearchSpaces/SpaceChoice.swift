/// What `--space NAME|FILE` names once resolved (`SpaceReference.resolve`): a built-in space or a
/// space file's space. Commands and run files go through it, so each works on both.
public enum SpaceChoice: Sendable {
  case builtIn(BuiltInSpace)
  case file(FileSpace)

  /// The name in run files and messages.
  public var name: String {
    switch self {
    case .builtIn(let space): return space.name
    case .file(let space): return space.name
    }
  }

  /// The built-in space, or nil for a space file.
  public var builtIn: BuiltInSpace? {
    if case .builtIn(let space) = self { return space }
    return nil
  }

  /// The space file's space, or nil for a built-in space.
  public var fileSpace: FileSpace? {
    if case .file(let space) = self { return space }
    return nil
  }

  /// The space a search proposes cells of (`BuiltInSpace.space`).
  public var space: any SearchSpace {
    switch self {
    case .builtIn(let space): return space.space
    case .file(let space): return space
    }
  }

  /// The space an AG-Net generator is trained on (`BuiltInSpace.generatorSpace`; a space file's
  /// own space).
  public var generatorSpace: any SearchSpace {
    switch self {
    case .builtIn(let space): return space.generatorSpace
    case .file(let space): return space
    }
  }

  /// Whether tables can be keyed by the space's cells (`--table`): DARTS has none; a space file's
  /// table is keyed by its cell text.
  public var hasTables: Bool {
    switch self {
    case .builtIn(let space): return space.hasTables
    case .file: return true
    }
  }
}

extension SpaceChoice: Equatable {
  /// Built-in spaces by name; space files by their text (the same file content is the same space).
  public static func == (a: SpaceChoice, b: SpaceChoice) -> Bool {
    switch (a, b) {
    case let (.builtIn(x), .builtIn(y)): return x == y
    case let (.file(x), .file(y)): return x.text == y.text
    default: return false
    }
  }
}
