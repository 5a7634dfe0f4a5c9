import Foundation
import ReviewEngine
import ReviewRecords
import Testing

@testable import Reports

/// The MB page says who acts next: the experiments, the reviewers, and what of the prerequisites
/// is not met.
@Suite struct NextStepsTests {
    static func section(notMet: [String] = [], awaitingMB: Bool = false) -> PrerequisitesSection {
        PrerequisitesSection(items: [], gateHeadline: "On 2010-04-06 …", notMet: notMet, awaitingMB: awaitingMB)
    }

    /// "AliEn (ALICE): 35 open questions, 6 requirements not met", counted from the findings.
    static func experiment(_ review: FrameworkReview, asked: Int? = nil, notMet: Int? = nil) -> String {
        let asked = asked ?? review.openFindings.filter { $0.status == .needsInformation }.count
        let notMet = notMet ?? review.openFindings.filter { $0.status == .violated }.count
        return "\(review.name) (\(review.vo)): \(asked) open questions, \(notMet) requirements not met"
    }

    static let experimentsLead =
        "The experiments answer the open questions (needs-information findings) and remedy the requirements not "
        + "met, unless the reviewers find otherwise: "

    /// The shipped frameworks, reviewed without a tracking file: every open question and every
    /// requirement not met is the experiment's, every open finding the reviewers', and no verdict
    /// is signed. Every format says the same sentences.
    @Test func theShippedReviewsWaitForEveryone() throws {
        let context = try Inputs.shipped()
        let summary = SummaryReport(context, prerequisites: Self.section(notMet: ["PRE-1", "PRE-4"]))
        let steps = summary.nextSteps(summary.entries)
        let frameworks = context.result.frameworks
        #expect(frameworks.allSatisfy { !$0.openFindings.filter { $0.status == .violated }.isEmpty })
        let open = frameworks.map { "\($0.name) \($0.openFindings.count)" }
        #expect(
            steps == [
                Self.experimentsLead + frameworks.map { Self.experiment($0) }.joined(separator: "; ") + ".",
                "Reviewers from OSG and EGEE judge the open findings not yet judged (\(open.listed())) and sign "
                    + "every verdict.",
                "Still to be met, with the evidence each lacks listed above: PRE-1 and PRE-4.",
            ])
        #expect(steps[0].contains("; DIRAC (LHCb): "))
        let markdown = summary.render(.markdown)
        #expect(markdown.contains("## Next steps\n\n" + steps.map { "- \($0)\n" }.joined() + "\n## Words used here"))
        let html = summary.render(.html)
        #expect(
            html.contains(
                "<section id=\"next-steps\">\n<h2>Next steps</h2>\n<ul>\n"
                    + steps.map { "<li>\($0)</li>\n" }.joined() + "</ul>\n</section>"))
        let json = try Inputs.jsonObject(summary.render(.json))
        #expect(json["next_steps"] as? [String] == steps)
    }

    /// The fictional Shortcut is judged and signed; PanDA and DIRAC beside it are not. A confirmed
    /// finding is still the experiment's to answer or remedy; one judged mitigated, a false
    /// positive or an accepted risk is not. A signed verdict is not the reviewers' any more.
    @Test func judgementsAndSignaturesTakeWorkAway() throws {
        let tracking = try Inputs.tracked().tracking
        let context = try Inputs.context(
            try ["frameworks/examples/common-mistakes.yaml", "frameworks/panda.yaml", "frameworks/dirac.yaml"]
                .map(Inputs.file), tracking: TrackingSet.make([tracking]).set)
        let summary = SummaryReport(context)
        let shortcut = try #require(summary.entries.first { $0.review.name == "Shortcut" })
        try #require(shortcut.verdict.signOff.signed, "the example review is no longer signed")
        let confirmed = Set(tracking.judgements.filter { $0.kind == .confirmed }.map(\.finding))
        try #require(confirmed.count < tracking.judgements.count, "every judgement of the example is confirmed")
        let stands = shortcut.review.openFindings.filter { confirmed.contains($0.id) }
        let (panda, dirac) = (context.result.frameworks[1], context.result.frameworks[2])
        let (asked, notMet) = (
            stands.filter { $0.status == .needsInformation }.count, stands.filter { $0.status == .violated }.count
        )
        try #require(asked == 1 && notMet > 1, "the example's confirmed findings changed")
        let kept = "1 open question, \(notMet) requirements not met"
        #expect(
            summary.nextSteps(summary.entries) == [
                Self.experimentsLead + "Shortcut (EXAMPLE): \(kept); \(Self.experiment(panda)); "
                    + "\(Self.experiment(dirac)).",
                "Reviewers from OSG and EGEE judge the open findings not yet judged (PanDA \(panda.openFindings.count) "
                    + "and DIRAC \(dirac.openFindings.count)) and sign the verdicts of PanDA and DIRAC.",
            ])
    }

    /// Without its sign-offs Shortcut's findings are still judged: only its signatures are
    /// missing. A judgement made when the finding had another status has lapsed, and the finding
    /// is the reviewers' to judge again.
    @Test func unsignedAndLapsedJudgements() throws {
        var tracking = try Inputs.tracked().tracking
        tracking.signOffs = []
        var context = try Inputs.tracked(tracking)
        var summary = SummaryReport(context)
        let panda = try #require(context.result.frameworks.first { $0.name == "PanDA" })
        #expect(
            summary.nextSteps(summary.entries).last
                == "Reviewers from OSG and EGEE judge the open findings not yet judged (PanDA "
                + "\(panda.openFindings.count)) and sign every verdict.")
        let index = try #require(tracking.judgements.firstIndex { $0.status == .violated })
        tracking.judgements[index].status = .needsInformation
        context = try Inputs.tracked(tracking)
        summary = SummaryReport(context)
        let shortcut = try #require(summary.entries.first { $0.review.name == "Shortcut" })
        #expect(shortcut.tracking.unjudged == 1)
        #expect(
            summary.nextSteps(summary.entries).last
                == "Reviewers from OSG and EGEE judge the open findings not yet judged (Shortcut 1 and PanDA "
                + "\(panda.openFindings.count)) and sign every verdict.")
    }

    /// A framework with nothing open still needs its verdict signed; with every prerequisite met
    /// the MB is to decide; with nothing left, the page says so, and whether the prerequisites
    /// were assessed.
    @Test func whatIsLeftWhenTheFindingsAreDone() throws {
        let context = try Inputs.context([try Inputs.file("frameworks/examples/model-pilot.yaml")])
        let name = try #require(context.result.frameworks.first?.name)
        let alone = SummaryReport(context)
        #expect(alone.nextSteps(alone.entries) == ["Reviewers from OSG and EGEE sign the verdict of \(name)."])
        let awaiting = SummaryReport(context, prerequisites: Self.section(awaitingMB: true))
        #expect(
            awaiting.nextSteps(awaiting.entries).last
                == "The MB decides whether the policy comes into effect: every prerequisite is met.")
        #expect(
            NextSteps.sentences([], prerequisites: Self.section())
                == [
                    "None: every verdict is signed, nothing is left to answer or remedy, and every prerequisite is met."
                ])
        #expect(NextSteps.sentences([], prerequisites: nil).first?.hasSuffix("were not assessed in this run.") == true)
    }

    /// The prerequisites not met come from the tracker's gate: on 2008-01-01, with nothing on
    /// file, the four of 2007 (gLExec at the sites became a condition in November 2009).
    @Test func thePrerequisitesNotMetAreTheGates() throws {
        let report = try StatusTextTests.report("", on: "2008-01-01")
        let section = PrerequisitesSection(report)
        #expect(section.notMet == ["PRE-1", "PRE-2", "PRE-3", "PRE-4"] && !section.awaitingMB)
        #expect(
            NextSteps.sentences([], prerequisites: section)
                == ["Still to be met, with the evidence each lacks listed above: PRE-1, PRE-2, PRE-3 and PRE-4."])
    }

    /// A summary of hundreds of frameworks names a few in each sentence and counts the rest.
    @Test func longListsAreCut() {
        let names = (1...11).map { "F\($0)" }
        #expect(NextSteps.named(names) == "F1, F2, F3, F4, F5, F6, F7, F8, and 3 more")
        #expect(NextSteps.named(Array(names.prefix(3))) == "F1, F2 and F3")
        #expect(NextSteps.named(Array(names.prefix(2)), separator: "; ") == "F1; F2")
    }
}
