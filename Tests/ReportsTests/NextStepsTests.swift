import Foundation
import ReviewEngine
import ReviewRecords
import Testing

@testable import Reports

/// The MB page says who acts next: the experiments, the reviewers, and what of the prerequisites
/// is not met.
@Suite struct NextStepsTests {
    /// The shipped frameworks, reviewed without a tracking file: every open question is the
    /// experiment's, every open finding the reviewers', and no verdict is signed.
    @Test func theShippedReviewsWaitForEveryone() throws {
        let context = try Inputs.shipped()
        let prerequisites = PrerequisitesSection(
            items: [], gateHeadline: "On 2010-04-06 the policy is not in effect", notMet: ["PRE-1", "PRE-4"])
        let summary = SummaryReport(context, prerequisites: prerequisites)
        let steps = summary.nextSteps(summary.entries)
        let questions = context.result.frameworks.map { review in
            "\(review.vo) \(review.openFindings.filter { $0.status == .needsInformation }.count) (\(review.name))"
        }
        let open = context.result.frameworks.map { "\($0.name) \($0.openFindings.count)" }
        #expect(
            steps == [
                "The experiments answer their open questions: \(questions.listed()).",
                "Reviewers from EGEE and OSG judge the open findings not yet judged (\(open.listed())) and sign "
                    + "every verdict.",
                "The prerequisites not met are completed: PRE-1 and PRE-4.",
            ])
        #expect(steps[0].contains("ALICE ") && steps[0].contains(" (AliEn)"))
        // Every format says the same sentences.
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

    /// A judged finding is no longer the reviewers' to judge, nor the experiment's to answer; a
    /// signed verdict drops out. The fictional Shortcut is judged and signed; PanDA beside it is not.
    @Test func judgedFindingsAndSignedVerdictsAreDone() throws {
        let (context, _) = try Inputs.tracked()
        let summary = SummaryReport(context)
        let shortcut = try #require(summary.entries.first { $0.review.name == "Shortcut" })
        try #require(shortcut.verdict.signOff.signed, "the example review is no longer signed")
        let panda = try #require(context.result.frameworks.first { $0.name == "PanDA" })
        let asked = panda.openFindings.filter { $0.status == .needsInformation }.count
        #expect(
            summary.nextSteps(summary.entries) == [
                "The experiments answer their open questions: ATLAS \(asked) (PanDA).",
                "Reviewers from EGEE and OSG judge the open findings not yet judged (PanDA "
                    + "\(panda.openFindings.count)) and sign the verdict of PanDA.",
            ])
    }

    /// With the same tracking file but no sign-off, Shortcut's judged findings are still done and
    /// only its signatures are missing.
    @Test func aJudgedButUnsignedReviewNeedsOnlyItsSignatures() throws {
        var (context, tracking) = try Inputs.tracked()
        tracking.signOffs = []
        context.tracking = TrackingSet.make([tracking]).set
        let summary = SummaryReport(context)
        let shortcut = try #require(summary.entries.first { $0.review.name == "Shortcut" })
        #expect(shortcut.tracking.unjudged == 0 && !shortcut.verdict.signOff.signed)
        let steps = summary.nextSteps(summary.entries)
        #expect(steps.count == 2 && steps[1].hasSuffix(") and sign every verdict."))
        #expect(!steps[0].contains("Shortcut") && !steps[1].contains("Shortcut "))
    }

    /// A framework with nothing open still needs its verdict signed; with every prerequisite met
    /// the MB is to decide; without prerequisites, nothing is said of them.
    @Test func whatIsLeftWhenTheFindingsAreDone() throws {
        let context = try Inputs.context([try Inputs.file("frameworks/examples/model-pilot.yaml")])
        let name = try #require(context.result.frameworks.first?.name)
        let alone = SummaryReport(context)
        #expect(alone.nextSteps(alone.entries) == ["Reviewers from EGEE and OSG sign the verdict of \(name)."])
        let awaiting = SummaryReport(
            context,
            prerequisites: PrerequisitesSection(
                items: [], gateHeadline: "On 2010-07-01 the policy is awaiting the MB", awaitingMB: true))
        #expect(
            awaiting.nextSteps(awaiting.entries).last
                == "The MB decides whether the policy comes into effect: every prerequisite is met.")
        #expect(
            NextSteps.sentences([], prerequisites: PrerequisitesSection(items: [], gateHeadline: "in effect"))
                == ["None: every verdict is signed and every prerequisite is met."])
    }

    /// The prerequisites not met come from the tracker's gate: on 2008-01-01, with nothing on
    /// file, the four of 2007 (gLExec at the sites became a condition in November 2009).
    @Test func thePrerequisitesNotMetAreTheGates() throws {
        let report = try StatusTextTests.report("", on: "2008-01-01")
        let section = PrerequisitesSection(report)
        #expect(section.notMet == ["PRE-1", "PRE-2", "PRE-3", "PRE-4"] && !section.awaitingMB)
        #expect(
            NextSteps.sentences([], prerequisites: section)
                == ["The prerequisites not met are completed: PRE-1, PRE-2, PRE-3 and PRE-4."])
    }
}
