import Corpora
import Foundation
import PolicyCatalog
import ReviewEngine
import Testing
import YAMLDocument

@testable import Reports

/// Open findings that the same facts decide name each other, so that the reviewers ask the
/// experiment once and judge them together.
@Suite struct SameFactsTests {
    /// The places a finding's requirement cites, by path and offset.
    static func places(_ finding: Finding) -> Set<String> {
        Set(finding.evidence.filter { $0.phase == .require }.map { "\($0.path)@\($0.range.start.offset)" })
    }

    static func finding(_ review: FrameworkReview, _ rule: String) throws -> Finding {
        try #require(review.findings.first { $0.ruleID == rule })
    }

    /// DIRAC's security contact is unknown: MUPJ-10 and VO-1 both ask for it. And no two open
    /// findings are linked unless their requirements cite the same places.
    @Test func findingsThatAskTheSameFactNameEachOther() throws {
        let review = try Inputs.context([try Inputs.file("frameworks/dirac.yaml")]).result.frameworks[0]
        let same = SameFacts(review)
        let contact = try Self.finding(review, "MUPJ-10/security-contact")
        let named = try Self.finding(review, "VO-1/named")
        #expect(contact.status == .needsInformation && named.status == .needsInformation)
        #expect(same.others(of: contact)?.links.map(\.id) == [named.id])
        #expect(same.others(of: named)?.links.map(\.id) == [contact.id])
        var linked = 0
        for a in review.openFindings {
            for b in review.openFindings where a.id != b.id {
                let link = same.others(of: a)?.links.contains { $0.id == b.id } ?? false
                #expect(
                    link == (Self.places(a) == Self.places(b) && !Self.places(a).isEmpty), "\(a.ruleID) \(b.ruleID)")
                if link { linked += 1 }
            }
        }
        #expect(linked >= 6)
        // Satisfied findings are not linked, whatever they cite.
        for finding in review.findings where !finding.status.isOpen { #expect(same.others(of: finding) == nil) }
    }

    /// A guard's places do not count: where DIRAC switched every payload at every site and never
    /// ran one as the pilot, gLExec's unknown mode alone would decide both the clause 5 check,
    /// which also cites its guard (gLExec is the mechanism), and the clause 8 one, which has none.
    @Test func aGuardsPlacesDoNotCount() throws {
        var dirac = String(decoding: try Inputs.file("frameworks/dirac.yaml").bytes, as: UTF8.self)
        let usedAt = try #require(dirac.range(of: "    used_at:\n"))
        let mode = try #require(dirac.range(of: "    mode:\n", range: usedAt.upperBound..<dirac.endIndex))
        dirac.replaceSubrange(usedAt.lowerBound..<mode.lowerBound, with: "    used_at: every-site\n")
        for code in ["201", "202", "203"] {
            let written = "      \"\(code)\":\n        value: run-as-pilot\n"
            #expect(dirac.contains(written))
            dirac = dirac.replacing(written, with: "      \"\(code)\":\n        value: abort-pilot\n")
        }
        let review = try Inputs.context([SourceFile(path: "dirac.yaml", bytes: Array(dirac.utf8))])
            .result.frameworks[0]
        let setuid = try Self.finding(review, "MUPJ-5/setuid-mode")
        let separate = try Self.finding(review, "MUPJ-8/separate-account")
        #expect(setuid.status == .needsInformation && separate.status == .needsInformation)
        #expect(SameFacts(review).others(of: setuid)?.links.map(\.rule) == ["MUPJ-8/separate-account"])
        #expect(
            setuid.evidence.contains { $0.phase != .require } && separate.evidence.allSatisfy { $0.phase == .require })
    }

    /// Once the experiment answers, the findings are satisfied and no longer linked.
    @Test func anAnsweredQuestionUnlinksItsFindings() throws {
        let dirac = String(decoding: try Inputs.file("frameworks/dirac.yaml").bytes, as: UTF8.self)
        let line = try #require(dirac.split(separator: "\n").first { $0.hasPrefix("  security_contact: {unknown") })
        let answered = dirac.replacing(line, with: "  security_contact: lhcb-security@example.invalid")
        let review = try Inputs.context([SourceFile(path: "dirac.yaml", bytes: Array(answered.utf8))])
            .result.frameworks[0]
        let contact = try Self.finding(review, "MUPJ-10/security-contact")
        #expect(contact.status == .satisfied)
        #expect(SameFacts(review).others(of: contact) == nil)
        #expect(SameFacts(review).others(of: try Self.finding(review, "VO-1/named")) == nil)
    }

    /// A fictional description that satisfies every clause has nothing to link, and its JSON no
    /// `same_facts` member.
    @Test func aDescriptionWithoutOpenFindingsLinksNothing() throws {
        let context = try Inputs.context([try Inputs.file("frameworks/examples/model-pilot.yaml")])
        #expect(SameFacts(context.result.frameworks[0]).isEmpty)
        #expect(!JSONReport.render(context).contains("\"same_facts\""))
    }

    /// DIRAC reviewed against one clause of 105 checks: the first and the last four ask its
    /// unknown framework version, the 100 between its unknown security contact.
    static func manyChecks() throws -> ReportContext {
        func check(_ id: String, _ field: String, _ value: String) -> String {
            "      - {id: \(id), title: Check \(id)., require: {field: framework.\(field), equals: \(value)}}\n"
        }
        let checks =
            check("y0", "framework_version", "v1")
            + (0..<100).map { check("c\($0)", "security_contact", "nobody") }.joined()
            + (1...4).map { check("y\($0)", "framework_version", "v1") }.joined()
        let text = Hostile.catalog(
            id: "same-facts", checks: checks,
            examples: """
                      - expect: satisfied
                        description: {framework: {security_contact: nobody, framework_version: v1}}
                      - expect: violated
                        description: {framework: {security_contact: someone, framework_version: v2}}

                """)
        let (set, diagnostics) = CatalogSet.load([SourceFile(path: "c.yaml", bytes: text)])
        let catalogs = try #require(set, "\(diagnostics)")
        return try Inputs.context([try Inputs.file("frameworks/dirac.yaml")], catalogs: catalogs)
    }

    /// Past `listed` others, the rest are counted, in every format; a finding the page leaves out
    /// (past `ShownFindings.perClause`) is named without a link, as only the JSON report has it.
    @Test func aLongGroupIsCutAndCountedAndLinksOnlyToThePage() throws {
        let context = try Self.manyChecks()
        let review = context.result.frameworks[0]
        let c0 = try Self.finding(review, "R-1/c0")
        let others = try #require(SameFacts(review).others(of: c0))
        #expect(others.links.map(\.rule) == (1...10).map { "R-1/c\($0)" } && others.unlisted == 89)
        #expect(Wording.sameFacts(others, id: \.id, code: { $0 }).hasSuffix(" (R-1/c10), and 89 more"))
        #expect(try #require(SameFacts(review, listed: 0).others(of: c0)).unlistedPhrase == "and 99 more")
        let markdown = MarkdownReport.render(context)
        let html = HTMLReport.render(context)
        let text = TextReport.render(context, colour: false)
        let c1 = try Self.finding(review, "R-1/c1").id
        #expect(markdown.contains("(`R-1/c10`), and 89 more\n"))
        #expect(html.contains("(<code>R-1/c10</code>), and 89 more</dd>"))
        #expect(text.contains("(R-1/c10), and 89 more\n"))
        #expect(markdown.contains("[`\(c1)`](#\(c1)) (`R-1/c1`)"))
        // y0 is on the page; y1 … y4 come after the 100 shown.
        let y0 = try Self.finding(review, "R-1/y0")
        let y1 = try Self.finding(review, "R-1/y1").id
        #expect(SameFacts(review, page: true).others(of: y0)?.links.map(\.onPage) == [false, false, false, false])
        #expect(markdown.contains("`\(y1)` (in the JSON report) (`R-1/y1`)") && !markdown.contains("(#\(y1))"))
        #expect(html.contains("<code>\(y1)</code> (in the JSON report) (<code>R-1/y1</code>)"))
        #expect(!html.contains("href=\"#\(y1)\""))
        // Text and SARIF list every open finding: their links need no page.
        #expect(text.contains("\(y1) (R-1/y1)"))
        let sarif = try Inputs.jsonObject(SARIFReport.render(context))
        let results = ((sarif["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]) ?? []
        let result = try #require(
            results.first { ($0["partialFingerprints"] as? [String: String])?.values.contains(c0.id) == true })
        let sameFacts = (result["properties"] as? [String: Any])?["sameFacts"] as? [String: Any]
        #expect((sameFacts?["findings"] as? [String])?.count == 10 && sameFacts?["unlisted"] as? Int == 89)
    }

    /// Every format says it: the reports written for reading with a link to the other finding's
    /// entry, the JSON report and SARIF with its id.
    @Test func everyFormatNamesTheOthers() throws {
        let context = try Inputs.context([try Inputs.file("frameworks/dirac.yaml")])
        let review = context.result.frameworks[0]
        let contact = try Self.finding(review, "MUPJ-10/security-contact")
        let named = try Self.finding(review, "VO-1/named")
        let id = named.id
        #expect(
            MarkdownReport.render(context).contains(
                "- Decided by the same facts as: [`\(id)`](#\(id)) (`VO-1/named`)\n"))
        #expect(
            HTMLReport.render(context).contains(
                "<dt>Decided by the same facts as</dt><dd class=\"same-facts\"><a href=\"#\(id)\"><code>\(id)</code></a>"
                    + " (<code>VO-1/named</code>)</dd>"))
        #expect(
            TextReport.render(context, colour: false).contains(
                "        finding \(contact.id)\n        decided by the same facts as: \(id) (VO-1/named)\n"))
        let json = try Inputs.jsonFinding(JSONReport.render(context), id: contact.id)
        let sameFacts = try #require(json["same_facts"] as? [String: Any])
        #expect(sameFacts["findings"] as? [String] == [id] && sameFacts["unlisted"] as? Int == 0)
        let sarif = try Inputs.jsonObject(SARIFReport.render(context))
        let results = ((sarif["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]) ?? []
        let result = try #require(
            results.first { ($0["partialFingerprints"] as? [String: String])?.values.contains(contact.id) == true })
        let sarifSameFacts = (result["properties"] as? [String: Any])?["sameFacts"] as? [String: Any]
        #expect(sarifSameFacts?["findings"] as? [String] == [id] && sarifSameFacts?["unlisted"] as? Int == 0)
    }

    /// A finding about an element is named with its element: PanDA's payload channel, whose
    /// authentication decides both channel checks of clause 9.
    @Test func aLinkNamesTheOtherFindingsElement() throws {
        let context = try Inputs.context([try Inputs.file("frameworks/panda.yaml")])
        let review = context.result.frameworks[0]
        let subject = "channels[payload-fetch]"
        let credentials = try #require(
            review.findings.first { $0.ruleID == "MUPJ-9/credential-channels" && $0.subject == subject })
        let payloads = try #require(
            review.findings.first { $0.ruleID == "MUPJ-9/payload-channels" && $0.subject == subject })
        #expect(SameFacts(review).others(of: credentials)?.links.map(\.id) == [payloads.id])
        #expect(
            MarkdownReport.render(context).contains(
                "(`MUPJ-9/payload-channels` on `\(subject)`)"))
    }
}
