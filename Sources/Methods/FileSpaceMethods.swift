import SearchSpaces

/// Which methods run on a space file's space (`FileSpace`) in this version: those that use only
/// `SearchSpace` (random search, regularized evolution, local search) and BANANAS (its path
/// encoding works on any cell graph), and the AG-Net methods that decode one generated graph per
/// cell (`agnet`, `agnet-xgb`, `agnet-hw`, and `agnet-plus`, whose neighbours are the space's) with
/// a generator pretrained on the space (`--param METHOD.generator=G`;
/// `AGNetMethod.generatorCheckpoint` refuses any other).
public enum FileSpaceMethods {
  public static let supported = ["rs", "re", "ls", "bananas", "agnet", "agnet-xgb", "agnet-hw", "agnet-plus"]

  /// Throws a `UsageError` naming the methods that do run, when `method` is not one of them.
  public static func check(_ method: any SearchMethod, on space: FileSpace) throws {
    guard supported.contains(method.name) else {
      throw UsageError("\(method.name) does not run on space files yet (\(space.name)); "
        + "the methods for space files are \(supported.joined(separator: ", "))")
    }
  }
}
