import Foundation
import Reports
import ReviewEngine
import Testing
import YAMLDocument

@Suite struct HTMLTests {
    @Test func selfContainedWithPrintStylesheet() throws {
        let html = HTMLReport.render(try Inputs.shipped())
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(html.hasSuffix("</body>\n</html>\n"))
        #expect(html.contains("@media print"))
        #expect(!html.contains("<script"))
        // Nothing is fetched: no external resource of any kind. The only external addresses are
        // those the descriptions cite, as links a reader may follow, which send no referrer.
        #expect(try Inputs.matches("src=\"(https?:)?//", in: html).isEmpty)
        let external = try Inputs.matches("href=\"(https?:)?//", in: html).count
        #expect(external > 0)
        #expect(try Inputs.matches("<a href=\"https?://[^\"]*\" rel=\"noreferrer\">", in: html).count == external)
        #expect(try Inputs.matches("<link[\\s>]", in: html).isEmpty)
        #expect(!html.contains("@import") && !html.contains("url("))
    }

    /// The shipped descriptions are quoted whole wherever a finding cites them: a fact written on
    /// one line longer than `Quote.wholeLine` would be cut in every report (write it in block style).
    @Test func shippedDescriptionLinesAreQuotedWhole() throws {
        let examples = ["frameworks/examples/model-pilot.yaml", "frameworks/examples/common-mistakes.yaml"]
        var checked = 0
        for path in Inputs.frameworks + examples {
            let text = String(decoding: try Inputs.file(path).bytes, as: UTF8.self)
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                #expect(
                    line.utf8.count <= Quote.wholeLine,
                    "\(path):\(index + 1) has \(line.utf8.count) bytes; write the fact in block style")
                checked += 1
            }
        }
        #expect(checked > 1_000)
    }

    @Test func everyFindingHasItsAnchorAndQuotedEvidence() throws {
        let context = try Inputs.shipped()
        let html = HTMLReport.render(context)
        let ids = try Inputs.matches("<article class=\"finding [a-z-]+\" id=\"([0-9a-f]+)\">", in: html).map { $0[0] }
        let findings = context.result.frameworks.flatMap(\.findings)
        #expect(ids == findings.map(\.id))
        // Every evidence line is quoted as it is in the file, under its line number.
        var quoted: Set<String> = []
        for block in try Inputs.matches("<pre class=\"quote\">(.*?)</pre>", in: html) {
            for line in block[0].components(separatedBy: "\n") {
                let text = line.replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression)
                    .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                    .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
                    .replacingOccurrences(of: "&amp;", with: "&")
                quoted.insert(text.trimmingCharacters(in: .whitespaces))
            }
        }
        var checked = 0
        for framework in Inputs.frameworks {
            let lines = String(decoding: try Inputs.file(framework).bytes, as: UTF8.self).components(separatedBy: "\n")
            for evidence in findings.flatMap(\.evidence) where evidence.file == framework {
                let number = evidence.range.start.line
                let expected = "\(number)" + lines[number - 1]
                #expect(quoted.contains(expected.trimmingCharacters(in: .whitespaces)), "\(framework):\(number)")
                checked += 1
            }
        }
        #expect(checked == findings.flatMap(\.evidence).count)
        // The clause × framework table links each cell to the clause's section.
        for (index, review) in context.result.frameworks.enumerated() {
            for clause in review.clauses {
                let anchor = "fw\(index + 1)-\(clause.clause.id.lowercased())"
                #expect(html.contains("<a href=\"#\(anchor)\"><span class=\"status st-\(clause.status.rawValue)\">"))
                #expect(html.contains("<section class=\"clause st-\(clause.status.rawValue)\" id=\"\(anchor)\">"))
            }
        }
    }

    @Test func quoteMarksTheRange() {
        let file = SourceFile(path: "q.yaml", bytes: Array("a: 1\nkey: välue here\nnext:\n  x: 1\n".utf8))
        let context = ReportContext(
            result: ReviewResult(toolVersion: "t", catalogs: [], frameworks: []), sources: [file])
        func range(_ start: (Int, Int), _ end: (Int, Int)) -> SourceRange {
            SourceRange(
                start: SourceLocation(line: start.0, column: start.1, offset: 0),
                end: SourceLocation(line: end.0, column: end.1, offset: 0))
        }
        let one = context.quote("q.yaml", range((2, 6), (2, 11)))
        #expect(one?.lines.count == 1)
        #expect(one?.lines.first?.before == "key: ")
        #expect(one?.lines.first?.marked == "välue")
        #expect(one?.lines.first?.after == " here")
        // An ASCII line is cut by its bytes, with the same result as counting scalars: within
        // the line, from a column to the end of a line a longer range goes on past, and past
        // the line's end.
        let ascii = context.quote("q.yaml", range((4, 3), (4, 4)))?.lines.first
        #expect([ascii?.before, ascii?.marked, ascii?.after] == ["  ", "x", ": 1"])
        let onwards = context.quote("q.yaml", range((1, 3), (2, 1)))?.lines.first
        #expect([onwards?.before, onwards?.marked, onwards?.after] == ["a:", " 1", ""])
        let beyond = context.quote("q.yaml", range((1, 9), (1, 12)))?.lines.first
        #expect([beyond?.before, beyond?.marked, beyond?.after] == ["a: 1", "", ""])
        // A block ending at the start of the next line does not quote that line.
        let block = context.quote("q.yaml", range((3, 1), (5, 1)))
        #expect(block?.lines.map(\.number) == [3, 4])
        #expect(block?.omitted == 0)
        let limited = context.quote("q.yaml", range((1, 1), (4, 7)), limit: 2)
        #expect(limited?.lines.map(\.number) == [1, 2])
        #expect(limited?.omitted == 2)
        let html = HTMLReport.render(context)
        #expect(html.contains("No framework description was reviewed."))
        // Nor an empty block for the frameworks in the MB summary.
        let summary = SummaryReport(context).render(.html)
        #expect(summary.contains("No framework description was reviewed."))
        #expect(!summary.contains("<div class=\"frameworks\">"))
        var missing = context
        missing.sources = [:]
        #expect(missing.quote("q.yaml", range((2, 6), (2, 11))) == nil)
    }

    /// A line longer than `Quote.wholeLine` is cut to `Quote.context` bytes either side of the
    /// covered part, and at most twice that of the part, with "…" where text is left out; found
    /// from the range's byte offsets, or from its columns when the offsets do not agree with them.
    @Test func longLinesAreQuotedAroundTheRange() throws {
        let c = Quote.context
        let head = String(repeating: "é", count: 1_000)  // two bytes a scalar
        let line = head + "key: value" + String(repeating: "b", count: 2_000)
        // First in the file, so that an offset of 0 is in the line, and only its column is wrong.
        let file = SourceFile(path: "long.yaml", bytes: Array("\(line)\nlast\n".utf8))
        let context = ReportContext(
            result: ReviewResult(toolVersion: "t", catalogs: [], frameworks: []), sources: [file])
        let valueColumn = 1_000 + 6
        let valueOffset = 2_000 + 5
        func quoted(offsets: Bool, length: Int = 5) throws -> Quote.Line {
            let range = SourceRange(
                start: SourceLocation(line: 1, column: valueColumn, offset: offsets ? valueOffset : 0),
                end: SourceLocation(line: 1, column: valueColumn + length, offset: offsets ? valueOffset + length : 0))
            return try #require(context.quote("long.yaml", range)?.lines.first)
        }
        for offsets in [true, false] {
            let quote = try quoted(offsets: offsets)
            #expect(quote.number == 1)
            #expect(quote.marked == "value")
            // 120 bytes before the part, "key: " and 115 bytes of é: the window starts inside an é,
            // and moves back to its first byte, so 58 of them.
            #expect(quote.before == "…" + String(repeating: "é", count: (c - 5 + 1) / 2) + "key: ")
            #expect(quote.after == String(repeating: "b", count: c) + "…")
        }
        // A covered part longer than twice the context is cut too, and nothing follows it.
        let long = try quoted(offsets: true, length: 1_500)
        #expect(long.marked == "value" + String(repeating: "b", count: 2 * c - 5))
        #expect(long.after == "…")
        // Lines up to `wholeLine` bytes are quoted whole.
        let whole = String(repeating: "a", count: Quote.wholeLine - 3) + " #x"
        let short = ReportContext(
            result: ReviewResult(toolVersion: "t", catalogs: [], frameworks: []),
            sources: [SourceFile(path: "s.yaml", bytes: Array(whole.utf8))])
        let range = SourceRange(
            start: SourceLocation(line: 1, column: 1, offset: 0), end: SourceLocation(line: 1, column: 2, offset: 1))
        #expect(short.quote("s.yaml", range)?.lines.first?.text == whole)
    }

    /// Lines as a quote shows them: without their line break (LF or CRLF), empty lines kept,
    /// a last line with or without a final break, nothing past the end.
    @Test func sourceLinesAreFoundWithoutTheirBreaks() {
        func lines(_ text: String) -> [String] {
            let source = SourceText(SourceFile(path: "x", bytes: Array(text.utf8)))
            return Array(sequence(first: 1) { $0 + 1 }.lazy.map { source.line($0) }.prefix { $0 != nil }.map { $0! })
        }
        #expect(lines("a\nb\n") == ["a", "b"])
        #expect(lines("a\r\nb") == ["a", "b"])
        #expect(lines("a\n\n\nb\r\n") == ["a", "", "", "b"])
        #expect(lines("\n") == [""])
        #expect(lines("").isEmpty)
        #expect(lines("é€\n𝄞") == ["é€", "𝄞"])
        #expect(SourceText(SourceFile(path: "x", bytes: Array("a\n".utf8))).line(0) == nil)
    }
}
