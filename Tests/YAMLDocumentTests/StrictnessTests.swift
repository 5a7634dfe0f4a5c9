import Testing
import YAMLDocument

/// Each strictness rule of the loader: the error kind, the exact location and the message.
@Suite struct StrictnessTests {
    // MARK: duplicate keys

    /// Loading that goes on past duplicates lists each (up to a hundred, then counts the rest),
    /// keeps every key in the table, and still stops at an error of the YAML itself; the strict
    /// load gives the first error in the file, a duplicate before a later syntax error.
    @Test func duplicatesAreListedAndCountedWhenLoadingGoesOn() throws {
        let pairs = (0..<150).map { "k: \($0)\n" }.joined()
        var found: [YAMLError] = []
        let table = try YAMLLoader.loadTable(Array(("a: 1\n" + pairs).utf8), duplicates: &found)
        #expect(table.childCount(NodeTable.root) == 151 * 2)
        #expect(found.count == YAMLLoader.duplicatesListed + 1)
        #expect(found[0].message == "duplicate key 'k'; it was first defined at line 2, column 1")
        #expect(found[0].location.line == 3)
        #expect(found.last?.location.line == 3 + YAMLLoader.duplicatesListed)
        #expect(found.last?.message == "49 more duplicate keys from here on, not listed (the first 100 are)")

        let broken = Array("a: 1\na: 2\nb: [\n".utf8)
        found = []
        let fatal = try #require(throws: YAMLError.self) { try YAMLLoader.loadTable(broken, duplicates: &found) }
        #expect(fatal.kind == .syntax)
        #expect(found.map(\.location.line) == [2])
        let strict = try #require(throws: YAMLError.self) { try YAMLLoader.loadTable(broken) }
        #expect(strict.kind == .duplicateKey)
        // An error located at the start of a collection comes before a duplicate inside it.
        let complex = Array("{a: 1, a: 2}: x\n".utf8)
        found = []
        #expect(throws: YAMLError.self) { try YAMLLoader.loadTable(complex, duplicates: &found) }
        #expect(found.map(\.location.column) == [8])
        let first = try #require(throws: YAMLError.self) { try YAMLLoader.loadTable(complex) }
        #expect(first.location.column == 1)
        #expect(first.kind != .duplicateKey)
    }

    @Test func duplicateKeyPointsAtTheDuplicateAndNamesTheFirst() throws {
        let error = try #require(loadError("a: 1\nb: 2\na: 3\n"))
        #expect(error.kind == .duplicateKey)
        #expect(error.location == SourceLocation(line: 3, column: 1, offset: 10))
        #expect(error.message == "duplicate key 'a'; it was first defined at line 1, column 1")
    }

    /// Past eight keys the loader switches to a hash index; the rule must hold on both paths.
    @Test(arguments: [3, 9, 10, 200])
    func duplicateKeyIsFoundInLargeMappings(keys: Int) throws {
        var text = "top:\n"
        for i in 0..<keys { text += "  key\(i): \(i)\n" }
        text += "  key1: again\n"
        let error = try #require(loadError(text))
        #expect(error.kind == .duplicateKey)
        #expect(error.location.line == keys + 2)
        #expect(error.location.column == 3)
        #expect(error.location.offset == byteOffset(of: "key1: again", in: text))
        #expect(error.message == "duplicate key 'key1'; it was first defined at line 3, column 3")
    }

    @Test func duplicateKeyInFlowMapping() throws {
        let error = try #require(loadError("x: {p: 1, q: 2, p: 3}\n"))
        #expect(error.kind == .duplicateKey)
        #expect(error.location == SourceLocation(line: 1, column: 17, offset: 16))
        #expect(error.message == "duplicate key 'p'; it was first defined at line 1, column 5")
    }

    /// Keys are compared by their core-schema value: `1` and `0x1` are the same integer,
    /// `1` and `"1"` are an integer and a string.
    @Test func keysCompareByResolvedValue() throws {
        let error = try #require(loadError("1: a\n0x1: b\n"))
        #expect(error.kind == .duplicateKey)
        #expect(error.location == SourceLocation(line: 2, column: 1, offset: 5))
        #expect(error.message == "duplicate key '0x1'; it was first defined at line 1, column 1")

        let root = try YAMLLoader.load("1: a\n\"1\": b\ntrue: c\n\"true\": d\n~: e\n\"~\": f\n")
        #expect(root.pairs?.count == 6)
        #expect(loadError("null: a\n~: b\n")?.kind == .duplicateKey)
        #expect(loadError("true: a\nTrue: b\n")?.kind == .duplicateKey)
    }

    /// A key that happens to spell an internal marker must not collide with a typed key.
    @Test func stringKeysNeverCollideWithTypedKeys() throws {
        let root = try YAMLLoader.load("1: a\n\"\\x01i1\": b\n")
        #expect(root.pairs?.count == 2)
    }

    @Test func sameKeyInDifferentMappingsIsFine() throws {
        let root = try YAMLLoader.load("a: {x: 1}\nb: {x: 2}\nc:\n  - x: 3\n  - x: 4\n")
        #expect(root.at("c")?.items?.count == 2)
    }

    // MARK: aliases

    /// Nine levels of nine aliases would expand to 9^9 nodes. The loader counts the expansion as
    /// the aliases arrive and stops at the first one over budget: level e's first alias.
    @Test func billionLaughsStopsAtTheFirstAliasOverBudget() throws {
        let text = billionLaughs(levels: 9)
        let error = try #require(loadError(text))
        #expect(error.kind == .aliasBudget)
        // a = 10 nodes, b = 1 + 9·10, c = 1 + 9·91, d = 1 + 9·820: 8 289 alias nodes so far;
        // the first *d in e adds 7 381 more, over 10 000.
        #expect(error.location.line == 5)
        #expect(error.location.column == byteOffset(of: "*d", in: text)! - byteOffset(of: "e:", in: text)! + 1)
        #expect(error.location.offset == byteOffset(of: "*d", in: text))
        #expect(
            error.message
                == "aliases expand to more than 10000 nodes (an alias bomb?); "
                + "write the values out or raise the limit with --max-alias-nodes")
    }

    @Test func aliasBudgetIsConfigurable() throws {
        let text = "a: &a [1, 2, 3]\nb: *a\nc: *a\n"
        #expect(loadError(text, limits: LoadLimits(maxAliasNodes: 8)) == nil)
        let error = try #require(loadError(text, limits: LoadLimits(maxAliasNodes: 7)))
        #expect(error.kind == .aliasBudget)
        #expect(
            error.location == SourceLocation(line: 3, column: 4, offset: byteOffset(of: "*a\n", in: text, from: 20)!))
        #expect(error.message.hasPrefix("aliases expand to more than 7 nodes"))
        let none = try #require(loadError("a: &a x\nb: *a\n", limits: LoadLimits(maxAliasNodes: 0)))
        #expect(none.kind == .aliasBudget)
    }

    /// Every node counts once, an alias too (what it expands to is the alias budget's), and the
    /// first node over the budget is where the load stops.
    @Test func nodeBudgetIsConfigurable() throws {
        // The root mapping, a, the list, 1, 2, b, *l: seven nodes.
        let text = "a: &l [1, 2]\nb: *l\n"
        #expect(loadError(text, limits: LoadLimits(maxNodes: 7)) == nil)
        let alias = try #require(loadError(text, limits: LoadLimits(maxNodes: 6)))
        #expect(alias.kind == .tooManyNodes)
        #expect(alias.location == SourceLocation(line: 2, column: 4, offset: 16))
        #expect(
            alias.message
                == "the document has more than 6 nodes (keys, values and items); raise the limit with --max-nodes")
        let list = try #require(loadError(text, limits: LoadLimits(maxNodes: 2)))
        #expect(list.location == SourceLocation(line: 1, column: 4, offset: 3))
        let scalar = try #require(loadError(text, limits: LoadLimits(maxNodes: 4)))
        #expect(scalar.location == SourceLocation(line: 1, column: 11, offset: 10))
    }

    /// An expanded alias is a copy of the anchored node.
    @Test func aliasesExpandToCopies() throws {
        let root = try YAMLLoader.load("base: &b {x: 1, y: [2, 3]}\ncopy: *b\n")
        let copy = try #require(root.at("copy"))
        #expect(copy.at("x")?.text == "1")
        #expect(copy.at("y")?.items?.map(\.text) == ["2", "3"])
    }

    @Test func undefinedAlias() throws {
        let error = try #require(loadError("a: 1\nb: *nowhere\n"))
        #expect(error.kind == .undefinedAlias)
        #expect(error.location == SourceLocation(line: 2, column: 4, offset: 8))
        #expect(error.message == "alias *nowhere refers to no anchor defined before it")
    }

    @Test func aliasBeforeItsAnchorIsUndefined() throws {
        let error = try #require(loadError("a: *later\nb: &later 1\n"))
        #expect(error.kind == .undefinedAlias)
        #expect(error.location == SourceLocation(line: 1, column: 4, offset: 3))
    }

    @Test func recursiveAlias() throws {
        let error = try #require(loadError("a: &loop [1, *loop]\n"))
        #expect(error.kind == .recursiveAlias)
        #expect(error.location == SourceLocation(line: 1, column: 14, offset: 13))
        #expect(
            error.message == "alias *loop refers to a node that contains it; recursive structures are not allowed")

        let nested = try #require(loadError("root: &r\n  child:\n    - x: *r\n"))
        #expect(nested.kind == .recursiveAlias)
        #expect(nested.location == SourceLocation(line: 3, column: 10, offset: 27))
    }

    /// An alias refers to the most recent node with its anchor: an open collection's anchor
    /// hides an older node of the same name (recursive), and a newer node inside it wins again.
    @Test func aliasRefersToTheMostRecentAnchor() throws {
        let error = try #require(loadError("a: &x 1\nb: &x [*x]\n"))
        #expect(error.kind == .recursiveAlias)
        #expect(error.location == SourceLocation(line: 2, column: 8, offset: 15))

        let root = try YAMLLoader.load("a: &x 1\nb: &x [&x 2, *x]\nc: *x\n")
        #expect(root.at("b")?.items?.map(\.text) == ["2", "2"])
        #expect(root.at("c")?.items?.map(\.text) == ["2", "2"])
    }

    // MARK: depth

    @Test func depthLimitOnBlockNesting() throws {
        let text = "a:\n  b:\n    c:\n      d: 1\n"
        #expect(loadError(text, limits: LoadLimits(maxDepth: 4)) == nil)
        let error = try #require(loadError(text, limits: LoadLimits(maxDepth: 3)))
        #expect(error.kind == .tooDeep)
        #expect(error.location == SourceLocation(line: 4, column: 7, offset: byteOffset(of: "d:", in: text)!))
        #expect(error.message == "collections nest deeper than 3 levels (raise the limit with --max-depth)")
        let one = try #require(loadError(text, limits: LoadLimits(maxDepth: 1)))
        #expect(one.message == "collections nest deeper than 1 level (raise the limit with --max-depth)")
    }

    @Test func depthLimitOnBlockSequenceNesting() throws {
        let error = try #require(loadError("- - - - x\n", limits: LoadLimits(maxDepth: 3)))
        #expect(error.kind == .tooDeep)
        #expect(error.location == SourceLocation(line: 1, column: 7, offset: 6))
    }

    @Test func depthLimitOnFlowNesting() throws {
        let error = try #require(loadError("k: [[{a: [1]}]]\n", limits: LoadLimits(maxDepth: 4)))
        #expect(error.kind == .tooDeep)
        #expect(error.location == SourceLocation(line: 1, column: 10, offset: 9))
        #expect(error.message == "collections nest deeper than 4 levels (raise the limit with --max-depth)")
    }

    @Test func defaultDepthLimitIsSixtyFour() throws {
        let ok = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(loadError(ok) == nil)
        let deep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        let error = try #require(loadError(deep))
        #expect(error.kind == .tooDeep)
        #expect(error.location == SourceLocation(line: 1, column: 65, offset: 64))
    }

    /// An alias pasted deep in the tree makes the tree as deep as the anchored node's height
    /// plus the depth where it lands; the limit is on the tree consumers walk.
    @Test func depthLimitCountsAliasedSubtrees() throws {
        let text = "a: &deep [[[1]]]\nb: [[*deep]]\n"
        #expect(loadError(text, limits: LoadLimits(maxDepth: 6)) == nil)
        let error = try #require(loadError(text, limits: LoadLimits(maxDepth: 5)))
        #expect(error.kind == .tooDeep)
        #expect(error.location == SourceLocation(line: 2, column: 6, offset: 22))
    }

    // MARK: size and encoding

    @Test func fileSizeLimit() throws {
        let text = "key: value\n"
        #expect(loadError(text, limits: LoadLimits(maxBytes: 11)) == nil)
        let error = try #require(loadError(text, limits: LoadLimits(maxBytes: 10)))
        #expect(error.kind == .tooLarge)
        #expect(error.location == .start)
        #expect(
            error.message
                == "file is 11 bytes, more than the limit of 10 bytes (raise it with --max-file-size)")
    }

    @Test func invalidUTF8IsLocated() throws {
        let bytes = Array("a: b\nc: ü".utf8) + [0xFF] + Array("\n".utf8)
        let error = try #require(loadError(bytes))
        #expect(error.kind == .encoding)
        #expect(error.location == SourceLocation(line: 2, column: 5, offset: 10))
        #expect(error.message == "invalid UTF-8 (byte 0xFF); mupj reads UTF-8 text")
    }

    @Test(
        arguments: [
            ([0xC0, 0x80], "overlong NUL"),
            ([0xE0, 0x80, 0xAF], "overlong slash"),
            ([0xED, 0xA0, 0x80], "surrogate"),
            ([0xF4, 0x90, 0x80, 0x80], "beyond U+10FFFF"),
            ([0xE2, 0x82], "truncated"),
            ([0x80], "lone continuation"),
            ([0xF8, 0x88, 0x80, 0x80, 0x80], "five-byte form"),
        ] as [([UInt8], String)])
    func malformedSequencesAreRejected(sequence: [UInt8], name: String) throws {
        let bytes = Array("key: ".utf8) + sequence
        let error = try #require(loadError(bytes), "\(name)")
        #expect(error.kind == .encoding)
        #expect(error.location == SourceLocation(line: 1, column: 6, offset: 5))
        #expect(error.message.hasPrefix("invalid UTF-8 (byte 0x\(String(sequence[0], radix: 16, uppercase: true)))"))
    }

    @Test func nulByteIsLocated() throws {
        let bytes = Array("a: 1\nb: x".utf8) + [0] + Array("y\n".utf8)
        let error = try #require(loadError(bytes))
        #expect(error.kind == .encoding)
        #expect(error.location == SourceLocation(line: 2, column: 5, offset: 9))
        #expect(
            error.message == "NUL byte in the file; mupj reads UTF-8 text (is the file UTF-16?)")
    }

    @Test func utf16IsRejectedWithAClearMessage() throws {
        let littleEndian: [UInt8] = [0xFF, 0xFE] + Array("a: 1\n".utf8).flatMap { [$0, 0] }
        let error = try #require(loadError(littleEndian))
        #expect(error.kind == .encoding)
        #expect(error.location == .start)
        #expect(error.message.contains("UTF-16"))
        #expect(error.message.contains("UTF-8"))

        let bigEndian: [UInt8] = [0xFE, 0xFF] + Array("a: 1\n".utf8).flatMap { [0, $0] }
        let bigError = try #require(loadError(bigEndian))
        #expect(bigError.kind == .encoding)
        #expect(bigError.message.contains("UTF-16"))

        let noMark: [UInt8] = Array("a: 1\n".utf8).flatMap { [$0, 0] }
        #expect(loadError(noMark)?.message.contains("UTF-16") == true)
    }

    /// UTF-32's little-endian mark starts with UTF-16's, and was named as UTF-16.
    @Test func utf32IsNamedAsSuch() throws {
        let littleEndian: [UInt8] = [0xFF, 0xFE, 0, 0] + Array("a: 1\n".utf8).flatMap { [$0, 0, 0, 0] }
        let bigEndian: [UInt8] = [0, 0, 0xFE, 0xFF] + Array("a: 1\n".utf8).flatMap { [0, 0, 0, $0] }
        for bytes in [littleEndian, bigEndian] {
            let error = try #require(loadError(bytes))
            #expect(error.location == .start)
            #expect(
                error.message
                    == "the file is UTF-32 (it starts with a UTF-32 byte-order mark); mupj reads UTF-8 text "
                    + "(convert it, e.g. with iconv -f UTF-32 -t UTF-8)")
        }
    }

    /// libyaml refuses control characters; the error points at the byte.
    @Test func controlCharacterIsLocated() throws {
        let error = try #require(loadError("a: 1\nb: x\u{7}y\n"))
        #expect(error.kind == .syntax)
        #expect(error.location == SourceLocation(line: 2, column: 5, offset: 9))
        #expect(error.message.contains("control characters are not allowed"))
    }

    // MARK: documents

    @Test func moreThanOneDocument() throws {
        let error = try #require(loadError("a: 1\n---\nb: 2\n"))
        #expect(error.kind == .multipleDocuments)
        #expect(error.location == SourceLocation(line: 2, column: 1, offset: 5))
        #expect(error.message == "a second YAML document starts here; mupj reads one document per file")
    }

    @Test func explicitSingleDocumentIsFine() throws {
        let root = try YAMLLoader.load("%YAML 1.2\n---\na: 1\n...\n")
        #expect(root.at("a")?.text == "1")
    }

    @Test(arguments: ["", "   \n\n", "# only a comment\n"])
    func emptyFile(text: String) throws {
        let error = try #require(loadError(text))
        #expect(error.kind == .noDocument)
        #expect(error.location == .start)
        #expect(
            error.message
                == (text.isEmpty
                    ? "the file is empty; expected one YAML document"
                    : "the file holds no YAML document (only comments or blanks)"))
    }

    // MARK: keys and tags

    @Test func mergeKeysAreRefused() throws {
        let error = try #require(loadError("base: &b {x: 1}\nderived:\n  <<: *b\n  y: 2\n"))
        #expect(error.kind == .mergeKey)
        #expect(error.location == SourceLocation(line: 3, column: 3, offset: 27))
        #expect(error.message == "merge keys (<<) are not supported; write the merged keys out in this mapping")
    }

    /// Quoted, `<<` is an ordinary key.
    @Test func quotedMergeKeyIsAString() throws {
        let root = try YAMLLoader.load("\"<<\": x\n")
        #expect(root.at("<<")?.text == "x")
    }

    @Test func sequenceKeyIsRefused() throws {
        let error = try #require(loadError("? [a, b]\n: 1\n"))
        #expect(error.kind == .complexKey)
        #expect(error.location == SourceLocation(line: 1, column: 3, offset: 2))
        #expect(error.message == "mapping keys must be scalars, not a sequence")
    }

    @Test func mappingKeyInFlowIsRefused() throws {
        let error = try #require(loadError("x: {{a: 1}: b}\n"))
        #expect(error.kind == .complexKey)
        #expect(error.location == SourceLocation(line: 1, column: 5, offset: 4))
        #expect(error.message == "mapping keys must be scalars, not a mapping")
    }

    @Test func unsupportedTag() throws {
        let error = try #require(loadError("a: 1\nb: !custom x\n"))
        #expect(error.kind == .unsupportedTag)
        #expect(error.location == SourceLocation(line: 2, column: 4, offset: 8))
        #expect(
            error.message
                == "tag !custom is not supported; mupj accepts only the YAML core tags (!!str, !!int, !!float, !!bool, !!null)"
        )
    }

    @Test func unsupportedTagOnCollection() throws {
        let error = try #require(loadError("a: !!set {x, y}\n"))
        #expect(error.kind == .unsupportedTag)
        #expect(error.location == SourceLocation(line: 1, column: 4, offset: 3))
        #expect(error.message.hasPrefix("tag !!set is not supported"))
    }

    @Test func coreTagsAreAccepted() throws {
        let root = try YAMLLoader.load("s: !!str 12\ni: !!int \"7\"\nf: !!float 1\nm: !!map {a: 1}\nq: !!seq [1]\n")
        #expect(root.at("s")?.resolved == .string("12"))
        #expect(root.at("i")?.resolved == .int(7))
        #expect(root.at("f")?.resolved == .float(1))
        #expect(root.at("m")?.pairs?.count == 1)
        #expect(root.at("q")?.items?.count == 1)
        #expect(root.at("s")?.tag == YAMLTag.str)
    }

    /// A core tag that the text or the node cannot satisfy is an error, not a silent string.
    @Test(arguments: [
        ("a: !!int abc\n", "tag !!int does not fit 'abc'"),
        ("a: !!bool yes\n", "tag !!bool does not fit 'yes'"),
        ("a: !!float x1\n", "tag !!float does not fit 'x1'"),
        ("a: !!null x\n", "tag !!null does not fit 'x'"),
        ("a: !!seq x\n", "tag !!seq is for a sequence, not a scalar"),
        ("a: !!map [1]\n", "tag !!map is for a mapping, not a sequence"),
        ("a: !!str {k: v}\n", "tag !!str is for a scalar, not a mapping"),
    ])
    func mismatchedCoreTagIsRefused(text: String, message: String) throws {
        let error = try #require(loadError(text))
        #expect(error.kind == .unsupportedTag)
        #expect(error.location == SourceLocation(line: 1, column: 4, offset: 3))
        #expect(error.message.hasPrefix(message), "\(error.message)")
    }

    // MARK: syntax

    @Test func syntaxErrorsAreLocated() throws {
        let error = try #require(loadError("a: [1, 2\nb: 3\n"))
        #expect(error.kind == .syntax)
        #expect(error.location.line == 2)
        #expect(error.message.contains("did not find expected ',' or ']'"))
        #expect(error.message.contains("line 1, column 4"))
    }

    @Test func tabIndentationIsASyntaxError() throws {
        let error = try #require(loadError("a:\n\tb: 1\n"))
        #expect(error.kind == .syntax)
        #expect(error.location == SourceLocation(line: 2, column: 1, offset: 3))
        #expect(
            error.message
                == "found character that cannot start any token (while scanning for the next token at line 2, "
                + "column 1); a tab indents this line, and YAML indentation must use spaces")
    }
}

/// The classic alias bomb: each level is a list of `width` aliases to the level before.
func billionLaughs(levels: Int, width: Int = 9) -> String {
    let names = (0..<levels).map { String(UnicodeScalar(UInt8(ascii: "a") + UInt8($0))) }
    var text = "\(names[0]): &\(names[0]) [" + Array(repeating: "lol", count: width + 1).joined(separator: ", ") + "]\n"
    for level in 1..<levels {
        let previous = names[level - 1]
        text +=
            "\(names[level]): &\(names[level]) ["
            + Array(repeating: "*\(previous)", count: width).joined(separator: ", ") + "]\n"
    }
    return text
}
