import Testing

@testable import ReviewRecords

/// The status formats' text handling works on bytes, and still wraps and escapes as it did by
/// characters.
@Suite struct StatusTextTests {
    @Test func escapingIsByteWiseAndFlattensLineBreaks() {
        #expect(StatusRendering.escape("a|b*c `d` [e] <f> \\g") == "a\\|b\\*c \\`d\\` \\[e\\] \\<f\\> \\\\g")
        // A carriage return before a line feed is one character: kept whole, it broke the table.
        #expect(StatusRendering.escape("é\r\nx\ny|\u{301}") == "é  x y\\|\u{301}")
    }

    @Test func wrappingCountsCharacters() {
        let words = Array(repeating: "été", count: 60).joined(separator: " ")
        let wrapped = StatusRendering.wrap(words, first: "  - ", rest: "    ")
        let lines = wrapped.split(separator: "\n")
        #expect(lines.map(\.count) == [99, 99, 51])
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("    été") })
        // A word of more bytes than a line holds gets a line of its own, whole.
        let long = String(repeating: "x", count: 1_000)
        #expect(StatusRendering.wrap("a \(long) b", first: "", rest: "") == "a\n\(long)\nb\n")
    }
}
