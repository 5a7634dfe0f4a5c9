import Testing

@testable import YAMLDocument

/// libyaml's syntax messages name what the parser expected; the hints name the indentation or
/// quoting mistake in the user's file, and are given only where the bytes show it.
@Suite struct SyntaxHintTests {
    /// The message after libyaml's own, or nil when no hint was added.
    func hint(_ text: String) throws -> String? {
        let error = try #require(loadError(text))
        #expect(error.kind == .syntax)
        guard let cut = error.message.range(of: "); ") ?? error.message.range(of: "context; ") else { return nil }
        return String(error.message[cut.upperBound...])
    }

    @Test func aColonInAPlainValueAsksForQuotes() throws {
        let error = try #require(loadError("framework:\n  summary: Note: read this\n"))
        #expect(error.location.line == 2)
        #expect(error.location.column == 16)
        #expect(
            try hint("framework:\n  summary: Note: read this\n")
                == "a plain value cannot contain ': '; put the value in quotes")
    }

    @Test func aKeyIndentedDeeperThanItsSiblingIsReadAsAContinuation() throws {
        // Blank lines between the two are passed over to find the line above.
        let text = "framework:\n  name: X\n\n \n    vo: Y\n"
        #expect(
            try hint(text)
                == "this line is indented more than line 2, so it continues that line's value, and a plain value "
                + "cannot contain ': '; quote the value, or indent this line as line 2 to make it a key of the same "
                + "mapping")
        // The same with Windows line breaks.
        #expect(
            try hint(text.replacingOccurrences(of: "\n", with: "\r\n"))?.hasPrefix(
                "this line is indented more than line 2,") == true)
    }

    @Test func aKeyAtNoMappingsIndentationNamesBoth() throws {
        let error = try #require(loadError("framework:\n  name: X\n vo: Y\n"))
        #expect(error.location == SourceLocation(line: 3, column: 2, offset: 22))
        #expect(
            try hint("framework:\n  name: X\n vo: Y\n")
                == "this line is indented 1 space, and the keys of the mapping begun at line 1 are indented 0; "
                + "check its indentation")
    }

    /// An indentation mistake and the hint it gets: a comment ending a value, so that the deeper
    /// key below it is misplaced; a list item among keys; a key among list items.
    static let indentationMistakes: [(text: String, hint: String)] = [
        (
            "framework:\n  name: X\n  # the VO\n    vo: Y\n",
            "this line is indented 4 spaces, and the keys of the mapping begun at line 2 are indented 2; "
                + "check its indentation"
        ),
        (
            "framework:\n  name: X\n  - a\n",
            "a list item stands among the keys of the mapping begun at line 2; give the list a key of its "
                + "own, or indent it under one"
        ),
        (
            "holds:\n  - a\n  b: 1\n",
            "the items of the list begun at line 2 each start with '- ' indented 2 spaces; this line is not "
                + "one of them: check its indentation, or give the list a key of its own"
        ),
    ]

    @Test(arguments: indentationMistakes)
    func eachIndentationMistakeIsNamed(text: String, expected: String) throws {
        #expect(try hint(text) == expected)
    }

    @Test func noHintWhereTheBytesDoNotShowTheCause() throws {
        // A quoted value followed by more text: neither indentation nor an unquoted ': '.
        #expect(try hint("a: \"x\" y\n") == nil)
        // In a flow collection libyaml's message is already the whole story.
        #expect(try hint("a: {b: c: d}\n") == nil)
    }
}
