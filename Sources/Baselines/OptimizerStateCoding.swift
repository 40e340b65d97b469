import Foundation
import SearchSpaces

/// JSON for optimizer states: sorted keys, so equal states are equal bytes.
public enum OptimizerStateCoding {
  public static func encode<T: Encodable>(_ value: T) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(value)
  }

  public static func decode<T: Decodable>(_ type: T.Type, from data: Data, optimizer: String) throws -> T {
    do {
      return try JSONDecoder().decode(type, from: data)
    } catch {
      throw InputError("cannot restore the \(optimizer) state: \(error)")
    }
  }
}
