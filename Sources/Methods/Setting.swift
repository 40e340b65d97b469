import SearchSpaces

/// One setting of a method, declared once: its `--param` name, the field of the settings value it
/// sets, its help, the values it accepts and the spaces it applies to. The default is the field's
/// value in the settings type's `defaults`. Overrides, help listings, `config.json` and range
/// checks all read this declaration.
public struct Setting<Root> {
  public let name: String
  public let help: String
  /// The spaces whose runs use the setting; nil: every space.
  public let spaces: Set<String>?
  /// What `--param` expects: its kind ("an integer") and rule ("at least 1").
  public let kind: String
  public let rule: String?
  let text: (Root) -> String
  let stored: (Root) -> ParameterValue
  /// Sets the value read from text or a stored value; returns what was expected instead (the
  /// kind or the rule) when it is not an accepted value.
  let parse: (inout Root, String) -> String?
  let read: (inout Root, ParameterValue) -> String?
  let same: (Root, Root) -> Bool

  /// - Parameter rule: the values accepted, with their description (nil: every value of the kind).
  public init<Value: SettingValue>(_ name: String, _ field: WritableKeyPath<Root, Value>, help: String,
                                   rule: ValueRule<Value>? = nil, spaces: Set<String>? = nil) {
    self.name = name
    self.help = help
    self.spaces = spaces
    kind = Value.kindName
    self.rule = rule?.text
    text = { $0[keyPath: field].settingText }
    stored = { $0[keyPath: field].stored }
    func set(_ root: inout Root, _ value: Value?) -> String? {
      guard let value else { return Value.kindName }
      if let rule, !rule.accepts(value) { return rule.text }
      root[keyPath: field] = value
      return nil
    }
    parse = { root, text in set(&root, Value(settingText: text)) }
    read = { root, value in set(&root, Value(stored: value)) }
    same = { $0[keyPath: field] == $1[keyPath: field] }
  }

  private init(name: String, help: String, spaces: Set<String>?, kind: String, rule: String?, text: @escaping (Root) -> String,
               stored: @escaping (Root) -> ParameterValue, parse: @escaping (inout Root, String) -> String?,
               read: @escaping (inout Root, ParameterValue) -> String?, same: @escaping (Root, Root) -> Bool) {
    (self.name, self.help, self.spaces, self.kind, self.rule) = (name, help, spaces, kind, rule)
    (self.text, self.stored, self.parse, self.read, self.same) = (text, stored, parse, read, same)
  }

  /// The same setting on a block held by a larger settings value (a variant composing AG-Net's
  /// shared block), optionally with the help that variant gives it.
  public func within<Outer>(_ block: WritableKeyPath<Outer, Root>, help: String? = nil) -> Setting<Outer> {
    let (text, stored, parse, read, same) = (self.text, self.stored, self.parse, self.read, self.same)
    return Setting<Outer>(
      name: name, help: help ?? self.help, spaces: spaces, kind: kind, rule: rule,
      text: { text($0[keyPath: block]) }, stored: { stored($0[keyPath: block]) },
      parse: { outer, value in parse(&outer[keyPath: block], value) },
      read: { outer, value in read(&outer[keyPath: block], value) },
      same: { same($0[keyPath: block], $1[keyPath: block]) })
  }

  public func applies(toSpace space: String) -> Bool { spaces?.contains(space) ?? true }
}

/// The values a setting accepts beyond its kind, with the words error messages use for them.
public struct ValueRule<Value> {
  public let accepts: (Value) -> Bool
  public let text: String

  public init(_ text: String, accepts: @escaping (Value) -> Bool) {
    self.text = text
    self.accepts = accepts
  }
}

extension ValueRule where Value: Comparable {
  public static func atLeast(_ minimum: Value) -> ValueRule {
    ValueRule("at least \(minimum)") { $0 >= minimum }
  }

  public static func within(_ range: ClosedRange<Value>) -> ValueRule {
    ValueRule("in [\(range.lowerBound), \(range.upperBound)]") { range.contains($0) }
  }
}

extension ValueRule where Value == Double {
  public static var positive: ValueRule { ValueRule("above 0") { $0 > 0 } }
}
