import Foundation
import AGNet

/// A kind of value a method setting holds. One conformance says how `--param` text reads as the
/// value, how help prints it and how `config.json` stores it, so every setting of that kind
/// behaves the same everywhere.
public protocol SettingValue: Equatable {
  /// Nil when `text` is not a value of this kind.
  init?(settingText text: String)
  /// The text that reads back as this value (help listings show defaults this way).
  var settingText: String { get }
  /// Nil when a stored value is not of this kind.
  init?(stored: ParameterValue)
  /// The value as `config.json` stores it.
  var stored: ParameterValue { get }
  /// What `--param` expects, for error messages: "an integer", "one of rank, uniform".
  static var kindName: String { get }
}

extension SettingValue {
  /// Kinds stored as their text.
  public init?(stored: ParameterValue) {
    guard case .string(let text) = stored else { return nil }
    self.init(settingText: text)
  }

  public var stored: ParameterValue { .string(settingText) }
}

extension Int: SettingValue {
  public init?(settingText text: String) { self.init(text) }
  public var settingText: String { String(self) }
  public init?(stored: ParameterValue) {
    guard case .int(let value) = stored else { return nil }
    self = value
  }
  public var stored: ParameterValue { .int(self) }
  public static var kindName: String { "an integer" }
}

extension Double: SettingValue {
  public init?(settingText text: String) {
    guard let value = Double(text), value.isFinite else { return nil }
    self = value
  }
  public var settingText: String { String(self) }
  /// A whole number written as a double reads back from JSON as an integer.
  public init?(stored: ParameterValue) {
    switch stored {
    case .double(let value): self = value
    case .int(let value): self = Double(value)
    default: return nil
    }
  }
  public var stored: ParameterValue { .double(self) }
  public static var kindName: String { "a number" }
}

extension Bool: SettingValue {
  public init?(settingText text: String) {
    switch text.lowercased() {
    case "true", "yes", "1": self = true
    case "false", "no", "0": self = false
    default: return nil
    }
  }
  public var settingText: String { String(self) }
  public init?(stored: ParameterValue) {
    guard case .bool(let value) = stored else { return nil }
    self = value
  }
  public var stored: ParameterValue { .bool(self) }
  public static var kindName: String { "true or false" }
}

extension String: SettingValue {
  public init?(settingText text: String) { self = text }
  public var settingText: String { self }
  public static var kindName: String { "a string" }
}

/// Comma-separated integers (`100,200,300`), stored as that text.
extension Array: SettingValue where Element == Int {
  public init?(settingText text: String) {
    let values = text.split(separator: ",", omittingEmptySubsequences: false)
      .map { Int($0.trimmingCharacters(in: .whitespaces)) }
    guard !values.isEmpty, values.allSatisfy({ $0 != nil }) else { return nil }
    self = values.map { $0! }
  }
  public var settingText: String { map(String.init).joined(separator: ",") }
  public static var kindName: String { "comma-separated integers" }
}

/// A choice among named cases, stored as its name.
extension SettingValue where Self: RawRepresentable & CaseIterable, RawValue == String {
  public init?(settingText text: String) { self.init(rawValue: text) }
  public var settingText: String { rawValue }
  public static var kindName: String { "one of " + allCases.map(\.rawValue).joined(separator: ", ") }
}

extension SampleWeighting.Scheme: SettingValue {}
extension AGNetSearchConfiguration.PredictorInput: SettingValue {}
extension HardwareAwareConfiguration.CostModel: SettingValue {}
extension Acquisition: SettingValue {}

extension LatentDistribution: SettingValue {
  public init?(settingText text: String) { self.init(name: text) }
  public var settingText: String { self == .normal ? "normal" : "uniform3" }
  public static var kindName: String { "uniform3 or normal" }
}
