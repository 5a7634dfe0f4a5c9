import DocumentSchema
import Foundation
import PolicyCatalog
import ReviewRecords
import TestSupport
import Testing
import YAMLDocument

@testable import Reports

/// The status formats' text handling: wrapping by characters over bytes, free text cut as
/// findings cut values, and text from the status file escaped for where it goes.
@Suite struct StatusTextTests {
    /// The MB prerequisites on `day` with a status file of `body` (sources not required).
    static func report(_ body: String, on day: String) throws -> PrerequisiteReport {
        let text = "format: mupj-status/1\n" + body
        let value = try #require(
            SchemaValidator(root: StatusFormat.root).validate(
                try SourceFile(path: "s.yaml", bytes: Array(text.utf8)).load(limits: .default), file: "s.yaml"
            ).value)
        let built = StatusFileLoader.build(value, file: "s.yaml", requireSources: false)
        #expect(built.diagnostics.isEmpty, "\(built.diagnostics)")
        let tracker = PrerequisiteTracker(
            catalogs: try TestSupport.shippedCatalogs().prerequisites, status: built.file, verdicts: [])
        return tracker.report(asOf: try #require(CalendarDay(day)))
    }

    /// The prerequisites on a day within one exception window, of the conditions and decision given
    /// as YAML.
    static func window(conditions: String, decision: String) throws -> PrerequisiteReport {
        try report(
            """
            exception_windows:
              - id: w
                from: 2009-12-01
                to: 2010-02-28
                suspends: [identity-switching]
                conditions: \(conditions)
                decision: \(decision)

            """, on: "2010-01-01")
    }

    /// A prerequisite met on inferred entries only is "met (inferred)" wherever its status is
    /// shown: `mupj status` text and Markdown, the MB summary in every format, and JSON.
    @Test func metOnInferredEntriesOnlyReadsSo() throws {
        let report = try Self.report(
            """
            authorization_service:
              - {product: SCAS, state: completed, inferred: true, date: 2009-03-01}
              - {product: SCAS, state: certified, inferred: true, date: 2009-11-24}
              - {product: SCAS, state: deployed, inferred: true, date: 2010-01-01}

            """, on: "2010-02-01")
        #expect(StatusRendering.text(report).contains("PRE-4  met (inferred)  "))
        #expect(
            StatusRendering.markdown(report).contains(
                "| PRE-4 | Server LCAS/LCMAPS completed, certified and deployed | met (inferred) |"))
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(StatusRendering.json(report).rendered().utf8)) as? [String: Any]
        )
        let pre4 = (json["prerequisites"] as? [[String: Any]])?.first { $0["id"] as? String == "PRE-4" }
        #expect(pre4?["state"] as? String == "met" && pre4?["inferred"] as? Bool == true)
        let section = PrerequisitesSection(report)
        let item = try #require(section.items.first { $0.id == "PRE-4" })
        #expect(item.onInferenceOnly && item.phrase == "met (inferred)")
        #expect(section.items.filter(\.onInferenceOnly).count == 1)
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

    /// A line break in the text only ends a word; an escape sequence is shown, not sent.
    @Test func wrappedTextCannotPrintALineOfItsOwn() {
        #expect(
            StatusRendering.wrap("one\ntwo\r\nPRE-1  met\u{1B}[2J \u{202E}x", first: "- ", rest: "  ")
                == "- one two PRE-1 met\\u{1b}[2J \\u{202e}x\n")
    }

    /// A window's free text is cut in the day's listing as findings cut values: a decision of 1 MB
    /// pasted by alias into 1 000 windows open on the day printed 1 GB in 31 s.
    @Test(arguments: StatusReportFormat.allCases)
    func aLongDecisionAndConditionAreCut(format: StatusReportFormat) throws {
        let decision = String(repeating: "d", count: 5_000)
        let condition = String(repeating: "c", count: 5_000)
        let report = try Self.window(conditions: "[\(condition), short condition]", decision: decision)
        let out = StatusRendering.render(report, as: format)
        for text in [decision, condition] {
            let kept = String(text.prefix(Value.displayLimit))
            #expect(out.contains(kept + "…"))
            #expect(!out.contains(kept + String(text.first!)))
        }
        #expect(out.contains("short condition"))
    }

    /// A window's text with markup, a table cell's bar and control characters: the Markdown
    /// escapes them as the review reports do, the text shows them, and neither sends one.
    @Test func aWindowsTextIsEscapedForEachFormat() throws {
        let report = try Self.window(conditions: #"["a | b", "**bold** \e[31mred"]"#, decision: #""line\nbreak""#)
        let markdown = StatusRendering.render(report, as: .markdown)
        #expect(markdown.contains("| a \\| b; \\*\\*bold\\*\\* \u{FFFD}\\[31mred | line break |"), "\(markdown)")
        let text = StatusRendering.render(report, as: .text)
        #expect(text.contains("conditions: a | b; **bold**\n    \\u{1b}[31mred; decision: line break\n"), "\(text)")
        for out in [markdown, text] {
            #expect(!out.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        }
    }

    /// The windows that ended last are named in one sentence, with the next one on file or the
    /// word that there is none.
    @Test func endedWindowsAreSaidInOneSentence() throws {
        let window = { (id: String, from: String, to: String) in
            "  - {id: \(id), from: \(from), to: \(to), suspends: [identity-switching], conditions: [c], decision: d}\n"
        }
        let body =
            "exception_windows:\n" + window("b", "2010-01-15", "2010-02-28") + window("a", "2009-12-01", "2010-02-28")
            + window("c", "2010-06-01", "2010-07-31")
        #expect(
            StatusRendering.ended(try Self.report(body, on: "2010-03-01").gate)
                == "exception windows a (2009-12-01 to 2010-02-28) and b (2010-01-15 to 2010-02-28) have ended; the "
                + "next, c, starts on 2010-06-01")
        let august = try Self.report(body, on: "2010-08-01")
        #expect(
            StatusRendering.ended(august.gate)
                == "exception window c (2010-06-01 to 2010-07-31) has ended, and no later one is on file")
        #expect(StatusRendering.ended(try Self.report(body, on: "2010-01-20").gate) == nil)
        // The MB page gives it as a reason of the gate.
        #expect(PrerequisitesSection(august).gateReasons.last?.text == StatusRendering.ended(august.gate))
    }
}
