import SearchSpaces

/// Which methods run on a space file's space (`FileSpace`) in this version: those that use only
/// `SearchSpace` (random search, regularized evolution, local search) and BANANAS (its path
/// encoding works on any cell graph). The AG-Net methods need a generator pretrained on the space,
/// which comes with AG-Net on space files; until then they are refused before a run starts.
public enum FileSpaceMethods {
  public static let supported = ["rs", "re", "ls", "bananas"]

  /// Throws a `UsageError` naming the methods that do run, when `method` is not one of them.
  public static func check(_ method: any SearchMethod, on space: FileSpace) throws {
    guard supported.contains(method.name) else {
      throw UsageError("\(method.name) does not run on space files yet (\(space.name)): it needs a generator pretrained on the space; "
        + "the methods for space files are \(supported.joined(separator: ", "))")
    }
  }
}
