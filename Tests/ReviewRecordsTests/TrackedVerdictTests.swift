import FrameworkModel
import PolicyCatalog
import ReviewEngine
import ReviewRecords
import TestSupport
import Testing
import YAMLDocument

/// The review of PanDA's shipped description: violated findings of high severity, and open
/// questions of every severity (`theReviewHasWhatTheseTestsNeed`).
func pandaReview() throws -> FrameworkReview {
    let source = try SourceFile.read(TestSupport.path("frameworks/panda.yaml"), maxBytes: 1 << 24)
    let description = try #require(DescriptionLoader.load(source).description)
    return try Engine.review(description, catalogs: try TestSupport.shippedCatalogs())
}

/// Tracking text for `review`: a judgement for each finding given, and the sign-offs given.
func trackingText(
    _ review: FrameworkReview, judging: [(Finding, Judgement.Kind)], status: ((Finding) -> Status)? = nil,
    signOffs: [(name: String, organisation: String, recommendation: Verdict, sha256: String?)] = []
) -> String {
    var text = "framework: \(review.name)\nvo: \(review.vo)\njudgements:\n"
    for (finding, kind) in judging {
        text += """
              - finding: "\(finding.id)"
                rule: \(finding.ruleID)
                status: \((status?(finding) ?? finding.status).rawValue)
                judgement: \(kind.rawValue)
                justification: Because the test says so.
                by: {name: Judge, organisation: OSG}
                date: 2008-06-11

            """
    }
    text += signOffs.isEmpty ? "sign_offs: []\n" : "sign_offs:\n"
    for signOff in signOffs {
        text += """
              - by: {name: \(signOff.name), organisation: \(signOff.organisation)}
                date: 2008-07-09
                recommendation: \(signOff.recommendation.rawValue)
                description_sha256: "\(signOff.sha256 ?? review.sha256)"

            """
        if signOff.recommendation == .recommendWithConditions { text += "    conditions: [Fix it.]\n" }
    }
    return text
}

func tracked(_ review: FrameworkReview, _ text: String) throws -> (FrameworkTracking, FindingsVerdict) {
    let loaded = loadTracking(text)
    let file = try #require(loaded.file, "\(loaded.diagnostics)")
    let tracking = FrameworkTracking(review, file: file)
    return (tracking, FindingsVerdict(review, tracking: tracking))
}

/// How judgements change what the findings support, and when signatures make it the verdict.
@Suite struct TrackedVerdictTests {
    let review: FrameworkReview
    let open: [Finding]

    init() throws {
        review = try pandaReview()
        open = review.findings.filter(\.status.isOpen)
    }

    var violated: [Finding] { open.filter { $0.status == .violated } }
    var graveQuestions: [Finding] { open.filter { $0.status == .needsInformation && $0.severity >= .high } }

    @Test func theReviewHasWhatTheseTestsNeed() {
        #expect(violated.contains { $0.severity >= .high })
        #expect(!graveQuestions.isEmpty)
        #expect(open.contains { $0.severity < .high })
    }

    @Test func withoutATrackingFileNothingIsSigned() {
        let verdict = FindingsVerdict(review)
        #expect(verdict.verdict == .doNotRecommend)
        #expect(verdict.supported == .doNotRecommend)
        #expect(
            verdict.signOff.missing == [
                "no judgement or sign-off was read: the verdict is what the findings alone support"
            ])
        #expect(verdict.dismissed == 0)
    }

    @Test func falsePositivesAndMitigationsStopCounting() throws {
        let (tracking, verdict) = try tracked(
            review,
            trackingText(review, judging: violated.map { ($0, .falsePositive) } + [(graveQuestions[0], .mitigated)]))
        #expect(tracking.diagnostics.isEmpty)
        #expect(tracking.unjudged == open.count - violated.count - 1)
        // No violation counts any more; the other grave questions still do.
        #expect(verdict.supported == .reviewIncomplete)
        #expect(verdict.dismissed == violated.count + 1)
        #expect(!verdict.reasons.contains { $0.id == graveQuestions[0].id || $0.status == .violated })
        #expect(verdict.reasons.count == open.count - violated.count - 1)
        #expect(tracking.judgement(of: violated[0])?.kind == .falsePositive)
        #expect(tracking.judgement(of: graveQuestions[1]) == nil)
    }

    @Test func confirmedFindingsCountInFull() throws {
        let (tracking, verdict) = try tracked(review, trackingText(review, judging: open.map { ($0, .confirmed) }))
        #expect(tracking.unjudged == 0)
        #expect(tracking.judged == [.confirmed: open.count])
        #expect(verdict.supported == FindingsVerdict(review).supported)
        #expect(verdict.reasons.map(\.id) == FindingsVerdict(review).reasons.map(\.id))
        #expect(verdict.signOff.missing == ["no reviewer from EGEE or OSG has signed this description"])
    }

    @Test func acceptedRisksBecomeConditionsListedLast() throws {
        // Every violation accepted as a risk; every other open finding dismissed but one of low weight.
        let minor = try #require(open.first { $0.status == .needsInformation && $0.severity < .high })
        let judging =
            violated.map { ($0, Judgement.Kind.acceptedRisk) }
            + open.filter { $0.status != .violated && $0.id != minor.id }.map { ($0, Judgement.Kind.mitigated) }
        let (tracking, verdict) = try tracked(review, trackingText(review, judging: judging))
        #expect(tracking.unjudged == 1)
        #expect(verdict.supported == .recommendWithConditions)
        // The accepted risks follow, the gravest first, in the review's order within a severity.
        let accepted = violated.enumerated().sorted { a, b in
            a.element.severity != b.element.severity ? a.element.severity > b.element.severity : a.offset < b.offset
        }
        #expect(verdict.reasons.map(\.id) == [minor.id] + accepted.map(\.element.id))
        #expect(tracking.judged == [.acceptedRisk: violated.count, .mitigated: open.count - violated.count - 1])
    }

    /// Every open finding judged so that the findings support a conditional recommendation.
    var judgedAll: [(Finding, Judgement.Kind)] {
        open.map { ($0, $0.status == .violated ? Judgement.Kind.acceptedRisk : .falsePositive) }
    }

    @Test func signaturesFromOSGAndEGEEOnTheSameVerdictMakeItTheVerdict() throws {
        let text = trackingText(
            review, judging: judgedAll,
            signOffs: [("O", "OSG", .recommendWithConditions, nil), ("E", "EGEE", .recommendWithConditions, nil)])
        let (_, verdict) = try tracked(review, text)
        #expect(verdict.signOff.signed)
        #expect(verdict.signOff.missing.isEmpty)
        #expect(verdict.verdict == .recommendWithConditions)
        #expect(verdict.signOff.signOffs.map(\.reviewer.name) == ["O", "E"])
    }

    /// A verdict is one line of the MB's page: past `namedAtMost` sign-offs, the rest are counted.
    @Test func aPhraseNamesAFewSignOffsAndCountsTheRest() throws {
        let organisations = ["OSG", "EGEE"]
        func signers(_ count: Int, disagreeing: Bool) -> [(String, String, Verdict, String?)] {
            (0..<count).map {
                (
                    "R\($0)", organisations[$0 % 2],
                    disagreeing && $0 == 1 ? .doNotRecommend : .recommendWithConditions, nil
                )
            }
        }
        #expect(SignOffStatus.namedAtMost == 6)
        let named = (0..<6).map { "R\($0) (\(organisations[$0 % 2])) on 2008-07-09" }.joined(separator: ", ")
        for (count, more) in [(6, ""), (7, " and 1 more"), (40, " and 34 more")] {
            let (_, verdict) = try tracked(
                review, trackingText(review, judging: judgedAll, signOffs: signers(count, disagreeing: false)))
            #expect(verdict.signOff.phrase == "signed by " + named + more)
            #expect(verdict.signOff.signOffs.count == count)
            // All on one day: the last written is the last signature.
            #expect(verdict.signOff.last?.reviewer.name == "R\(count - 1)")
        }
        let (_, verdict) = try tracked(
            review, trackingText(review, judging: judgedAll, signOffs: signers(9, disagreeing: true)))
        #expect(
            verdict.signOff.missing == [
                "the sign-offs disagree: R0 (OSG) signed recommend with conditions, R1 (EGEE) signed do not recommend, "
                    + (2..<6).map { "R\($0) (\(organisations[$0 % 2])) signed recommend with conditions" }.joined(
                        separator: ", ") + " and 3 more"
            ])
    }

    @Test func aStricterSignedVerdictHolds() throws {
        let text = trackingText(
            review, judging: judgedAll,
            signOffs: [("O", "OSG", .doNotRecommend, nil), ("E", "EGEE", .doNotRecommend, nil)])
        let (_, verdict) = try tracked(review, text)
        #expect(verdict.signOff.signed)
        #expect(verdict.verdict == .doNotRecommend)
        #expect(verdict.supported == .recommendWithConditions)
    }

    /// Open questions confirmed as such leave the review incomplete: signing "do not recommend"
    /// closes it, and a recommendation is more than the findings support.
    @Test func anIncompleteReviewIsClosedOnlyByRefusingTheRecommendation() throws {
        let judging = open.map { ($0, $0.status == .violated ? Judgement.Kind.falsePositive : .confirmed) }
        for (signed, holds) in [(Verdict.doNotRecommend, true), (.recommendWithConditions, false)] {
            let (_, verdict) = try tracked(
                review,
                trackingText(
                    review, judging: judging, signOffs: [("O", "OSG", signed, nil), ("E", "EGEE", signed, nil)]))
            #expect(verdict.supported == .reviewIncomplete)
            #expect(verdict.signOff.signed == holds, "\(signed)")
            #expect(verdict.verdict == (holds ? signed : .reviewIncomplete))
            if !holds {
                #expect(
                    verdict.signOff.missing == [
                        "the sign-offs say recommend with conditions, more than the judged findings support "
                            + "(review incomplete)"
                    ])
            }
        }
    }

    /// What keeps a verdict from being signed, each alone, and how it is said.
    static let lacks:
        [(name: String, signOffs: [(String, String, Verdict, String?)], unjudge: Bool, missing: [String])] =
            [
                (
                    "no EGEE signature", [("O", "OSG", .recommendWithConditions, nil)], false,
                    [
                        "no reviewer from EGEE has signed this description"
                    ]
                ),
                ("no signature at all", [], false, ["no reviewer from EGEE or OSG has signed this description"]),
                (
                    "signatures that disagree",
                    [("O", "OSG", .recommendWithConditions, nil), ("E", "EGEE", .doNotRecommend, nil)], false,
                    [
                        "the sign-offs disagree: O (OSG) signed recommend with conditions, E (EGEE) signed do not recommend"
                    ]
                ),
                (
                    "a verdict the findings do not support",
                    [("O", "OSG", .recommend, nil), ("E", "EGEE", .recommend, nil)], false,
                    ["the sign-offs say recommend, more than the judged findings support (recommend with conditions)"]
                ),
                (
                    "a signature of another version",
                    [
                        ("O", "OSG", .recommendWithConditions, nil),
                        ("E", "EGEE", .recommendWithConditions, String(repeating: "0", count: 64)),
                    ], false,
                    [
                        "no reviewer from EGEE has signed this description",
                        "1 sign-off is of another version of the description",
                    ]
                ),
                (
                    "an open finding not judged",
                    [("O", "OSG", .recommendWithConditions, nil), ("E", "EGEE", .recommendWithConditions, nil)], true,
                    ["1 of the {open} open findings is not judged"]
                ),
            ]

    @Test(arguments: lacks.indices)
    func whatKeepsAVerdictFromBeingSigned(index: Int) throws {
        let lack = Self.lacks[index]
        // A finding of low weight left out: the findings still support the verdict signed.
        let minor = try #require(open.last { $0.severity < .high })
        let judging = lack.unjudge ? judgedAll.filter { $0.0.id != minor.id } : judgedAll
        let (_, verdict) = try tracked(
            review, trackingText(review, judging: judging, signOffs: lack.signOffs.map { ($0.0, $0.1, $0.2, $0.3) }))
        #expect(!verdict.signOff.signed, "\(lack.name)")
        let missing = lack.missing.map { $0.replacingOccurrences(of: "{open}", with: "\(open.count)") }
        #expect(verdict.signOff.missing == missing, "\(lack.name)")
        #expect(verdict.verdict == verdict.supported, "\(lack.name)")
    }

    @Test func judgementsThatMatchNoOpenFindingAreIgnoredWithAWarning() throws {
        let satisfied = try #require(review.findings.first { $0.status == .satisfied })
        let question = graveQuestions[0]
        var text = trackingText(
            review, judging: [(question, .mitigated), (satisfied, .falsePositive), (violated[0], .falsePositive)],
            // Judged when the question was a violation, and when the satisfied finding was one too.
            status: { $0.id == question.id || $0.id == satisfied.id ? .violated : $0.status })
        // A finding id that no finding has, and one given with another finding's rule.
        text = text.replacingOccurrences(of: "finding: \"\(violated[0].id)\"", with: "finding: \"0000000000000000\"")
        let (tracking, verdict) = try tracked(review, text)
        #expect(tracking.unjudged == open.count)
        #expect(verdict.dismissed == 0)
        #expect(
            tracking.state(of: question)
                == .lapsed(try #require(loadTracking(text).file?.judgements[0]), now: .needsInformation))
        #expect(
            tracking.diagnostics.map(\.description) == [
                "t.yaml:5:5: warning: finding \(question.id) (\(question.ruleID)) was violated when judged and is now "
                    + "needs-information: the judgement lapses; judge it again by editing this entry (its status, "
                    + "judgement and reason)",
                "t.yaml:12:5: warning: finding \(satisfied.id) (\(satisfied.ruleID)) is now satisfied: the judgement "
                    + "no longer applies and can be removed",
                "t.yaml:19:5: warning: no finding of PanDA (ATLAS) has the id 0000000000000000: the judgement is "
                    + "ignored (the check or its subject may have been removed; the ids are in the reports)",
            ])
        // The right id under another finding's rule.
        let swapped = trackingText(review, judging: [(violated[0], .falsePositive)])
            .replacingOccurrences(of: "rule: \(violated[0].ruleID)", with: "rule: \(question.ruleID)")
        let (other, _) = try tracked(review, swapped)
        #expect(
            other.diagnostics.map(\.description) == [
                "t.yaml:5:5: warning: finding \(violated[0].id) is \(violated[0].ruleID), not \(question.ruleID): the "
                    + "judgement is ignored; copy the id and the rule from the same finding"
            ])
    }

    @Test func theRecordForThePrerequisitesUsesTheTrackedVerdict() throws {
        let text = trackingText(
            review, judging: judgedAll,
            signOffs: [("O", "OSG", .recommendWithConditions, nil), ("E", "EGEE", .recommendWithConditions, nil)])
        let file = try #require(loadTracking(text).file)
        let (set, _) = TrackingSet.make([file])
        #expect(FrameworkVerdictRecord(review).verdict == .doNotRecommend)
        #expect(FrameworkVerdictRecord(review, tracking: set).verdict == .recommendWithConditions)
    }

    /// PRE-2 with the shipped status file, where PanDA's recommendation of 2009-11-24 names no
    /// reviewer: the signed conditional recommendation counts from its last signature on. (A later
    /// recommendation in the file replacing it is an example of the shipped catalog's PRE-2.)
    @Test func aSignedPositiveVerdictCountsForPRE2FromItsLastSignature() throws {
        let text = trackingText(
            review, judging: judgedAll,
            signOffs: [("O", "OSG", .recommendWithConditions, nil), ("E", "EGEE", .recommendWithConditions, nil)]
        )
        // OSG signs on 2010-01-04, EGEE on 2010-01-05.
        let parts = text.components(separatedBy: "date: 2008-07-09")
        #expect(parts.count == 3)
        let dated = parts[0] + "date: 2010-01-04" + parts[1] + "date: 2010-01-05" + parts[2]
        let file = try #require(loadTracking(dated).file)
        let record = FrameworkVerdictRecord(review, tracking: TrackingSet.make([file]).set)
        let signature = try #require(record.signature)
        #expect(signature.on == day("2010-01-05"))
        #expect(signature.by.map(\.organisation) == ["OSG", "EGEE"])
        #expect(signature.origin.place == "t.yaml:\(try #require(file.signOffs.last).location.line)")

        let status = try shippedStatus()
        func pre2(on date: String) throws -> PrerequisiteStatus {
            try #require(try tracker(status, verdicts: [record]).report(asOf: day(date)).prerequisite("PRE-2"))
        }
        let before = try pre2(on: "2010-01-04")
        let panda = try #require(before.items.first { $0.name == "PanDA (ATLAS)" })
        #expect(panda.state == .partial)
        #expect(panda.detail == "PanDA (ATLAS): positive (inferred) on 2009-11-24 but reviewers not on record")
        #expect(
            before.notes.contains(
                "PanDA (ATLAS): findings verdict: recommend with conditions (\(review.file), described on 2009-03-21)"))

        let after = try pre2(on: "2010-01-05")
        let signed = try #require(after.items.first { $0.name == "PanDA (ATLAS)" })
        #expect(signed.state == .done)
        #expect(
            signed.detail
                == "PanDA (ATLAS): signed recommend with conditions on 2010-01-05 (t.yaml), reviewers include OSG and EGEE"
        )
        #expect(signed.evidence.map(\.origin.place) == [signature.origin.place])
        #expect(signed.evidence.map(\.section) == ["sign_offs"])
        // The other three frameworks are as on file: still partly met.
        #expect(after.state == .partlyMet)
        #expect(after.items.filter { $0.state == .done }.map(\.name) == ["PanDA (ATLAS)"])

        // The history has the day of the last signature, and what changed on it.
        let history = try tracker(status, verdicts: [record]).history()
        let change = try #require(history.first { $0.date == day("2010-01-05") })
        #expect(
            change.changes == [
                "PRE-2: still partly met (1 of 4 frameworks positively recommended by reviewers from OSG and EGEE, 3 "
                    + "in part; outstanding: AliEn (ALICE), glideinWMS (CMS), DIRAC (LHCb))"
            ])

        // Signed do-not-recommend: not a recommendation to count, and the one on file cannot count.
        let negative = FrameworkVerdictRecord(
            framework: record.framework, vo: record.vo, verdict: .doNotRecommend, describedOn: record.describedOn,
            signature: record.signature)
        let blocked = try #require(
            try tracker(status, verdicts: [negative]).report(asOf: day("2010-01-05")).prerequisite("PRE-2"))
        #expect(blocked.items.first { $0.name == "PanDA (ATLAS)" }?.state == .partial)
    }
}

/// A tracking file kept from an older catalog may hold thousands of judgements that no finding
/// matches: the warnings stop at a file's worth, then one note counts the rest.
@Suite struct TrackingWarningCapTests {
    @Test func warningsStopAtTheCapAndTheRestAreCounted() throws {
        let review = try pandaReview()
        var text = "framework: PanDA\nvo: ATLAS\njudgements:\n"
        let count = FrameworkTracking.maxWarnings + 7
        for n in 0..<count {
            let hex = String(n, radix: 16)
            let id = String(repeating: "0", count: 16 - hex.count) + hex
            text += "  - {finding: \"\(id)\", rule: A/b, status: violated, judgement: confirmed, justification: x, "
            text += "by: {name: A, organisation: OSG}, date: 2009-01-01}\n"
        }
        let file = try #require(loadTracking(text).file)
        #expect(file.judgements.count == count)
        let tracking = FrameworkTracking(review, file: file)
        #expect(tracking.diagnostics.count == FrameworkTracking.maxWarnings + 1)
        #expect(tracking.diagnostics.dropLast().allSatisfy { $0.severity == .warning })
        #expect(
            tracking.diagnostics.last?.description
                == "t.yaml: note: 7 more judgements of PanDA (ATLAS) apply to no open finding as written; not listed")
    }
}
