import SearchSpaces

/// A method's settings as one value: its fields are what the method reads, `settings` declares
/// each of them once. Everything else (`--param` overrides, help listings, the `hyperparameters`
/// object of `config.json`, range checks, the resume check) follows from the declarations.
public protocol MethodSettings {
  /// The published (or chosen) default of every field.
  static var defaults: Self { get }
  /// Every setting the method declares, on any space, in help order.
  static var settings: [Setting<Self>] { get }
}

extension MethodSettings {
  /// The settings a run on `space` uses (DARTS phase sizes only on darts).
  public static func settings(forSpace space: String) -> [Setting<Self>] {
    settings.filter { $0.applies(toSpace: space) }
  }

  /// The defaults with `overrides` ("name" → text) applied. Throws `UsageError` for a name the
  /// method does not declare, one its run on `space` does not use, or a value it does not accept.
  public static func resolve(_ overrides: [String: String], space: String, method: String) throws -> Self {
    var value = defaults
    for name in overrides.keys.sorted() {
      let text = overrides[name]!
      guard let setting = settings.first(where: { $0.name == name }) else {
        let known = settings(forSpace: space).map(\.name)
        throw UsageError("method \(method) has no parameter \(InputError.quoted(name))"
          + (known.isEmpty ? " (it takes none)" : "; its parameters are: \(known.joined(separator: ", "))"))
      }
      guard setting.applies(toSpace: space) else {
        throw UsageError("parameter \(method).\(name) applies to \(setting.spaces!.sorted().joined(separator: ", ")) only, "
          + "not to \(space)")
      }
      if let expected = setting.parse(&value, text) {
        throw UsageError("parameter \(method).\(name) must be \(expected), not \(InputError.quoted(text))")
      }
    }
    return value
  }

  /// The settings a run stored in its `config.json`. A setting the run does not hold (added after
  /// the run was made) keeps its default; names not declared for `space` are ignored (older runs
  /// stored DARTS-only settings on every space).
  public init(stored hyperparameters: Hyperparameters, space: String) throws {
    var value = Self.defaults
    for setting in Self.settings(forSpace: space) {
      guard let stored = hyperparameters.values[setting.name] else { continue }
      if let expected = setting.read(&value, stored) {
        throw InputError("hyperparameter '\(setting.name)' must be \(expected), not \(stored)")
      }
    }
    self = value
  }

  /// The `hyperparameters` object of `config.json` for a run on `space`: every setting it uses.
  public func hyperparameters(space: String) -> Hyperparameters {
    Hyperparameters(Dictionary(uniqueKeysWithValues: Self.settings(forSpace: space).map { ($0.name, $0.stored(self)) }))
  }

  /// Names in `new` whose value differs from `old`'s, compared as settings (a missing one is its
  /// default, `100,200` equals `100, 200`); `new` holds every setting its run uses, so names only
  /// `old` holds are settings that run does not use.
  static func differences(_ new: Hyperparameters, from old: Hyperparameters) -> [String] {
    new.values.keys.sorted().filter { name in
      guard let setting = settings.first(where: { $0.name == name }) else { return new.values[name] != old.values[name] }
      var (a, b) = (defaults, defaults)
      let refusedA = new.values[name].flatMap { setting.read(&a, $0) }
      let refusedB = old.values[name].flatMap { setting.read(&b, $0) }
      return refusedA != nil || refusedB != nil || !setting.same(a, b)
    }
  }

  /// `name=default` of each setting (of those used on `space`, when given).
  static func defaultsText(space: String?) -> [String] {
    (space.map(settings(forSpace:)) ?? settings).map { "\($0.name)=\($0.text(defaults))" }
  }
}

/// The settings of a method that takes none.
public struct NoSettings: MethodSettings {
  public static var defaults: NoSettings { NoSettings() }
  public static var settings: [Setting<NoSettings>] { [] }
}
