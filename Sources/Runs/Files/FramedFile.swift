import Foundation
import SearchSpaces

/// The layout of the state files (`trial-<t>.state`, `trial-<t>.asktell`): a first line naming
/// the format and version, a line of JSON, then opaque bytes (an optimizer's state, possibly
/// binary) whose count the JSON states.
package enum FramedFile {
  package static func join(magic: String, header: Data, payload: Data) -> Data {
    var data = Data((magic + "\n").utf8)
    data.append(header)
    data.append(0x0A)
    data.append(payload)
    return data
  }

  /// Splits a file and decodes its header; `corrupt` turns a reason into the caller's error.
  package static func split<Header: Decodable>(_ data: Data, magic: String, kind: String, as: Header.Type,
                                       corrupt: (String) -> InputError) throws -> (header: Header, payload: Data) {
    guard let firstEnd = data.firstIndex(of: 0x0A),
          String(decoding: data[data.startIndex..<firstEnd], as: UTF8.self) == magic else {
      throw corrupt("not \(kind) of this version")
    }
    let headerStart = data.index(after: firstEnd)
    guard let headerEnd = data[headerStart...].firstIndex(of: 0x0A) else { throw corrupt("truncated") }
    do {
      let header = try JSONDecoder().decode(Header.self, from: data[headerStart..<headerEnd])
      return (header, Data(data[data.index(after: headerEnd)...]))
    } catch {
      throw corrupt(JSONFiles.describeDecodingError(error))
    }
  }
}
