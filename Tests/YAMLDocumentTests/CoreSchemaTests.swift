import Testing

@testable import YAMLDocument

/// Plain scalars resolve by the YAML 1.2 core schema; quoted ones are always strings.
@Suite struct CoreSchemaTests {
    private func resolved(_ text: String) throws -> ResolvedScalar? {
        try YAMLLoader.load("v: \(text)\n")["v"]?.resolved
    }

    /// YAML 1.1 booleans are strings under 1.2: the Norway problem does not happen.
    @Test(arguments: ["yes", "Yes", "YES", "no", "No", "on", "On", "off", "OFF", "y", "n", "NO"])
    func yamlOneOneBooleansAreStrings(word: String) throws {
        #expect(try resolved(word) == .string(word))
    }

    @Test(arguments: [
        ("true", ResolvedScalar.bool(true)), ("True", .bool(true)), ("TRUE", .bool(true)),
        ("false", .bool(false)), ("False", .bool(false)), ("FALSE", .bool(false)),
        ("~", .null), ("null", .null), ("Null", .null), ("NULL", .null),
        ("0", .int(0)), ("42", .int(42)), ("-17", .int(-17)), ("+5", .int(5)), ("007", .int(7)),
        ("0x1F", .int(31)), ("0xff", .int(255)), ("0o17", .int(15)), ("0o0", .int(0)),
        ("1.5", .float(1.5)), ("-0.25", .float(-0.25)), (".5", .float(0.5)), ("1e3", .float(1000)),
        ("6.02E+23", .float(6.02e23)), ("1.", .float(1)),
        (".inf", .float(.infinity)), (".Inf", .float(.infinity)), ("+.INF", .float(.infinity)),
        ("-.inf", .float(-.infinity)),
    ])
    func coreScalars(text: String, expected: ResolvedScalar) throws {
        #expect(try resolved(text) == expected)
    }

    @Test func notANumber() throws {
        guard case .float(let value)? = try resolved(".nan") else {
            Issue.record("'.nan' did not resolve to a float")
            return
        }
        #expect(value.isNaN)
    }

    /// Forms that YAML 1.1 or other languages read as numbers but the core schema does not.
    @Test(arguments: [
        "0b101", "0x", "0o", "0o8", "0xG", "1_000", "1:30", "0777o", "+", "-", ".", "1e", "e3", "nan", "inf",
        "Infinity", "TRUE1", "nULL", "True!", "1.2.3", "- 1", "0x1F ", "2008-06-01",
    ])
    func notCoreNumbersStayStrings(text: String) throws {
        let node = try YAMLLoader.load("v: '\(text)'\n")["v"]!
        // Resolve the same text as if it were plain, through the public resolver.
        let plain = CoreSchema.resolve(Scalar(node.scalar!.text, style: .plain), tag: nil)
        #expect(plain == .string(text))
    }

    @Test func emptyValueIsNull() throws {
        let root = try YAMLLoader.load("a:\nb: ''\n")
        #expect(root["a"]?.resolved == .null)
        #expect(root["b"]?.resolved == .string(""))
    }

    @Test func integersBeyondIntAreKeptAsWritten() throws {
        #expect(try resolved("123456789012345678901234567890") == .bigInt("123456789012345678901234567890"))
        #expect(try resolved("0xFFFFFFFFFFFFFFFFFF") == .bigInt("0xFFFFFFFFFFFFFFFFFF"))
        #expect(try resolved("9223372036854775807") == .int(Int.max))
        #expect(try resolved("-9223372036854775808") == .int(Int.min))
    }

    @Test(arguments: ["'true'", "\"42\"", "'~'", "\"null\"", "|\n  1.5\n", ">\n  .inf\n"])
    func quotedAndBlockScalarsAreStrings(text: String) throws {
        guard case .string? = try resolved(text) else {
            Issue.record("\(text) did not resolve to a string")
            return
        }
    }

    @Test func explicitTagsForceTheType() throws {
        let root = try YAMLLoader.load("a: !!str true\nb: !!float 3\nc: !!int '12'\nd: !!null ''\ne: ! 12\n")
        #expect(root["a"]?.resolved == .string("true"))
        #expect(root["b"]?.resolved == .float(3))
        #expect(root["c"]?.resolved == .int(12))
        #expect(root["d"]?.resolved == .null)
        #expect(root["e"]?.resolved == .string("12"))
    }

    @Test func collectionsHaveNoScalarValue() throws {
        let root = try YAMLLoader.load("a: [1]\n")
        #expect(root.resolved == nil)
        #expect(root["a"]?.resolved == nil)
    }
}

@Suite struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
        (
            "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
        ),
    ])
    func knownVectors(message: String, hex: String) {
        #expect(SHA256.hex(Array(message.utf8)) == hex)
        #expect(SHA256.digest(Array(message.utf8)).count == 32)
    }

    /// Lengths around the 55/56/64-byte padding boundaries, against a digest computed once
    /// by `sha256sum` over the same bytes.
    @Test func paddingBoundaries() {
        let a55 = [UInt8](repeating: UInt8(ascii: "a"), count: 55)
        let a56 = [UInt8](repeating: UInt8(ascii: "a"), count: 56)
        let a64 = [UInt8](repeating: UInt8(ascii: "a"), count: 64)
        #expect(SHA256.hex(a55) == "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318")
        #expect(SHA256.hex(a56) == "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a")
        #expect(SHA256.hex(a64) == "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb")
    }

    /// The portable rounds on their own (on a processor with SHA extensions every other test
    /// here runs the hardware path), over the messages above with known digests.
    @Test func portableRoundsGiveTheKnownDigests() {
        let known: [(String, String)] = [
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            (
                String(repeating: "a", count: 56),
                "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"
            ),
            (
                String(repeating: "a", count: 1000),
                "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3"
            ),
        ]
        for (message, hex) in known {
            let bytes = Array(message.utf8)
            #expect(bytes.withUnsafeBytes { SHA256.hex($0, hardware: false) } == hex)
        }
    }

    /// The SHA instructions and the portable rounds agree on every length from 0 to 300 bytes
    /// (every padding case, one to six blocks) and on a megabyte, over varied bytes.
    @Test(.enabled(if: SHA256.hardware, "this processor has no SHA extensions: only the portable rounds run here"))
    func hardwareAndPortableRoundsAgree() {
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        let bytes = (0..<(1 << 20)).map { _ in
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: seed >> 56)
        }
        var disagreements: [Int] = []
        for length in Array(0...300) + [bytes.count] {
            bytes.withUnsafeBytes { all in
                let message = UnsafeRawBufferPointer(rebasing: all[0..<length])
                if SHA256.hex(message, hardware: true) != SHA256.hex(message, hardware: false) {
                    disagreements.append(length)
                }
            }
        }
        #expect(disagreements.isEmpty)
    }

    /// Tails of 56 to 63 bytes need a second padding block; longer messages run whole blocks
    /// straight from the input. Digests from Python's hashlib over the same bytes.
    @Test func twoBlockTailsAndLongMessages() {
        let a = { (count: Int) in [UInt8](repeating: UInt8(ascii: "a"), count: count) }
        #expect(SHA256.hex(a(119)) == "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb")
        #expect(SHA256.hex(a(120)) == "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c")
        #expect(SHA256.hex(a(1000)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    /// A digest taken piece by piece is the digest of the pieces joined, however they are cut:
    /// pieces smaller than a block, ones that end a block, ones of many blocks, empty ones.
    @Test func piecesGiveTheDigestOfTheWhole() {
        var seed: UInt64 = 0x2545_F491_4F6C_DD1D
        let bytes = (0..<5_000).map { _ in
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: seed >> 56)
        }
        for cuts in [[0], [1], [63], [64], [65], [0, 7, 0, 120], [55, 9, 64, 1], [127, 129, 3000]] {
            var hasher = SHA256.Hasher()
            var offset = 0
            bytes.withUnsafeBytes { all in
                for cut in cuts + [bytes.count] {
                    let end = min(offset + cut, bytes.count)
                    hasher.update(UnsafeRawBufferPointer(rebasing: all[offset..<end]))
                    offset = end
                }
            }
            #expect(hasher.hex == SHA256.hex(bytes), "cut at \(cuts)")
        }
        #expect(SHA256.Hasher().hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        // Every length up to three blocks and a half, so that every count of bytes left for the
        // padding (none, 1-55, 56-63) is met, in pieces of 1, 7 and 64 bytes.
        for length in 0...224 {
            for piece in [1, 7, 64] {
                var hasher = SHA256.Hasher()
                bytes.withUnsafeBytes { all in
                    for start in stride(from: 0, to: length, by: piece) {
                        hasher.update(UnsafeRawBufferPointer(rebasing: all[start..<min(start + piece, length)]))
                    }
                }
                #expect(hasher.hex == SHA256.hex(Array(bytes[0..<length])), "\(length) bytes in pieces of \(piece)")
            }
        }
        // And against a digest made elsewhere (sha256sum), not by the rounds under test.
        var thousand = SHA256.Hasher()
        for _ in 0..<10 { Array(repeating: UInt8(ascii: "a"), count: 100).withUnsafeBytes { thousand.update($0) } }
        #expect(thousand.hex == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    /// Finding ids are digest prefixes of parts joined by U+001F.
    @Test func joinedPartsAndPrefixes() {
        #expect(SHA256.hex(joining: ["a", "b"], digits: 16) == "f04cdced9736a69d")
        let full = SHA256.hex(Array("a\u{1F}b".utf8))
        #expect(full.hasPrefix("f04cdced9736a69d"))
        #expect(SHA256.hex(joining: ["a", "b"], digits: 64) == full)
        #expect(SHA256.hex(joining: ["a", "b"], digits: 0).isEmpty)
    }

    @Test func sourceFileDigestIsTheDigestOfItsBytes() {
        let file = SourceFile(path: "x.yaml", bytes: Array("abc".utf8))
        #expect(file.sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
