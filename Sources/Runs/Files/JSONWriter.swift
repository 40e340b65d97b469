/// A small hand-written JSON writer for the files written after every round (trial checkpoints),
/// where `JSONEncoder`'s per-value cost made writing the state the main cost of a baseline trial.
/// The caller writes keys in sorted order; doubles use Swift's shortest round-trip form.
struct JSONWriter {
  private(set) var bytes: [UInt8] = []

  mutating func raw(_ text: StaticString) {
    text.withUTF8Buffer { bytes.append(contentsOf: $0) }
  }

  mutating func int<I: BinaryInteger>(_ value: I) { bytes.append(contentsOf: String(value).utf8) }

  mutating func double(_ value: Double) {
    precondition(value.isFinite, "JSON has no non-finite numbers")
    bytes.append(contentsOf: value.description.utf8)
  }

  mutating func string(_ value: String) {
    bytes.append(0x22)
    for byte in value.utf8 {
      switch byte {
      case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
      case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
      case 0x0A: bytes.append(contentsOf: [0x5C, 0x6E])
      case ..<0x20:
        let hex = Array("0123456789abcdef".utf8)
        bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 15)]])
      default: bytes.append(byte)
      }
    }
    bytes.append(0x22)
  }

  /// `[a,b,…]` with `element` writing each.
  mutating func array<C: Collection>(_ items: C, _ element: (inout JSONWriter, C.Element) -> Void) {
    bytes.append(0x5B)
    var first = true
    for item in items {
      if !first { bytes.append(0x2C) }
      first = false
      element(&self, item)
    }
    bytes.append(0x5D)
  }

  /// `{"k":v,…}` of a dictionary of numbers, keys sorted.
  mutating func numbers(_ dictionary: [String: Double]) {
    bytes.append(0x7B)
    for (index, key) in dictionary.keys.sorted().enumerated() {
      if index > 0 { bytes.append(0x2C) }
      string(key)
      bytes.append(0x3A)
      double(dictionary[key]!)
    }
    bytes.append(0x7D)
  }

  /// `"key":` (after a comma unless it is the object's first key).
  mutating func key(_ name: StaticString, first: Bool = false) {
    if !first { bytes.append(0x2C) }
    bytes.append(0x22)
    raw(name)
    bytes.append(contentsOf: [0x22, 0x3A])
  }
}
