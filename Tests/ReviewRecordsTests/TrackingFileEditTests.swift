import PolicyCatalog
import ReviewRecords
import Testing
import YAMLDocument

/// Entries added as text: every byte the reviewers wrote stays, and the entry reads back as given.
@Suite struct TrackingFileEditTests {
    static let judgement = Judgement(
        finding: "00000000000000ff", rule: "MUPJ-8/private-directory", status: .needsInformation,
        kind: .falsePositive, justification: "The wrapper makes the directory.",
        reviewer: Reviewer(name: "N. Ew", organisation: "EGEE"), date: CalendarDay("2009-03-01")!, file: "t.yaml",
        location: .start)

    static let added = """
        - finding: "00000000000000ff"
          rule: "MUPJ-8/private-directory"
          status: needs-information
          judgement: false-positive
          justification: "The wrapper makes the directory."
          by: {name: "N. Ew", organisation: EGEE}
          date: 2009-03-01
        """

    /// `added` with its lines indented by `by` spaces, each ending with `newline`.
    static func added(indent by: Int, newline: String = "\n") -> String {
        added.split(separator: "\n").map { String(repeating: " ", count: by) + $0 + newline }.joined()
    }

    static let head = "format: mupj-tracking/1\nframework: X\nvo: Y\n"

    static let entry = """
          - finding: "00000000000000aa"  # the first one
            rule: MUPJ-1/approval-process
            status: violated
            judgement: mitigated
            justification: >-
              Approved by
              every site.

        """

    static func load(_ text: String) -> (file: TrackingFile?, diagnostics: [Diagnostic]) {
        TrackingFileLoader.load(SourceFile(path: "t.yaml", bytes: Array(text.utf8)))
    }

    func appending(_ text: String, to section: String = "judgements") throws -> String {
        let source = SourceFile(path: "t.yaml", bytes: Array(text.utf8))
        let bytes = try TrackingFileEdit.appending(TrackingFileEdit.lines(Self.judgement), to: section, in: source)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The file is read with the limits the command was given: under raised ones a file past the
    /// defaults is added to (the command read it so), under lowered ones it is refused.
    @Test func theFileIsReadWithTheCommandsLimits() throws {
        let text = Self.head + "judgements:\n" + Self.entry + Self.by
        let source = SourceFile(path: "t.yaml", bytes: Array(text.utf8))
        let lines = TrackingFileEdit.lines(Self.judgement)
        let nodes = try source.loadTable(limits: .default).entries.count
        let tight = LoadLimits(maxNodes: nodes - 1)
        let refused = try #require(throws: Diagnostic.self) {
            try TrackingFileEdit.appending(lines, to: "judgements", in: source, limits: tight)
        }
        #expect(refused.message.contains("--max-nodes"), "\(refused.message)")
        let added = try TrackingFileEdit.appending(
            lines, to: "judgements", in: source, limits: LoadLimits(maxNodes: nodes))
        #expect(String(decoding: added, as: UTF8.self).hasSuffix(Self.added(indent: 2)))
    }

    /// The reviewer and date of `entry`, written after its block scalar, blank line included.
    static let by = "    by: {name: A, organisation: OSG}\n    date: 2009-01-01\n"

    /// Each layout, and where the entry goes in it.
    static let layouts: [(name: String, before: String, after: String)] = [
        (
            "after the last item, before a comment and the next list",
            head + "judgements:\n" + entry.replacingOccurrences(of: "\n\n", with: "\n") + by
                + "\n# signatures below\nsign_offs: []\n",
            head + "judgements:\n" + entry.replacingOccurrences(of: "\n\n", with: "\n") + by + added(indent: 2)
                + "\n# signatures below\nsign_offs: []\n"
        ),
        (
            "an indentless list",
            head + "judgements:\n- finding: \"00000000000000aa\"\n  rule: A/b\n  status: violated\n"
                + "  judgement: mitigated\n  justification: x\n  by: {name: A, organisation: OSG}\n  date: 2009-01-01\n",
            head + "judgements:\n- finding: \"00000000000000aa\"\n  rule: A/b\n  status: violated\n"
                + "  judgement: mitigated\n  justification: x\n  by: {name: A, organisation: OSG}\n  date: 2009-01-01\n"
                + added(indent: 0)
        ),
        (
            "a block scalar last, then blank lines",
            head + "judgements:\n  - finding: \"00000000000000aa\"\n    rule: A/b\n    status: violated\n"
                + "    judgement: mitigated\n    by: {name: A, organisation: OSG}\n    date: 2009-01-01\n"
                + "    justification: |\n      kept\n\n\n",
            head + "judgements:\n  - finding: \"00000000000000aa\"\n    rule: A/b\n    status: violated\n"
                + "    judgement: mitigated\n    by: {name: A, organisation: OSG}\n    date: 2009-01-01\n"
                + "    justification: |\n      kept\n\n\n" + added(indent: 2)
        ),
        (
            "a flow mapping over several lines last, no final line break",
            head + "judgements:\n  - finding: \"00000000000000aa\"\n    rule: A/b\n    status: violated\n"
                + "    judgement: mitigated\n    justification: x\n    date: 2009-01-01\n    by: {name: A,\n"
                + "         organisation: OSG}",
            head + "judgements:\n  - finding: \"00000000000000aa\"\n    rule: A/b\n    status: violated\n"
                + "    judgement: mitigated\n    justification: x\n    date: 2009-01-01\n    by: {name: A,\n"
                + "         organisation: OSG}\n" + added(indent: 2)
        ),
        (
            "an empty list in brackets, with a comment that stays on its line",
            head + "judgements: []  # none yet\nsign_offs: []\n",
            head + "judgements:  # none yet\n" + added(indent: 2) + "sign_offs: []\n"
        ),
        (
            "an empty list in brackets, CRLF",
            head.replacingOccurrences(of: "\n", with: "\r\n") + "judgements: [] # none\r\nsign_offs: []\r\n",
            head.replacingOccurrences(of: "\n", with: "\r\n") + "judgements: # none\r\n"
                + added(indent: 2).replacingOccurrences(of: "\n", with: "\r\n") + "sign_offs: []\r\n"
        ),
        ("no list yet", head + "sign_offs: []", head + "sign_offs: []\njudgements:\n" + added(indent: 2)),
        (
            "no list yet, before a document end marker and a comment",
            "--- !!map\n" + head + "...\n# the end\n",
            "--- !!map\n" + head + "judgements:\n" + added(indent: 2) + "...\n# the end\n"
        ),
        (
            "no list yet, in a mapping indented by two",
            head.split(separator: "\n").map { "  " + $0 + "\n" }.joined() + "# the end\n",
            head.split(separator: "\n").map { "  " + $0 + "\n" }.joined() + "  judgements:\n" + added(indent: 4)
                + "# the end\n"
        ),

        (
            "lines ending in CR LF", head.replacingOccurrences(of: "\n", with: "\r\n") + "judgements: []\r\n",
            head.replacingOccurrences(of: "\n", with: "\r\n") + "judgements:\r\n"
                + added(indent: 2, newline: "\r\n")
        ),
    ]

    @Test(arguments: layouts.indices)
    func theEntryGoesAfterTheLastOneAndNothingElseChanges(index: Int) throws {
        let layout = Self.layouts[index]
        let before = Self.load(layout.before)
        #expect(before.diagnostics.isEmpty, "\(layout.name): \(before.diagnostics)")
        let after = try appending(layout.before)
        #expect(after == layout.after, "\(layout.name)")
        let loaded = Self.load(after)
        #expect(loaded.diagnostics.isEmpty, "\(layout.name): \(loaded.diagnostics)")
        let judgements = loaded.file?.judgements ?? []
        #expect(judgements.count == (before.file?.judgements.count ?? -1) + 1, "\(layout.name)")
        #expect(judgements.last?.finding == Self.judgement.finding, "\(layout.name)")
        #expect(judgements.last?.justification == Self.judgement.justification, "\(layout.name)")
    }

    /// Several items go where one would, in their order, each read back as written.
    @Test(arguments: [head + "judgements: []\n", head, head + "judgements:\n" + entry + by])
    func severalItemsGoTogetherWhereOneWould(text: String) throws {
        var second = Self.judgement
        second.finding = "00000000000000fe"
        second.justification = "Another reason."
        let source = SourceFile(path: "t.yaml", bytes: Array(text.utf8))
        let bytes = try TrackingFileEdit.appending(
            [TrackingFileEdit.lines(Self.judgement), TrackingFileEdit.lines(second)], to: "judgements", in: source)
        let loaded = Self.load(String(decoding: bytes, as: UTF8.self))
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
        let before = Self.load(text).file?.judgements.count ?? -1
        let judgements = loaded.file?.judgements ?? []
        #expect(judgements.count == before + 2)
        #expect(judgements.suffix(2).map(\.finding) == ["00000000000000ff", "00000000000000fe"])
        #expect(judgements.last?.justification == "Another reason.")
        // The file as it was is still there, with only the new text put in.
        let single = try appending(text)
        #expect(
            String(decoding: bytes, as: UTF8.self).hasPrefix(
                single.components(separatedBy: "- finding: \"00000000000000ff\"")[0]))
    }

    /// Layouts whose new entry would change more than the list it goes in, or need a layout only
    /// its writer can choose: each refused where it is written, the file left as it was.
    static let refused: [(text: String, error: String)] = [
        (
            "{format: mupj-tracking/1, framework: X, vo: Y, judgements: []}\n",
            "t.yaml:1:1: error: the file is one mapping in flow style ({…}); mupj adds entries to a file in block "
                + "style only ('key: value' lines): write it in block style, or add the entry by hand"
        ),
        (
            head + "judgements: &none []\nsign_offs: *none\n",
            "t.yaml:4:13: error: 'judgements' carries an anchor, a tag or an alias (&…, !…, *…); mupj adds entries "
                + "only to a list written without them: remove them, or add the entry by hand"
        ),
        (
            head + "sign_offs: &none []\njudgements: *none\n",
            "t.yaml:5:13: error: 'judgements' carries an anchor, a tag or an alias (&…, !…, *…); mupj adds entries "
                + "only to a list written without them: remove them, or add the entry by hand"
        ),
        (
            head + "judgements: [{finding: \"00000000000000aa\", rule: A/b, status: violated, "
                + "judgement: mitigated, justification: x, by: {name: A, organisation: OSG}, date: 2009-01-01}]\n",
            "t.yaml:4:13: error: 'judgements' is written in flow style ([…]); mupj adds entries to a block "
                + "list only ('- ' items): write this list in block style, or add the entry by hand"
        ),
    ]

    @Test(arguments: refused.indices)
    func aLayoutTheEntryCannotGoIntoIsRefusedWhereItIsWritten(index: Int) {
        let (text, message) = Self.refused[index]
        #expect(Self.load(text).diagnostics.isEmpty)
        #expect {
            _ = try appending(text)
        } throws: { error in
            (error as? Diagnostic)?.description == message
        }
    }

    /// Text a reviewer may type, each read back exactly from the file.
    static let texts = [
        "plain", "with \"quotes\" and \\ backslash", "two\nlines", "tab\there", "# not a comment", "key: value",
        "- not a list", "  leading and trailing  ", "bell \u{07} nul-free control \u{1B}[31m", "line\u{2028}sep",
        "non-breaking\u{A0}space, C1 \u{85}", "ünïcödé and 🛂", "'single'", "{flow: like}", "yes", "123",
        "\u{FEFF}bom",
    ]

    @Test(arguments: texts)
    func anyTextReadsBackAsWritten(text: String) throws {
        var judgement = Self.judgement
        judgement.justification = text
        judgement.reviewer.name = text
        let start = SourceFile(path: "t.yaml", bytes: Array(TrackingFileEdit.newFile(framework: text, vo: "V").utf8))
        let bytes = try TrackingFileEdit.appending(TrackingFileEdit.lines(judgement), to: "judgements", in: start)
        let loaded = TrackingFileLoader.load(SourceFile(path: "t.yaml", bytes: bytes))
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
        #expect(loaded.file?.framework == text)
        #expect(loaded.file?.judgements.first?.justification == text)
        #expect(loaded.file?.judgements.first?.reviewer.name == text)
    }

    @Test func aSignOffWithConditionsReadsBack() throws {
        let signOff = SignOff(
            reviewer: Reviewer(name: "S", organisation: "OSG"), date: CalendarDay("2009-04-01")!,
            recommendation: .recommendWithConditions, descriptionSHA256: String(repeating: "1", count: 64),
            conditions: ["First: fix it.", "Second"], file: "t.yaml", location: .start)
        let start = SourceFile(path: "t.yaml", bytes: Array(TrackingFileEdit.newFile(framework: "F", vo: "V").utf8))
        let bytes = try TrackingFileEdit.appending(TrackingFileEdit.lines(signOff), to: "sign_offs", in: start)
        let loaded = TrackingFileLoader.load(SourceFile(path: "t.yaml", bytes: bytes))
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
        let read = try #require(loaded.file?.signOffs.first)
        #expect(read.conditions == signOff.conditions)
        #expect(read.descriptionSHA256 == signOff.descriptionSHA256)
        #expect(
            (read.reviewer, read.recommendation, read.date) == (signOff.reviewer, signOff.recommendation, signOff.date))
    }
}
