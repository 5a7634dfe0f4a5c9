import Testing
import YAMLDocument

/// YAML 1.2 rules that libyaml does not enforce (or reads differently) and the loader does.
@Suite struct YAML12RuleTests {
    @Test(arguments: [
        ("key: \"value\"# note\n", SourceLocation(line: 1, column: 13, offset: 12)),
        ("list: [a, b]#note\n", SourceLocation(line: 1, column: 13, offset: 12)),
        ("list: [a, b,#note\n  c]\n", SourceLocation(line: 1, column: 13, offset: 12)),
        ("text: >#note\n  folded\n", SourceLocation(line: 1, column: 8, offset: 7)),
        ("%YAML 1.2#note\n---\na: 1\n", SourceLocation(line: 1, column: 10, offset: 9)),
    ])
    func commentGluedToTextIsRefused(text: String, location: YAMLDocument.SourceLocation) throws {
        let error = try #require(loadError(text))
        #expect(error.kind == .syntax)
        #expect(error.location == location)
        #expect(error.message == "a comment must be separated from what comes before it by a space")
    }

    @Test func commentsAfterWhitespaceAndHashesInTextAreFine() throws {
        let root = try YAMLLoader.load(
            "%YAML 1.2 # version\n---\n# head\na: b#c # note\nd: \"#\" # x\ne: [x, # y\n  z] #\nf: |  # h\n  #t\n")
        #expect(root["a"]?.scalar?.text == "b#c")
        #expect(root["d"]?.scalar?.text == "#")
        #expect(root["e"]?.items?.count == 2)
        #expect(root["f"]?.scalar?.text == "#t\n")
    }

    @Test func flowContinuationLineMustBeIndented() throws {
        let error = try #require(loadError("top:\n  flow: [a,\n  b]\n"))
        #expect(error.kind == .syntax)
        #expect(error.location == SourceLocation(line: 3, column: 3, offset: 19))
        #expect(
            error.message
                == "this line continues the flow collection that starts at line 2 and must be indented by at least "
                + "3 spaces")
        // Indented past the key, it is fine, and comment lines may sit anywhere.
        let root = try YAMLLoader.load("top:\n  flow: [a,\n# note\n   b]\n")
        #expect(root["top"]?["flow"]?.items?.count == 2)
    }

    @Test func quotedContinuationLineMustBeIndented() throws {
        let error = try #require(loadError("quoted: \"a\nb\"\n"))
        #expect(error.kind == .syntax)
        #expect(error.location == SourceLocation(line: 2, column: 1, offset: 11))
        #expect(error.message.hasPrefix("this line continues the quoted scalar that starts at line 1"))
        #expect(try YAMLLoader.load("quoted: \"a\n b\"\n")["quoted"]?.scalar?.text == "a b")
        // At the top level there is no block collection to indent past.
        #expect(try YAMLLoader.load("\"a\nb\"\n").scalar?.text == "a b")
    }

    @Test func tabBeforeContinuationLineIsNotIndentation() throws {
        let error = try #require(loadError("foo: \"bar\n\tbaz\"\n"))
        #expect(error.kind == .syntax)
        #expect(error.location == SourceLocation(line: 2, column: 1, offset: 10))
        #expect(error.message.hasSuffix("must be indented by at least 1 space (a tab is not indentation)"))
    }

    @Test func loneDashInFlowIsRefused() throws {
        let error = try #require(loadError("- [a, -]\n"))
        #expect(error.kind == .syntax)
        #expect(error.location == SourceLocation(line: 1, column: 7, offset: 6))
        #expect(error.message == "a lone '-' cannot be a plain scalar in a flow collection; quote it: \"-\"")
        #expect(try YAMLLoader.load("[\"-\", -x]\n").items?.map(\.scalar?.text) == ["-", "-x"])
    }

    /// `{ ?foo: bar }` is the key `?foo` in YAML 1.2; libyaml reads the key `foo`.
    @Test func questionMarkGluedToAFlowKeyIsRefused() throws {
        let error = try #require(loadError("{ ?foo: bar }\n"))
        #expect(error.kind == .syntax)
        #expect(error.location == SourceLocation(line: 1, column: 3, offset: 2))
        #expect(error.message.hasPrefix("'?' directly followed by text is not a key indicator in YAML 1.2"))
        #expect(try YAMLLoader.load("{ ? foo : bar }\n")["foo"]?.scalar?.text == "bar")
    }

    /// `&an:chor` is one anchor name in YAML 1.2; libyaml reads `&an` and the text `:chor value`.
    @Test func anchorNameCutShortIsRefused() throws {
        let error = try #require(loadError("key: &an:chor value\n"))
        #expect(error.kind == .syntax)
        #expect(error.location == SourceLocation(line: 1, column: 9, offset: 8))
        #expect(
            error.message
                == "the name &an goes on here; anchor and alias names may only use letters, digits, '-' and '_', "
                + "and end at a space")
        let alias = try #require(loadError("a: &x 1\nb: *x.y\n"))
        #expect(alias.kind == .syntax)
        #expect(alias.location == SourceLocation(line: 2, column: 6, offset: 13))
        let tagged = try #require(loadError("a: !!str &x/y 1\n"))
        #expect(tagged.location == SourceLocation(line: 1, column: 12, offset: 11))
        #expect(try YAMLLoader.load("a: &x-1_y [1]\nb: {c: *x-1_y}\n")["b"]?["c"]?.items?.count == 1)
    }

    @Test func overIndentedLeadingLinesOfABlockScalarAreRefused() throws {
        let text = "text: >\n   \n  folded\n"
        let error = try #require(loadError(text))
        #expect(error.kind == .syntax)
        #expect(error.location == SourceLocation(line: 3, column: 1, offset: 12))
        #expect(error.message.hasPrefix("the first line of text in this block scalar is indented less than"))
        // Equal or fewer spaces, or an indentation indicator, are fine.
        #expect(try YAMLLoader.load("text: >\n  \n  folded\n")["text"]?.scalar?.text == "\nfolded\n")
        #expect(try YAMLLoader.load("text: >2\n   \n  folded\n")["text"]?.scalar?.text == " \nfolded\n")
    }

    /// libyaml drops a last line of spaces without a line break from a block scalar; YAML 1.2
    /// keeps it, and so does the loader.
    @Test func blockScalarKeepsALastLineOfSpaces() throws {
        let text = "foo: |\n  x\n   "
        let root = try YAMLLoader.load(text)
        #expect(root["foo"]?.scalar?.text == "x\n \n")
        // The range ends inside the file, although the loader parsed an added line break.
        #expect(root.range.end.offset <= text.utf8.count)
        #expect(root["foo"]?.range.end.offset == text.utf8.count)
    }
}
