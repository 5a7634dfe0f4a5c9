import Foundation
import Reports
import ReviewEngine
import ReviewRecords
import Testing
import YAMLDocument

/// The reviewers' work in every format, from the fictional signed review of "Shortcut"
/// (reviews/examples/shortcut.yaml) beside the shipped frameworks, which have no tracking file.
@Suite struct TrackingReportTests {
    let context: ReportContext
    let tracking: TrackingFile
    let shortcut: FrameworkReview

    init() throws {
        (context, tracking) = try Inputs.tracked()
        shortcut = context.result.frameworks[0]
    }

    /// The example is what the tests below rely on: every open finding judged, each kind used but
    /// false positive, and signed by OSG and EGEE.
    @Test func theExampleIsASignedReview() throws {
        let (framework, verdict) = (context.frameworks[0].tracking, context.frameworks[0].verdict)
        #expect(framework.diagnostics.isEmpty)
        #expect(framework.unjudged == 0)
        #expect(framework.judged == [.confirmed: 11, .mitigated: 1, .acceptedRisk: 1])
        #expect(verdict.signOff.signed)
        #expect(verdict.verdict == .doNotRecommend)
        #expect(verdict.dismissed == 1)
        #expect(context.frameworks[1].verdict.signOffPending)
    }

    /// The verdict records the prerequisites count are read from the context's join, the verdicts
    /// the reports show: Shortcut's is signed, PanDA's, without a tracking file, is not.
    @Test func theVerdictRecordsAreThoseTheReportsShow() {
        let records = FrameworkVerdictRecord.records(context.tracked)
        #expect(records.map(\.framework) == ["Shortcut", "PanDA"])
        #expect(records.map(\.verdict) == [.doNotRecommend, .doNotRecommend])
        #expect(records.map(\.verdict) == context.frameworks.map(\.verdict.verdict))
        #expect(records.map { $0.signature != nil } == [true, false])
    }

    /// Each judgement, as the human-readable formats word it.
    var sentences: [String] {
        tracking.judgements.map { j in
            "Judged \(j.kind.phrase) by \(j.reviewer.phrase) on \(j.date): \(j.justification.dropLast())"
        }
    }

    @Test func textMarkdownAndHTMLShowEveryJudgementAndWhoSigned() {
        let signed = "signed by A. Reviewer (OSG) on 2009-02-06, B. Reviewer (EGEE) on 2009-02-09"
        let pending =
            "pending sign-off: no judgement or sign-off was read: the verdict is what the findings alone support"
        let text = TextReport.render(context, colour: false)
        let markdown = MarkdownReport.render(context)
        let html = HTMLReport.render(context)
        for (name, report) in [("text", text), ("markdown", markdown), ("html", html)] {
            for sentence in sentences {
                let shown = name == "html" ? sentence.replacingOccurrences(of: "'", with: "&#39;") : sentence
                #expect(report.components(separatedBy: shown).count == 2, "\(name): \(sentence)")
            }
            #expect(report.contains(signed), "\(name)")
            #expect(report.contains(pending), "\(name)")
        }
        #expect(text.contains("  verdict: do not recommend, \(signed)\n"))
        // Each judgement follows the id it was recorded under, as `mupj judge` takes it, and every
        // open finding, judged or not, shows its id.
        for j in tracking.judgements {
            let line = "        finding \(j.finding)\n        Judged \(j.kind.phrase) by \(j.reviewer.phrase)"
            #expect(text.contains(line), "\(j.finding)")
        }
        let open = context.result.frameworks.flatMap(\.findings).filter(\.status.isOpen)
        #expect(text.components(separatedBy: "\n        finding ").count - 1 == open.count)
        #expect(markdown.contains("Verdict: **do not recommend**, \(signed)."))
        #expect(markdown.contains("| do not recommend (signed) |"))
        #expect(markdown.contains("[reviews/examples/shortcut.yaml](../reviews/examples/shortcut.yaml), SHA-256"))
        #expect(html.contains("<dt>Judgement</dt><dd class=\"judgement\">"))
        #expect(html.contains("<li>tracking file <a href=\"../reviews/examples/shortcut.yaml\">"))
    }

    @Test func jsonCarriesEachJudgementAndTheSignOffs() throws {
        let json = try Inputs.jsonObject(JSONReport.render(context))
        let frameworks = try #require(json["frameworks"] as? [[String: Any]])
        let verdict = try #require(frameworks[0]["verdict"] as? [String: Any])
        #expect(verdict["value"] as? String == "do-not-recommend")
        #expect(verdict["supported"] as? String == "do-not-recommend")
        #expect(verdict["sign_off_pending"] as? Bool == false)
        #expect((verdict["sign_off_missing"] as? [String])?.isEmpty == true)
        #expect(verdict["dismissed"] as? Int == 1)
        let file = try #require(frameworks[0]["tracking"] as? [String: Any])
        #expect(file["file"] as? String == "reviews/examples/shortcut.yaml")
        #expect((file["open_findings"] as? Int, file["unjudged"] as? Int) == (13, 0))
        let signOffs = try #require(file["sign_offs"] as? [[String: Any]])
        #expect(signOffs.map { ($0["by"] as? [String: Any])?["organisation"] as? String } == ["OSG", "EGEE"])
        #expect(signOffs.allSatisfy { $0["description_sha256"] as? String == shortcut.sha256 })
        let findings = (frameworks[0]["clauses"] as? [[String: Any]] ?? []).flatMap {
            $0["findings"] as? [[String: Any]] ?? []
        }
        let judged = findings.compactMap { f in (f["judgement"] as? [String: Any]).map { (f["id"] as? String, $0) } }
        #expect(
            judged.map(\.0)
                == tracking.judgements.map(\.finding).sorted { a, b in
                    findings.firstIndex { $0["id"] as? String == a }! < findings.firstIndex {
                        $0["id"] as? String == b
                    }!
                })
        for (id, judgement) in judged {
            let entry = try #require(tracking.judgements.first { $0.finding == id })
            #expect(judgement["kind"] as? String == entry.kind.rawValue)
            #expect(judgement["holds"] as? Bool == true)
            #expect(judgement["justification"] as? String == entry.justification)
            #expect(judgement["line"] as? Int == entry.location.line)
        }
        #expect(frameworks[1]["tracking"] is NSNull)
    }

    @Test func sarifSuppressesEachJudgedResultWithWhoAndWhy() throws {
        let sarif = try Inputs.jsonObject(SARIFReport.render(context))
        let run = try #require((sarif["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        let suppressed = results.filter { $0["suppressions"] != nil }
        #expect(suppressed.count == tracking.judgements.count)
        for result in suppressed {
            let id = (result["partialFingerprints"] as? [String: String])?.values.first
            let entry = try #require(tracking.judgements.first { $0.finding == id })
            let suppression = try #require((result["suppressions"] as? [[String: Any]])?.first)
            #expect(suppression["kind"] as? String == "external")
            #expect(suppression["status"] as? String == "accepted")
            #expect(suppression["justification"] as? String == "\(entry.kind.phrase): \(entry.justification)")
        }
        let artifacts = try #require(run["artifacts"] as? [[String: Any]])
        #expect(artifacts.contains { ($0["properties"] as? [String: String])?["mupjRole"] == "tracking" })
    }

    @Test func theSummaryGivesTheSignedVerdictAndTheJudgements() throws {
        let summary = SummaryReport(context)
        let markdown = summary.render(.markdown)
        #expect(markdown.contains("| Shortcut (EXAMPLE) | **do not recommend** (signed) |"))
        #expect(markdown.contains("Signed by A. Reviewer (OSG) on 2009-02-06, B. Reviewer (EGEE) on 2009-02-09."))
        #expect(
            markdown.contains("Judgements: 13 of 13 open findings judged (11 confirmed, 1 accepted risk, 1 mitigated).")
        )
        #expect(markdown.contains("- tracking file `reviews/examples/shortcut.yaml`: `\(tracking.sha256)`"))
        let json = try Inputs.jsonObject(summary.render(.json))
        let first = try #require((json["frameworks"] as? [[String: Any]])?.first)
        #expect(first["sign_off_pending"] as? Bool == false)
        #expect((first["signed_by"] as? [[String: Any]])?.count == 2)
        #expect(
            first["judgements"] as? String
                == "13 of 13 open findings judged (11 confirmed, 1 accepted risk, 1 mitigated)")
        let html = summary.render(.html)
        #expect(html.contains("<p class=\"sign-off\">Signed by A. Reviewer (OSG) on 2009-02-06"))
    }
}
