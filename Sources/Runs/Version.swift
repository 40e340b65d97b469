/// The version of AGNet for Swift written into every run's `config.json`, saying which build
/// made the run. A run made by another version continues when its settings would search the
/// same (see `RunConfig.differences`).
public enum AGNetVersion {
  public static let current = "0.1.0"
}
