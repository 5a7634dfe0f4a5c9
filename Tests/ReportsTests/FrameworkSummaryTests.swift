import Foundation
import FrameworkModel
import Reports
import ReviewEngine
import TestSupport
import Testing
import YAMLDocument

/// The description's own summary says what the framework does and what the description covers
/// ("covers only the gLExec configuration"): every finding reads in its light, so the reports
/// give it under the framework's name.
@Suite struct FrameworkSummaryTests {
    @Test func theReportsGiveTheSummaryUnderTheFrameworksName() throws {
        let context = try Inputs.context([try Inputs.file("frameworks/glideinwms.yaml")])
        let summary = try #require(context.result.frameworks[0].summary)
        #expect(summary.contains("covers only that gLExec-enabled multi-user configuration"))
        let markdown = MarkdownReport.render(context)
        #expect(markdown.contains("\n\n> glideinWMS is a Condor-based workload management system."))
        let html = HTMLReport.render(context)
        #expect(html.contains("<blockquote>glideinWMS is a Condor-based workload management system."))
        let json = try Inputs.jsonObject(JSONReport.render(context))
        #expect((json["frameworks"] as? [[String: Any]])?.first?["summary"] as? String == summary)
    }

    /// Kept line by line in Markdown, left out where not written (in JSON too), and cut after
    /// `summaryLimit` bytes.
    @Test func aSummaryIsQuotedLineByLineAndCut() throws {
        let template = FrameworkTemplate.text
        let anchor = try #require(template.range(of: "\n  summary:"))
        let lineEnd = try #require(template.range(of: "\n", range: anchor.upperBound..<template.endIndex))
        func context(_ summary: String?) throws -> ReportContext {
            let replaced = template.replacingCharacters(
                in: anchor.lowerBound..<lineEnd.lowerBound, with: summary.map { "\n  summary: \($0)" } ?? "")
            return try Inputs.context([SourceFile(path: "s.yaml", bytes: Array(replaced.utf8))])
        }
        let lines = try context("|-\n    First line.\n\n    Third line.")
        #expect(MarkdownReport.render(lines).contains("\n> First line.\n>\n> Third line.\n\n"))
        let none = try context(nil)
        #expect(none.result.frameworks[0].summary == nil)
        #expect(!MarkdownReport.render(none).contains("\n> "))
        let json = try Inputs.jsonObject(JSONReport.render(none))
        let framework = try #require((json["frameworks"] as? [[String: Any]])?.first)
        #expect(framework["summary"] == nil && framework["described_on"] != nil)
        let long = try context(String(repeating: "a", count: FrameworkDescription.summaryLimit + 10))
        let cut = try #require(long.result.frameworks[0].summary)
        #expect(cut == String(repeating: "a", count: FrameworkDescription.summaryLimit) + "…")
    }
}
