import DocumentSchema
import Foundation
import PolicyCatalog
import ReviewEngine
import ReviewRecords
import Testing

@testable import Reports

@Suite struct SummaryTests {
    @Test func verdictReasonsAndProvenance() throws {
        let context = try Inputs.shipped()
        let summary = SummaryReport(context)
        let json = try Inputs.jsonObject(summary.render(.json))
        #expect(json["schema"] as? String == "mupj-summary/2")
        let entries = try #require(json["frameworks"] as? [[String: Any]])
        let markdown = summary.render(.markdown)
        let html = summary.render(.html)
        for (review, entry) in zip(context.result.frameworks, entries) {
            let verdict = FindingsVerdict(review)
            #expect(entry["verdict"] as? String == verdict.verdict.rawValue)
            #expect(entry["sign_off_pending"] as? Bool == true)
            #expect(
                markdown.contains(
                    "| \(review.name) (\(review.vo)) | **\(verdict.verdict.phrase)** (pending sign-off) |"))
            #expect(html.contains("data-verdict=\"\(verdict.verdict.rawValue)\""))
            // The three most important reasons, in the verdict's order, in plain words.
            let reasons = try #require(entry["reasons"] as? [[String: Any]])
            #expect(reasons.map { $0["finding"] as? String } == verdict.reasons.prefix(3).map(\.id))
            #expect(entry["more_reasons"] as? Int == max(verdict.reasons.count - 3, 0))
            for (reason, finding) in zip(reasons, verdict.reasons) {
                let text = try #require(reason["text"] as? String)
                #expect(
                    text.hasPrefix(
                        finding.status == .violated
                            ? "Required, not met: " : "Required, not known: "))
                #expect(!text.contains("`"), "no field paths for board members: \(text)")
                #expect(markdown.contains(text))
                #expect(html.contains("<li data-finding=\"\(finding.id)\">"))
            }
            for text in [markdown, html] {
                #expect(text.contains(review.sha256))
            }
        }
        for catalog in context.result.catalogs {
            #expect(markdown.contains(catalog.sha256) && html.contains(catalog.sha256))
            #expect(summary.render(.json).contains(catalog.sha256))
        }
        #expect(markdown.contains("mupj version 0.1.0-test"))
        // The frameworks' sections are one block (print sets them side by side), between the
        // verdicts and the prerequisites, each framework once.
        let block = try #require(
            html.components(separatedBy: "<div class=\"frameworks\">\n").dropFirst().first?
                .components(separatedBy: "</div>\n<section id=\"prerequisites\">").first)
        #expect(block.components(separatedBy: "<section class=\"reasons\"").count - 1 == entries.count)
        #expect(html.components(separatedBy: "<section class=\"reasons\"").count - 1 == entries.count)
        #expect(html.contains("</section>\n<div class=\"frameworks\">\n<section class=\"reasons\" id=\"fw1\">"))
        // The words a board member may not know are explained.
        for term in ["Clause", "Needs information", "Sign-off", "Severity", "Prerequisite"] {
            #expect(markdown.contains("- *\(term)"), "\(term)")
            #expect(html.contains("<dt>\(term)"), "\(term)")
        }
    }

    @Test func prerequisitesNotAssessedUntilGiven() throws {
        let context = try Inputs.shipped()
        let without = SummaryReport(context)
        for format in SummaryFormat.allCases {
            #expect(without.render(format).contains("Not assessed in this run"), "\(format)")
        }
        let prerequisites = PrerequisitesSection(
            items: [
                PrerequisitesSection.Item(
                    id: "PRE-4", title: "Server LCAS/LCMAPS <deployed>", state: .notMet,
                    evidence: "SCAS certified | not deployed (MB 24 Nov 2009)")
            ],
            gateHeadline: "On 2010-04-06 the policy is not in effect",
            gateReasons: [
                .init("PRE-4 not met", items: ["deployed: SCAS <not> deployed", "certified: none on record"]),
                .init("PRE-5 not met", items: ["gLExec deployment at the sites: no record on file"]),
                .init("the MB recorded on 2009-11-24 that the policy was not in effect"),
            ], notMet: ["PRE-4", "PRE-5"], awaitingMB: false)
        let with = SummaryReport(context, prerequisites: prerequisites)
        let markdown = with.render(.markdown)
        #expect(!markdown.contains("Not assessed in this run"))
        #expect(
            markdown.contains("| PRE-4: Server LCAS/LCMAPS \\<deployed\\> | not met | SCAS certified \\| not deployed"))
        // The answer is a headline and a list, a reason's items under it when it has several.
        #expect(
            markdown.contains(
                """
                **Can the policy come into effect?** On 2010-04-06 the policy is not in effect:

                - PRE-4 not met:
                  - deployed: SCAS \\<not\\> deployed
                  - certified: none on record
                - PRE-5 not met: gLExec deployment at the sites: no record on file
                - the MB recorded on 2009-11-24 that the policy was not in effect

                """))
        let html = with.render(.html)
        #expect(html.contains("Server LCAS/LCMAPS &lt;deployed&gt;"))
        #expect(
            html.contains(
                "<p><strong>Can the policy come into effect?</strong> On 2010-04-06 the policy is not in effect:</p>\n"
                    + "<ul>\n<li>PRE-4 not met:\n<ul>\n<li>deployed: SCAS &lt;not&gt; deployed</li>\n"
                    + "<li>certified: none on record</li>\n</ul></li>\n"
                    + "<li>PRE-5 not met: gLExec deployment at the sites: no record on file</li>\n"))
        let json = try Inputs.jsonObject(with.render(.json))
        let section = try #require(json["prerequisites"] as? [String: Any])
        #expect(section["assessed"] as? Bool == true)
        #expect(
            section["gate"] as? String
                == "On 2010-04-06 the policy is not in effect: PRE-4 not met: deployed: SCAS <not> deployed; certified: "
                + "none on record; PRE-5 not met: gLExec deployment at the sites: no record on file; the MB recorded "
                + "on 2009-11-24 that the policy was not in effect.")
        let reasons = try #require(section["gate_reasons"] as? [[String: Any]])
        #expect(
            reasons.map { $0["text"] as? String } == [
                "PRE-4 not met", "PRE-5 not met", prerequisites.gateReasons[2].text,
            ])
        #expect(reasons[0]["items"] as? [String] == ["deployed: SCAS <not> deployed", "certified: none on record"])
        // The status as a code, as `verdict` is, and as the page words it.
        #expect((section["items"] as? [[String: Any]])?.first?["status"] as? String == "not-met")
        #expect((section["items"] as? [[String: Any]])?.first?["status_phrase"] as? String == "not met")

        // Without reasons the headline is a sentence of its own.
        let inEffect = SummaryReport(
            context,
            prerequisites: PrerequisitesSection(
                items: [], gateHeadline: "On 2010-07-01 the policy is in effect", notMet: [], awaitingMB: false))
        #expect(
            inEffect.render(.markdown).contains(
                "**Can the policy come into effect?** On 2010-07-01 the policy is in effect.\n"))
        #expect(
            inEffect.render(.html).contains(
                "<p><strong>Can the policy come into effect?</strong> On 2010-07-01 the policy is in effect.</p>\n"
                    + "</section>"))
        let inEffectJSON = try Inputs.jsonObject(inEffect.render(.json))
        #expect(
            (inEffectJSON["prerequisites"] as? [String: Any])?["gate"] as? String
                == "On 2010-07-01 the policy is in effect.")
    }

    @Test func aFrameworkWithNothingOpenIsRecommended() throws {
        // The catalog examples' model framework satisfies everything the shipped catalogs ask.
        let model = try Inputs.file("frameworks/examples/model-pilot.yaml")
        let context = try Inputs.context([model])
        let review = try #require(context.result.frameworks.first)
        try #require(review.openFindings.isEmpty, "the model description has open findings")
        let json = try Inputs.jsonObject(SummaryReport(context).render(.json))
        let entry = try #require((json["frameworks"] as? [[String: Any]])?.first)
        #expect(entry["verdict"] as? String == "recommend")
        #expect((entry["reasons"] as? [Any])?.isEmpty == true)
        #expect(SummaryReport(context).render(.markdown).contains("Nothing to act on was found."))
    }

    /// Written beside the reviewers' reports, as the main job writes it, each reason links to its
    /// finding's entry there, and the page names the report that has the rest; alone, it links
    /// nowhere it cannot know exists.
    @Test func reasonsLinkToTheirFindingsBesideTheReviewReports() throws {
        let context = try Inputs.shipped()
        let beside = SummaryReport(context, besideReview: true)
        let (markdown, html) = (beside.render(.markdown), beside.render(.html))
        let (reviewMarkdown, reviewHTML) = (MarkdownReport.render(context), HTMLReport.render(context))
        var linked = 0
        for entry in beside.entries {
            for reason in entry.topReasons {
                let id = reason.finding.id
                #expect(markdown.contains("](review.md#\(id))\n"))
                #expect(html.contains("<li data-finding=\"\(id)\"><a href=\"review.html#\(id)\">"))
                // The targets are there.
                #expect(reviewMarkdown.contains("<a id=\"\(id)\"></a>") && reviewHTML.contains(" id=\"\(id)\">"))
                linked += 1
            }
        }
        #expect(linked == 12)
        #expect(markdown.contains("more points in the reviewers' report ([review.md](review.md)).\n"))
        #expect(html.contains("more points in the reviewers' report (<a href=\"review.html\">review.html</a>).</p>"))
        let alone = SummaryReport(context)
        for text in [alone.render(.markdown), alone.render(.html)] {
            #expect(!text.contains("review.md") && !text.contains("review.html"))
            #expect(text.contains("more points in the reviewers' report."))
        }
    }

    /// The clauses counted come from two documents, and the legend says which (MB audit D15).
    @Test func theLegendNamesTheDocumentsTheClausesComeFrom() throws {
        let context = try Inputs.shipped()
        let meaning =
            "One numbered obligation of a policy document; here the 10 clauses MUPJ-1 to MUPJ-10 of “JSPG Grid "
            + "Multi-User Pilot Jobs Policy” and the 6 clauses VO-1 to VO-6 of “VO operations and traceability "
            + "obligations”."
        #expect(SummaryReport(context).render(.markdown).contains("- *Clause*: \(meaning)\n"))
        for html in [SummaryReport(context).render(.html), HTMLReport.render(context)] {
            #expect(html.contains("<dt>Clause</dt><dd>\(meaning)</dd>"))
        }
        // A clause counted once can have a finding per element (MB audit D10).
        #expect(
            SummaryReport(context).render(.markdown).contains(
                "a check of every channel gives a finding per channel, so a clause counted once can have several "
                    + "findings."))
        // A catalog of a few clauses names them all.
        let review = try SameFactsTests.manyChecks()
        #expect(
            SummaryReport(review).render(.markdown).contains(
                "- *Clause*: One numbered obligation of a policy document; here R-1 of “A hostile catalog”.\n"))
    }

    /// What the MB last reported has a column of its own, beside the status the evidence on file
    /// gives, where they agree (PRE-4, partly met) as where they differ (PRE-1, met by the MB's
    /// word, partly met on file). The shipped status file, on 2010-04-06.
    @Test func theMBsWordHasAColumnOfItsOwn() throws {
        let source = try Inputs.file("reviews/prerequisites.yaml")
        let value = try #require(
            SchemaValidator(root: StatusFormat.root).validate(try source.load(limits: .default), file: source.path)
                .value)
        let built = StatusFileLoader.build(value, file: source.path, requireSources: true)
        #expect(built.diagnostics.isEmpty, "\(built.diagnostics)")
        let tracker = PrerequisiteTracker(
            catalogs: try Inputs.catalogs().prerequisites, status: built.file, verdicts: [])
        let section = PrerequisitesSection(tracker.report(asOf: try #require(CalendarDay("2010-04-06"))))
        let byID = Dictionary(uniqueKeysWithValues: section.items.map { ($0.id, $0) })
        #expect(byID["PRE-1"]?.state == .partlyMet && byID["PRE-1"]?.mbReported?.phrase == "met on 2009-11-24")
        #expect(byID["PRE-1"]?.mbReported?.agreesWithEvidence == false)
        #expect(
            byID["PRE-4"]?.state == .partlyMet && byID["PRE-4"]?.mbReported?.phrase == "partly met on 2009-11-24")
        #expect(byID["PRE-4"]?.mbReported?.agreesWithEvidence == true)
        #expect(section.items.allSatisfy { !$0.evidence.contains("MB reported") })
        let summary = SummaryReport(try Inputs.shipped(), prerequisites: section)
        let markdown = summary.render(.markdown)
        #expect(markdown.contains("| Prerequisite | Status | Evidence | MB reported |\n"))
        #expect(
            markdown.contains(
                "| 2 of 3 states reached by SCAS (inferred: completed); outstanding: deployed | partly met on 2009-11-24 |\n"
            ))
        #expect(summary.render(.html).contains("<th>Status</th><th>Evidence</th><th>MB reported</th>"))
        let json = try Inputs.jsonObject(summary.render(.json))
        let items = try #require((json["prerequisites"] as? [String: Any])?["items"] as? [[String: Any]])
        // The same object as `mupj status --format json` gives, for a program to compare.
        let reported = try #require(items.first?["mb_reported"] as? [String: Any])
        #expect(reported["phrase"] as? String == "met on 2009-11-24" && reported["state"] as? String == "met")
        #expect(reported["date"] as? String == "2009-11-24" && reported["agrees_with_evidence"] as? Bool == false)
        #expect((reported["place"] as? String)?.hasPrefix("reviews/prerequisites.yaml:") == true)
        #expect(items.last?["mb_reported"] as? [String: Any] != nil)
        // Without a word from the MB, a dash.
        #expect(PrerequisitesSection.Item(id: "P", title: "T", state: .met, evidence: "E").mbCell == "—")
    }

    /// With no tracking file for any framework, the page says once that nothing was read, not in
    /// each framework's section; with one, each says its own.
    @Test func noTrackingFileIsSaidOnce() throws {
        let markdown = SummaryReport(try Inputs.shipped()).render(.markdown)
        #expect(markdown.components(separatedBy: SummaryReport.noneReadSentence).count == 2)
        #expect(!markdown.contains("Pending sign-off: no judgement or sign-off was read"))
        let tracked = SummaryReport(try Inputs.tracked().context).render(.markdown)
        #expect(!tracked.contains(SummaryReport.noneReadSentence))
        #expect(tracked.contains("Pending sign-off: no judgement or sign-off was read"))
    }
}
