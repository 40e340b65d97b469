/// The version of AGNet for Swift written into every run's `config.json`; a run directory written
/// by another version is not continued (its results could differ).
public enum AGNetVersion {
  public static let current = "0.1.0"
}
