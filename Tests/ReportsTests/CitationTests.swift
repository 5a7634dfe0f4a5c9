import Testing

@testable import Reports

/// Web addresses in a description's text are linked in Markdown and HTML, and only they: the rest
/// is escaped as before, and an address ends where the sentence around it resumes.
@Suite struct CitationTests {
    func parts(_ text: String) -> [String] {
        Citation.parts(text).map { $0.isAddress ? "<\($0.text)>" : $0.text }
    }

    @Test func addressesAreCutFromTheTextAroundThem() {
        #expect(
            parts("CHEP 2009 (https://indico.cern.ch/event/35523/contributions/839686/; J. Phys. 219 (2010))") == [
                "CHEP 2009 (", "<https://indico.cern.ch/event/35523/contributions/839686/>", "; J. Phys. 219 (2010))",
            ])
        #expect(parts("https://a.example/x.") == ["<https://a.example/x>", "."])
        #expect(parts("see http://a.example/wiki/A_(b), then") == ["see ", "<http://a.example/wiki/A_(b)>", ", then"])
        #expect(parts("'https://a.example/q?x=1&y=2'") == ["'", "<https://a.example/q?x=1&y=2>", "'"])
        // Not an address: no word starts there, nothing after the scheme, another scheme.
        #expect(parts("xhttps://a.example") == ["xhttps://a.example"])
        #expect(parts("https:// and http://") == ["https:// and http://"])
        #expect(parts("ftp://a.example/f") == ["ftp://a.example/f"])
        #expect(parts(#"proxy("http://$HOSTNAME:$HOSTPORT")"#) == [#"proxy("http://$HOSTNAME:$HOSTPORT")"#])
        #expect(parts("http://localhost/x") == ["http://localhost/x"])
        #expect(parts("https://cern.ch:8443/a") == ["<https://cern.ch:8443/a>"])
        #expect(parts("github.com/DIRACGrid/DIRAC rev. 1.19") == ["github.com/DIRACGrid/DIRAC rev. 1.19"])
        // An address stops at what could close markup or hide text.
        #expect(parts("https://a.example/<b>") == ["<https://a.example/>", "<b>"])
        #expect(parts("https://a.example/\u{202E}x") == ["<https://a.example/>", "\u{202E}x"])
        // Closing brackets it did not open are the sentence's, however many.
        let closing = String(repeating: ")", count: 100_000)
        #expect(parts("https://a.example/(x)" + closing) == ["<https://a.example/(x)>", closing])
    }

    @Test func eachFormatLinksTheAddressAndEscapesTheRest() {
        let text = "a_b (https://a.example/x_y?q=\"1\") <i>"
        #expect(MarkdownReport.linked(text) == #"a\_b (<https://a.example/x_y?q=>"1") \<i\>"#)
        #expect(
            HTMLPage.linked(text)
                == "a_b (<a href=\"https://a.example/x_y?q=\" rel=\"noreferrer\">https://a.example/x_y?q=</a>&quot;1&quot;) "
                + "&lt;i&gt;")
    }
}
