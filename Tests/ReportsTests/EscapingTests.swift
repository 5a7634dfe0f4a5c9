import Foundation
import Reports
import Testing
import YAMLDocument

/// Descriptions are written by others: whatever they contain must reach every report as text.
@Suite struct EscapingTests {
    static let hostileName = "<script>alert(1)</script>|x"
    static let hostileReason = "<img src=x onerror=alert(2)> | *bold* [link](javascript:alert(3)) &amp; $x$"

    /// PanDA's description with a hostile framework name and a hostile reason for an unknown fact.
    static func hostile() throws -> ReportContext {
        let panda = try Inputs.file("frameworks/panda.yaml")
        var text = String(decoding: panda.bytes, as: UTF8.self)
        let name = try #require(text.range(of: "\n  name: PanDA\n"))
        text.replaceSubrange(name, with: "\n  name: \"\(hostileName)\"\n")
        let approval = try #require(text.range(of: "\n  site_approval: [^\n]*\n", options: .regularExpression))
        text.replaceSubrange(approval, with: "\n  site_approval: {unknown: \"\(hostileReason)\"}\n")
        return try Inputs.context([SourceFile(path: "frameworks/panda.yaml", bytes: Array(text.utf8))])
    }

    /// A line break in a name printed a line of the text report's own (a forged verdict), and a
    /// right-to-left override reversed the rest of the line in the text, Markdown and HTML reports.
    @Test func aNameCannotForgeOrReorderALine() throws {
        let panda = try Inputs.file("frameworks/panda.yaml")
        let forged = String(decoding: panda.bytes, as: UTF8.self).replacingOccurrences(
            of: "\n  name: PanDA\n",
            with: "\n  name: \"Forged\\n  verdict the findings support: recommend\\u202E\"\n")
        let context = try Inputs.context([SourceFile(path: "frameworks/panda.yaml", bytes: Array(forged.utf8))])
        #expect(context.result.frameworks.first?.name.contains("\n") == true)
        let text = ReportFormat.text.render(context)
        #expect(!text.contains("\n  verdict the findings support: recommend"))
        #expect(text.contains("Forged\\u{a}  verdict the findings support: recommend\\u{202e}"))
        for format in ReportFormat.allCases {
            #expect(!format.render(context).unicodeScalars.contains("\u{202E}") || format == .json || format == .sarif)
        }
        #expect(!SummaryReport(context).render(.markdown).unicodeScalars.contains("\u{202E}"))
        #expect(!SummaryReport(context).render(.html).unicodeScalars.contains("\u{202E}"))
    }

    @Test func hostileNameIsTextInHTML() throws {
        let context = try Self.hostile()
        #expect(context.result.frameworks.first?.name == Self.hostileName)
        for html in [HTMLReport.render(context), SummaryReport(context).render(.html)] {
            #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;|x"))
            #expect(!html.contains("<script"))
            #expect(try Inputs.matches("<(script|img|iframe|object|embed|link)[\\s>]", in: html).isEmpty)
            #expect(!html.contains("url("))
            #expect(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"))
        }
        let review = HTMLReport.render(context)
        #expect(review.contains("&lt;img src=x onerror=alert(2)&gt; | *bold* [link](javascript:alert(3)) &amp;amp;"))
    }

    @Test func hostileTextIsTextInMarkdown() throws {
        let context = try Self.hostile()
        for markdown in [MarkdownReport.render(context), SummaryReport(context).render(.markdown)] {
            // No tag opens: every `<` from the description is backslash-escaped.
            #expect(try Inputs.matches("(?<!\\\\)(<)(script|/script|img)", in: markdown).isEmpty)
            #expect(markdown.contains("\\<script\\>alert(1)\\</script\\>\\|x"))
        }
        let markdown = MarkdownReport.render(context)
        #expect(
            markdown.contains(
                "\\<img src=x onerror=alert(2)\\> \\| \\*bold\\* \\[link\\](javascript:alert(3)) \\&amp; \\$x\\$"))
        #expect(markdown.contains("\\](javascript:"))
        #expect(try Inputs.matches("(?<!\\\\)(\\]\\(javascript:)", in: markdown).isEmpty)
        // The summary table row still has its columns: the name's characters did not split it.
        let row = try #require(markdown.split(separator: "\n").first { $0.hasPrefix("| [\\<script") })
        let unescapedPipes = try Inputs.matches("(?<!\\\\)(\\|)", in: String(row)).count
        #expect(unescapedPipes == 8)
    }

    @Test func controlCharactersNeverReachTheTerminal() throws {
        let panda = try Inputs.file("frameworks/panda.yaml")
        var text = String(decoding: panda.bytes, as: UTF8.self)
        let name = try #require(text.range(of: "\n  name: PanDA\n"))
        text.replaceSubrange(name, with: "\n  name: \"Pan\\e]0;owned\\aDA\\e[2J\"\n")
        let context = try Inputs.context([SourceFile(path: "frameworks/panda.yaml", bytes: Array(text.utf8))])
        #expect(context.result.frameworks.first?.name.contains("\u{1B}") == true)
        let plain = TextReport.render(context, colour: false)
        #expect(!plain.contains("\u{1B}"))
        #expect(!plain.contains("\u{07}"))
        #expect(plain.contains("Pan\\u{1b}]0;owned\\u{7}DA\\u{1b}[2J"))
        let coloured = TextReport.render(context, colour: true)
        #expect(coloured.contains("\u{1B}[1m"))
        #expect(!coloured.contains("\u{1B}]0;"))
        #expect(!coloured.contains("\u{1B}[2J"))
    }

    /// The escapers read bytes; their rules are stated on characters. Each of the first 256
    /// characters, and some of more bytes, alone, between others and beside the characters the
    /// rules replace, is escaped as the rule says.
    @Test func escapersFollowTheirRuleOnEveryCharacter() {
        func isControl(_ c: Unicode.Scalar) -> Bool { c.value < 0x20 || (0x7F...0x9F).contains(c.value) }
        // Bidirectional controls reorder the text around them; line separators break lines.
        func isBidi(_ c: Unicode.Scalar) -> Bool {
            [0x200E, 0x200F].contains(c.value) || (0x202A...0x202E).contains(c.value)
                || (0x2066...0x2069).contains(c.value)
        }
        func isSeparator(_ c: Unicode.Scalar) -> Bool { c == "\u{2028}" || c == "\u{2029}" }
        func shown(_ c: Unicode.Scalar) -> String { "\\u{" + String(c.value, radix: 16) + "}" }
        func byRule(_ text: String, _ rule: (Unicode.Scalar) -> String?) -> String {
            text.unicodeScalars.map { rule($0) ?? String($0) }.joined()
        }
        let html: (Unicode.Scalar) -> String? = { c in
            let named: [Unicode.Scalar: String] = [
                "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;",
            ]
            if let name = named[c] { return name }
            if isSeparator(c) { return " " }
            if isBidi(c) { return shown(c) }
            return isControl(c) && c != "\n" && c != "\t" ? "\u{FFFD}" : nil
        }
        let markdown: (Unicode.Scalar) -> String? = { c in
            if "\\`*_{}[]<>|~&$!#@".unicodeScalars.contains(c) { return "\\" + String(c) }
            if c == "\n" || c == "\r" || c == "\t" || isSeparator(c) { return " " }
            if isBidi(c) { return shown(c) }
            return isControl(c) ? "\u{FFFD}" : nil
        }
        // One line for a terminal: line breaks and tabs too are shown, not sent.
        let terminal: (Unicode.Scalar) -> String? = { c in
            isControl(c) || isBidi(c) || isSeparator(c) ? shown(c) : nil
        }
        let characters =
            (0..<256).compactMap(Unicode.Scalar.init)
            + ["é", "\u{2028}", "\u{2029}", "€", "😀", "\u{301}", "\u{FFFD}", "…", "—", "\u{2022}"]
            + [0x200E, 0x200F, 0x202A, 0x202E, 0x2066, 0x2069, 0x2065, 0x206A, 0x2070].compactMap(Unicode.Scalar.init)
        for c in characters {
            for text in [String(c), "a\(c)b", "\(c)\(c)", "<\(c)\u{85}", "\(c)é&"] {
                #expect(Escape.html(text) == byRule(text, html), "\(c.value)")
                #expect(Escape.markdown(text) == byRule(text, markdown), "\(c.value)")
                #expect(Escape.terminal(text) == byRule(text, terminal), "\(c.value)")
                let flat = byRule(text) { isControl($0) || isSeparator($0) ? " " : isBidi($0) ? shown($0) : nil }
                #expect(Escape.markdownCode(text).contains(flat), "\(c.value)")
            }
        }
    }

    /// GFM makes links of addresses in plain text; a description's text must not become one.
    @Test func markdownTextMakesNoAutolink() {
        #expect(Escape.markdown("see www.evil.example/login") == "see www\\.evil.example/login")
        #expect(Escape.markdown("http://evil.example/x") == "http\\://evil.example/x")
        #expect(Escape.markdown("ask admin@evil.example") == "ask admin\\@evil.example")
        #expect(Escape.markdown("a/b w") == "a/b w")
    }

    @Test func escapersCoverWhatTheyPromise() {
        #expect(Escape.html("a<b>&\"'") == "a&lt;b&gt;&amp;&quot;&#39;")
        #expect(Escape.html("x\u{0}y") == "x\u{FFFD}y")
        #expect(Escape.markdown("a|b\nc") == "a\\|b c")
        #expect(Escape.markdown("_*`#") == "\\_\\*\\`\\#")
        #expect(Escape.markdownCode("a`b") == "``a`b``")
        #expect(Escape.markdownCode("`x") == "`` `x ``")
        // Backtick-quoted parts of engine messages become code, still escaped.
        #expect(Escape.markdownMessage("expected `a_b` is <x>") == "expected `a_b` is \\<x\\>")
        #expect(Escape.htmlMessage("`<a>` and `b`") == "<code>&lt;a&gt;</code> and <code>b</code>")
        #expect(Escape.htmlMessage("odd ` count") == "odd ` count")
    }
}
