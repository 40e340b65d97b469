import XCTest
@testable import SearchSpaces

/// MD5 against the RFC 1321 test suite (appendix A.5), plus lengths around the padding edges.
final class NASBench101MD5Tests: XCTestCase {
  func testRFC1321Vectors() {
    let vectors = [
      ("", "d41d8cd98f00b204e9800998ecf8427e"),
      ("a", "0cc175b9c0f1b6a831c399e269772661"),
      ("abc", "900150983cd24fb0d6963f7d28e17f72"),
      ("message digest", "f96b697d7cb7938d525a2f31aaf161d0"),
      ("abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"),
      ("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "d174ab98d277d9f5a5611c2c9f419d9f"),
      ("12345678901234567890123456789012345678901234567890123456789012345678901234567890", "57edf4a22be3c955ac49da2e2107b67a"),
    ]
    for (text, hex) in vectors { XCTAssertEqual(MD5.digest(text.utf8).hex, hex, text) }
  }

  func testPaddingBoundaries() {
    // 55 bytes fit one block with the length; 56 and 64 need a second block.
    XCTAssertEqual(MD5.digest([UInt8](repeating: UInt8(ascii: "a"), count: 55)).hex, "ef1772b6dff9a122358552954ad0df65")
    XCTAssertEqual(MD5.digest([UInt8](repeating: UInt8(ascii: "a"), count: 56)).hex, "3b0c8ac703f828b04c6c197006d17218")
    XCTAssertEqual(MD5.digest([UInt8](repeating: UInt8(ascii: "a"), count: 64)).hex, "014842d480b571495a4a0363793f7367")
    XCTAssertEqual(MD5.paddedCapacity(55), 64)
    XCTAssertEqual(MD5.paddedCapacity(56), 128)
    XCTAssertEqual(MD5.paddedCapacity(64), 128)
  }

  func testDigestOrderIsHexOrder() throws {
    let texts = (0..<200).map { "cell \($0)" }
    let digests = texts.map { MD5.digest($0.utf8) }
    XCTAssertEqual(digests.sorted().map(\.hex), digests.map(\.hex).sorted())
    let digest = try XCTUnwrap(MD5Digest(hex: "02E5A0247BBDCF2860B7E96F74961594"))
    XCTAssertEqual(digest.hex, "02e5a0247bbdcf2860b7e96f74961594")
    XCTAssertNil(MD5Digest(hex: "02e5a0247bbdcf2860b7e96f7496159"))
    XCTAssertNil(MD5Digest(hex: "02e5a0247bbdcf2860b7e96f7496159g"))
  }
}
