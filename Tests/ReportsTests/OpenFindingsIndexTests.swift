import Corpora
import Foundation
import PolicyCatalog
import ReviewEngine
import TestSupport
import Testing
import YAMLDocument

@testable import Reports

/// The head of each framework in Markdown and HTML lists its open findings worst first, each
/// linking to its entry, so that reviewers work through them in order and copy ids to judge.
@Suite struct OpenFindingsIndexTests {
    @Test func openFindingsAreListedWorstFirstAndLinked() throws {
        let context = try Inputs.context([try Inputs.file("frameworks/dirac.yaml")])
        let review = context.result.frameworks[0]
        let index = OpenFindingsIndex(review)
        #expect(index.findings.count == review.openFindings.count && index.unlisted == 0)
        #expect(index.findings.first?.status == .violated && index.findings.last?.status == .needsInformation)
        for (a, b) in zip(index.findings, index.findings.dropFirst()) where a.status == b.status {
            #expect(a.severity >= b.severity)
        }
        let markdown = MarkdownReport.render(context)
        let html = HTMLReport.render(context)
        for finding in index.findings {
            #expect(markdown.contains("| [`\(finding.id)`](#\(finding.id)) | \(finding.ruleID) |"))
            #expect(markdown.contains("<a id=\"\(finding.id)\"></a>"))
            #expect(html.contains("<a href=\"#\(finding.id)\"><code>\(finding.id)</code></a></td>"))
        }
        #expect(!markdown.contains("| Judgement |"))
        #expect(html.contains("<caption>Open findings, worst first</caption>"))
    }

    /// An element id is free text: a `|` in a subject stays in its cell.
    @Test func aSubjectWithAPipeStaysInItsCell() throws {
        let dirac = String(decoding: try Inputs.file("frameworks/dirac.yaml").bytes, as: UTF8.self)
        let renamed = dirac.replacing("payload-proxy", with: "pay|proxy")
        let context = try Inputs.context([SourceFile(path: "dirac.yaml", bytes: Array(renamed.utf8))])
        let markdown = MarkdownReport.render(context)
        let row = try #require(
            markdown.split(separator: "\n").first { $0.hasPrefix("| violated |") && $0.contains("pay") })
        #expect(row.contains("`credentials[pay\\|proxy]`"))
        #expect(row.replacing("\\|", with: "").split(separator: "|").count == 5)
    }

    /// With a tracking file, each row says how the finding was judged.
    @Test func aTrackedFrameworkShowsEachJudgement() throws {
        let markdown = MarkdownReport.render(try Inputs.tracked().context)
        #expect(markdown.contains("| Status | Severity | Finding | Check | Subject | Judgement |"))
        #expect(markdown.contains("| MUPJ-6/no-fallback-on-refusal |  | confirmed |"))
        #expect(markdown.contains("| VO-4/retention |  | accepted risk |"))
    }

    /// Past `listed` findings the rest are counted, never dropped silently.
    @Test func aLongListIsCutAndTheRestCounted() throws {
        // 150 channels without authentication: MUPJ-9 gives 300 violated findings, of which the
        // page shows 100.
        var text = TemplateCorpus.withChannelsOnOneLine(150)
        for n in 0..<150 {
            text = text.replacing(
                "{id: channel-\(n), from: pilot, to: task-queue, protocol: https, authentication: mutual",
                with: "{id: channel-\(n), from: pilot, to: task-queue, protocol: https, authentication: none")
        }
        let context = try Inputs.context([SourceFile(path: "channels.yaml", bytes: Array(text.utf8))])
        let review = context.result.frameworks[0]
        let shownOpen = review.clauses.flatMap { ShownFindings($0).findings }.filter(\.status.isOpen).count
        #expect(shownOpen == ShownFindings.perClause)
        let index = OpenFindingsIndex(review, listed: 40)
        #expect(index.findings.count == 40 && index.unlisted == shownOpen - 40)
        #expect(index.unlistedSentence == "And 60 more open findings, in the clauses below.")
        // The page's own list: every shown open finding, as the cap is not reached.
        #expect(OpenFindingsIndex(review).findings.count == shownOpen)
    }
}
