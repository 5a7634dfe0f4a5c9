import Testing
import YAMLDocument

/// Every node knows where it starts and ends: 1-based line and column (columns in Unicode
/// scalars) and a 0-based byte offset into the UTF-8 bytes of the file.
@Suite struct MarkTests {
    @Test func asciiScalarsCarryLineColumnAndByteOffset() throws {
        let text = "name: demo\nlist:\n  - first\n  - second\n"
        let root = try YAMLLoader.load(text)
        #expect(root.start == SourceLocation(line: 1, column: 1, offset: 0))

        let name = try #require(root.at("name"))
        #expect(name.start == SourceLocation(line: 1, column: 7, offset: 6))
        #expect(name.range.end == SourceLocation(line: 1, column: 11, offset: 10))

        let list = try #require(root.at("list"))
        #expect(list.start.line == 3)
        #expect(list.start.column == 3)
        let second = try #require(list.at(1))
        #expect(second.text == "second")
        #expect(second.start == SourceLocation(line: 4, column: 5, offset: byteOffset(of: "second", in: text)!))
        #expect(second.range.end.offset == second.start.offset + 6)
    }

    @Test func keysHaveTheirOwnMarks() throws {
        let text = "first: 1\nsecond: 2\n"
        let root = try YAMLLoader.load(text)
        let pairs = try #require(root.pairs)
        #expect(pairs.map(\.name) == ["first", "second"])
        #expect(pairs[1].key.start == SourceLocation(line: 2, column: 1, offset: 9))
        #expect(pairs[1].value.start == SourceLocation(line: 2, column: 9, offset: 17))
    }

    @Test func flowCollectionsSpanTheirBrackets() throws {
        let text = "k: [a, {b: c}]\n"
        let root = try YAMLLoader.load(text)
        let flow = try #require(root.at("k"))
        #expect(flow.range.start == SourceLocation(line: 1, column: 4, offset: 3))
        #expect(flow.range.end == SourceLocation(line: 1, column: 15, offset: 14))
        let inner = try #require(flow.at(1))
        #expect(inner.start.offset == byteOffset(of: "{", in: text))
        #expect(inner.at("b")?.start.offset == byteOffset(of: "c", in: text))
    }

    /// Offsets count bytes, columns count Unicode scalars: after "é" (2 bytes), "日本" (6 bytes)
    /// and "🚀" (4 bytes) they differ, and each offset must point at the node's first byte.
    @Test func nonASCIIInputHasByteOffsetsAndScalarColumns() throws {
        let text = "é: 日本\nx: \"🚀 go\"\nlist: [ä, ö, ü]\nlast: ✓\n"
        let bytes = Array(text.utf8)
        let root = try YAMLLoader.load(bytes)

        let japanese = try #require(root.at("é"))
        #expect(japanese.text == "日本")
        #expect(japanese.start == SourceLocation(line: 1, column: 4, offset: 4))
        #expect(japanese.range.end == SourceLocation(line: 1, column: 6, offset: 10))

        let rocket = try #require(root.at("x"))
        #expect(rocket.text == "🚀 go")
        #expect(rocket.start == SourceLocation(line: 2, column: 4, offset: byteOffset(of: "\"🚀", in: text)!))

        let list = try #require(root.at("list")?.items)
        let umlautOffsets = ["ä", "ö", "ü"].map { byteOffset(of: $0, in: text)! }
        #expect(list.map(\.start.offset) == umlautOffsets)
        #expect(list.map(\.start.column) == [8, 11, 14])

        let last = try #require(root.at("last"))
        let lastOffset = try #require(byteOffset(of: "✓", in: text))
        #expect(last.start == SourceLocation(line: 4, column: 7, offset: lastOffset))
        // The offset really is the node's first byte in the file.
        #expect(Array(bytes[lastOffset..<(lastOffset + 3)]) == Array("✓".utf8))
    }

    /// A combining accent is its own scalar: "e\u{301}" is one character but two columns.
    @Test func columnsCountUnicodeScalarsNotCharacters() throws {
        let text = "e\u{301}: v\n"
        let root = try YAMLLoader.load(text)
        let value = try #require(root.pairs?.first?.value)
        #expect(value.start == SourceLocation(line: 1, column: 5, offset: 5))
    }

    /// Marks stay right when the parser revisits earlier positions (a block mapping's end mark
    /// comes after its last value) and across many non-ASCII lines.
    @Test func offsetsStayExactOverManyNonASCIILines() throws {
        var text = ""
        for i in 0..<200 { text += "k\(i): \(String(repeating: "ß", count: i % 7))v\(i)\n" }
        let root = try YAMLLoader.load(text)
        let pairs = try #require(root.pairs)
        #expect(pairs.count == 200)
        var searchFrom = 0
        for (i, pair) in pairs.enumerated() {
            let keyOffset = try #require(byteOffset(of: "k\(i):", in: text, from: searchFrom))
            #expect(pair.key.start.offset == keyOffset)
            #expect(pair.key.start.line == i + 1)
            #expect(pair.value.start.column == "k\(i): ".count + 1)
            searchFrom = keyOffset + 1
        }
        #expect(root.range.end.line == 201)
        #expect(root.range.end.offset == text.utf8.count)
    }

    @Test func crlfLineBreaksCountTwoBytes() throws {
        let text = "a: 1\r\nb: é\r\nc: 3\r\n"
        let root = try YAMLLoader.load(text)
        let c = try #require(root.pairs?[2])
        #expect(c.key.start == SourceLocation(line: 3, column: 1, offset: byteOffset(of: "c:", in: text)!))
        #expect(c.value.start.offset == byteOffset(of: "3", in: text))
    }

    /// A UTF-8 byte-order mark is accepted; offsets still point into the file's bytes.
    @Test func byteOrderMarkIsSkippedAndOffsetsStayInFileBytes() throws {
        let text = "\u{FEFF}a: 1\nb: 2\n"
        let root = try YAMLLoader.load(text)
        let pairs = try #require(root.pairs)
        #expect(pairs.map(\.name) == ["a", "b"])
        #expect(pairs[0].key.start.offset == 3)
        #expect(pairs[0].key.start.line == 1)
        #expect(pairs[1].key.start == SourceLocation(line: 2, column: 1, offset: byteOffset(of: "b:", in: text)!))
        #expect(pairs[1].value.start.offset == byteOffset(of: "2", in: text))
    }

    /// A node reached through an alias is marked at the alias, where it is used; a collection's
    /// children keep the marks of the anchored text, where they are written.
    @Test func aliasCopiesAreMarkedAtTheAlias() throws {
        let root = try YAMLLoader.load("a: &x hello\nb: *x\nc: &y {k: 1}\nd: *y\n")
        let b = try #require(root.at("b"))
        #expect(b.text == "hello")
        #expect(
            b.range
                == SourceRange(start: .init(line: 2, column: 4, offset: 15), end: .init(line: 2, column: 6, offset: 17))
        )
        let d = try #require(root.at("d"))
        #expect(d.start == SourceLocation(line: 4, column: 4, offset: 34))
        #expect(d.at("k")?.start == root.at("c")?.at("k")?.start)
        #expect(d.isAliasCopy)
        #expect(root.at("c")?.isAliasCopy == false)
        #expect(!b.isAliasCopy)
    }
}

extension MarkTests {
    /// The byte-order mark is not text before a comment on the first line.
    @Test func byteOrderMarkBeforeAComment() throws {
        let root = try YAMLLoader.load("\u{FEFF}# head\na: 1\n")
        #expect(root.pairs?.first?.key.start == SourceLocation(line: 2, column: 1, offset: 10))
        #expect(root["a"]?.start == SourceLocation(line: 2, column: 4, offset: 13))
    }
}

extension MarkTests {
    /// The loader's own errors count lines as libyaml does: CR alone ends a line too. NEL, LS and
    /// PS, which libyaml also counts and YAML 1.2 does not, are refused where they stand.
    @Test func ownErrorsCountLinesLikeLibyaml() throws {
        let error = try #require(loadError("a: 1\rb: \"x\"#c\r"))
        #expect(error.location == SourceLocation(line: 2, column: 7, offset: 11))
        let separator = try #require(loadError("a: 1\u{2028}b: [x]#c\n"))
        #expect(separator.location == SourceLocation(line: 1, column: 5, offset: 4))
        #expect(separator.message.hasPrefix("U+2028 is a line break to some YAML readers and not to others"))
        // libyaml's own marks agree.
        let root = try YAMLLoader.load("a: 1\rb: 2\r\nc: 3\n")
        #expect(root.pairs?.map(\.key.start.line) == [1, 2, 3])
        #expect(root.pairs?[2].key.start == SourceLocation(line: 3, column: 1, offset: 11))
    }
}

extension SourceFileTests {
    @Test func linesEndAsTheyDoInLocations() {
        let file = SourceFile(path: "x.yaml", bytes: Array("\u{FEFF}one\r\ntwo\rthree\u{2028}four".utf8))
        #expect((1...4).map { file.line($0) } == ["one", "two", "three", "four"])
        #expect(file.line(5) == nil)
    }
}

extension MarkTests {
    /// At the end of a file without a final line break, libyaml's marks sit on a line after the
    /// last; the loader reports the end of the last line instead.
    @Test func endOfFileWithoutLineBreakIsOnTheLastLine() throws {
        let root = try YAMLLoader.load("a: &x")
        #expect(root["a"]?.range.end == SourceLocation(line: 1, column: 6, offset: 5))
        let error = try #require(loadError("a: [1, 2"))
        #expect(error.location == SourceLocation(line: 1, column: 9, offset: 8))
    }
}
