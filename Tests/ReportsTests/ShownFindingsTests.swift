import Corpora
import PolicyCatalog
import ReviewEngine
import Testing
import YAMLDocument

@testable import Reports

/// The reports written for reading show at most `ShownFindings.perClause` findings of a clause,
/// open ones first, and say how many more there are; the JSON report keeps every one.
@Suite struct ShownFindingsTests {
    /// 150 channels on one line, the last 30 without authentication: MUPJ-9's two channel checks
    /// give 300 findings, 60 of them violated and placed last.
    static func context() throws -> ReportContext {
        var text = TemplateCorpus.withChannelsOnOneLine(150)
        for n in 120..<150 {
            text = text.replacing(
                "{id: channel-\(n), from: pilot, to: task-queue, protocol: https, authentication: mutual",
                with: "{id: channel-\(n), from: pilot, to: task-queue, protocol: https, authentication: none")
        }
        return try Inputs.context([SourceFile(path: "channels.yaml", bytes: Array(text.utf8))])
    }

    @Test func openFindingsComeFirstAndTheRestIsCounted() throws {
        let context = try Self.context()
        let clause = try #require(context.result.frameworks.first?.clauses.first { $0.clause.id == "MUPJ-9" })
        let all = clause.findings
        #expect(all.count > ShownFindings.perClause)
        let open = all.filter(\.status.isOpen)
        #expect(open.count == 60)
        let shown = ShownFindings(clause)
        #expect(shown.findings.count == ShownFindings.perClause)
        // Every open finding is shown, and the shown ones keep the clause's order.
        #expect(Set(open.map(\.id)).isSubset(of: Set(shown.findings.map(\.id))))
        let positions = shown.findings.map { finding in all.firstIndex { $0.id == finding.id }! }
        #expect(positions == positions.sorted())
        let satisfiedLeft =
            all.filter { $0.status == .satisfied }.count - shown.findings.count { $0.status == .satisfied }
        #expect(shown.omitted.map(\.status) == [.satisfied])
        #expect(shown.omitted.first?.count == satisfiedLeft)
        #expect(
            shown.omittedSentence
                == "\(satisfiedLeft) more findings of this clause are not shown here (\(satisfiedLeft) satisfied); "
                + "the JSON report lists every finding.")

        let left = all.filter { finding in !shown.findings.contains { $0.id == finding.id } }
        let html = HTMLReport.render(context)
        let markdown = MarkdownReport.render(context)
        let json = JSONReport.render(context)
        for finding in shown.findings {
            #expect(html.contains("id=\"\(finding.id)\""))
            #expect(markdown.contains("<a id=\"\(finding.id)\"></a>"))
        }
        for finding in left {
            #expect(!html.contains("id=\"\(finding.id)\""))
            #expect(!markdown.contains("<a id=\"\(finding.id)\"></a>"))
            #expect(json.contains("\"id\": \"\(finding.id)\""))
        }
        #expect(html.contains("<p class=\"meta\">\(satisfiedLeft) more findings of this clause are not shown here"))
        #expect(markdown.contains("\(satisfiedLeft) more findings of this clause are not shown here"))
    }

    /// A clause within the cap is shown whole, with nothing said about it.
    @Test func shortClausesAreShownWhole() throws {
        let context = try Self.context()
        for clause in try #require(context.result.frameworks.first).clauses
        where clause.findings.count <= ShownFindings.perClause {
            let shown = ShownFindings(clause)
            #expect(shown.findings.map(\.id) == clause.findings.map(\.id))
            #expect(shown.omittedSentence == nil)
        }
    }
}
