import Foundation
import Reports
import ReviewEngine
import TestSupport
import Testing

/// A list written with `partial: true` is why a test of a missing item cannot be decided: every
/// format says so where the list is cited, so that a reviewer sees why "cannot tell".
@Suite struct PartialListTests {
    @Test func everyFormatSaysAListIsPartial() throws {
        let dirac = try Inputs.file("frameworks/dirac.yaml")
        let context = try Inputs.context([dirac])
        let findings = context.result.frameworks[0].findings
        let question = try #require(findings.first { $0.ruleID == "MUPJ-4/per-payload-record" })
        #expect(question.status == .needsInformation)
        let cited = try #require(question.evidence.first { $0.path == "traceability.recorded_fields" })
        #expect(cited.partial)
        // The line the message names is the list's own line in the file.
        let line = cited.range.start.line
        let lines = String(decoding: dirac.bytes, as: UTF8.self).split(
            separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[line - 1].contains("[pilot-id, site, ce, payload-id, user-dn]"))
        #expect(question.message.contains("[pilot-id, site, ce, payload-id, user-dn] (line \(line), a partial list)"))
        let others = question.evidence.filter { $0.path != cited.path }
        #expect(others.allSatisfy { !$0.partial })

        let phrase = "(a partial list: others may be in it)"
        #expect(MarkdownReport.render(context).contains("`[pilot-id, site, ce, payload-id, user-dn]` \(phrase)"))
        #expect(HTMLReport.render(context).contains("<code>[pilot-id, site, ce, payload-id, user-dn]</code> \(phrase)"))
        let evidence =
            try Inputs.jsonFinding(JSONReport.render(context), id: question.id)["evidence"] as? [[String: Any]] ?? []
        #expect(evidence.filter { $0["partial"] as? Bool == true }.map { $0["path"] as? String } == [cited.path])
        #expect(evidence.filter { $0["partial"] != nil }.count == 1)
    }
}
