import Corpora
import DocumentSchema
import FrameworkModel
import PolicyCatalog
import ReviewEngine
import ReviewRecords
import TestSupport
import Testing
import YAMLDocument

/// Every prerequisite met, with evidence dated on the given days.
private func allMet(reviews: String = "2008-02-01", deployed: String = "2010-06-01") -> String {
    """
    glexec_reviews:
      - {by: EGEE, outcome: positive, date: 2007-11-01, reference: r}
      - {by: OSG, outcome: positive, date: \(reviews), reference: r}
    framework_reviews:
      - framework: PanDA
        vo: ATLAS
        outcome: positive
        date: 2009-06-01
        reviewers: [{name: A, organisation: EGEE}, {name: B, organisation: OSG}]
    batch_system_tests:
      - {batch_system: BQS, site: CC-IN2P3, date: 2009-01-01, result: pass}
      - {batch_system: PBS, site: NIKHEF, date: 2009-01-01, result: pass}
      - {batch_system: PBS Pro, site: unknown, date: 2009-01-01, result: pass}
      - {batch_system: Condor, site: unknown, date: 2009-01-01, result: pass}
      - {batch_system: LSF, site: CERN, date: 2009-01-01, result: pass}
      - {batch_system: SGE, site: CESGA, date: 2009-01-01, result: pass}
    authorization_service:
      - {product: SCAS, state: completed, date: 2009-03-01}
      - {product: SCAS, state: certified, date: 2009-11-24}
      - {product: SCAS, state: deployed, date: \(deployed)}
    glexec_deployment:
      - {state: in-progress, date: 2009-11-24}
      - {state: done, date: \(deployed)}

    """
}

@Suite struct StateTransitionTests {
    @Test func glexecReviewsGoFromNotMetToPartlyToMetAndBack() throws {
        let file = try status(
            """
            glexec_reviews:
              - {by: EGEE, outcome: pending, date: 2007-08-31, reference: r}
              - {by: EGEE, outcome: positive, date: 2007-11-01, reference: r}
              - {by: OSG, outcome: positive, date: 2008-02-01, reference: r}
              - {by: OSG, outcome: negative, date: 2008-05-01, reference: r}

            """)
        #expect(try state("PRE-1", file, on: "2007-09-01") == .notMet)
        #expect(try state("PRE-1", file, on: "2007-11-01") == .partlyMet)
        #expect(try state("PRE-1", file, on: "2008-02-01") == .met)
        #expect(try state("PRE-1", file, on: "2008-05-01") == .partlyMet)
        let report = try tracker(file).report(asOf: day("2008-05-01"))
        #expect(try #require(report.prerequisite("PRE-1")).missing == ["OSG: negative review on 2008-05-01 (r)"])
    }

    @Test func batchSystemsCountOnePassingSitePerSystem() throws {
        let file = try status(
            """
            batch_system_tests:
              - {batch_system: BQS, site: CC-IN2P3, date: 2009-01-01, result: pass}
              - {batch_system: PBS, site: NIKHEF, date: 2009-01-02, result: pass}
              - {batch_system: Condor, site: FNAL, date: 2009-01-03, result: pass}
              - {batch_system: LSF, site: CERN, date: 2009-01-04, result: pass}
              - {batch_system: SGE, site: CESGA, date: 2009-01-05, result: in-progress}
              - {batch_system: LSF, site: RAL, date: 2009-02-01, result: fail}
              - {batch_system: BQS, site: CC-IN2P3, date: 2009-03-01, result: fail}

            """)
        let february = try #require(tracker(file).report(asOf: day("2009-02-01")).prerequisite("PRE-3"))
        #expect(february.state == .partlyMet)
        // A failure at another site does not undo CERN's pass.
        #expect(february.summary == "4 of 6 batch systems tested; outstanding: PBS Pro, SGE")
        let march = try #require(tracker(file).report(asOf: day("2009-03-01")).prerequisite("PRE-3"))
        // The same site failing later does.
        #expect(march.summary == "3 of 6 batch systems tested; outstanding: BQS, PBS Pro, SGE")
        #expect(march.missing.first == "BQS: test failed at CC-IN2P3 as of 2009-03-01")
        #expect(try state("PRE-3", file, on: "2008-12-31") == .notMet)
    }

    @Test func theServerMustPassTheThreeStatesInOrder() throws {
        let file = try status(
            """
            authorization_service:
              - {product: LCAS/LCMAPS, state: in-development, date: 2007-12-07}
              - {product: GUMS, state: deployed, date: 2007-12-07}
              - {product: SCAS, state: completed, date: 2009-03-01}
              - {product: SCAS, state: certified, date: 2009-11-24}
              - {product: Argus, state: deployed, date: 2010-01-01}
              - {product: SCAS, state: deployed, date: 2010-03-01}

            """)
        #expect(try state("PRE-4", file, on: "2008-01-01") == .notMet)
        #expect(try state("PRE-4", file, on: "2009-03-01") == .partlyMet)
        // Argus "deployed" without completion or certification does not count.
        let january = try #require(tracker(file).report(asOf: day("2010-01-01")).prerequisite("PRE-4"))
        #expect(january.state == .partlyMet)
        #expect(january.summary == "2 of 3 states reached by SCAS; outstanding: deployed")
        #expect(january.missing == ["deployed: SCAS not deployed (certified as of 2009-11-24)"])
        #expect(january.notes.contains("Argus: deployed as of 2010-01-01"))
        #expect(
            january.notes.contains(
                "GUMS: deployed as of 2007-12-07; not counted, the prerequisite counts LCAS/LCMAPS, SCAS or Argus"))
        #expect(try state("PRE-4", file, on: "2010-03-01") == .met)
    }

    @Test func deploymentInProgressIsPartlyMet() throws {
        let file = try status(
            """
            glexec_deployment:
              - {state: not-started, date: 2008-01-01}
              - {state: in-progress, date: 2009-06-10, coverage: a few test sites}
              - {state: done, date: 2010-06-01}

            """)
        #expect(try state("PRE-5", file, on: "2007-12-31") == .notMet)
        #expect(try state("PRE-5", file, on: "2008-01-01") == .notMet)
        #expect(try state("PRE-5", file, on: "2009-06-10") == .partlyMet)
        #expect(try state("PRE-5", file, on: "2010-06-01") == .met)
    }

    @Test func frameworkReviewsNeedBothOrganisationsAmongTheReviewers() throws {
        let file = try status(
            """
            framework_reviews:
              - {framework: PanDA, vo: ATLAS, outcome: pending, date: 2007-12-07, reviewers: unknown}
              - {framework: DIRAC, vo: LHCb, outcome: pending, date: 2007-12-07, reviewers: unknown}
              - framework: PanDA
                vo: ATLAS
                outcome: positive
                date: 2009-06-01
                reviewers: [{name: A, organisation: EGEE}, {name: B, organisation: OSG}]
              - framework: DIRAC
                vo: LHCb
                outcome: positive
                date: 2009-07-01
                reviewers: [{name: A, organisation: EGEE}]
              - framework: DIRAC
                vo: LHCb
                outcome: positive
                date: 2009-08-01
                reviewers: [{name: A, organisation: EGEE}, {name: C, organisation: OSG}]

            """)
        #expect(try state("PRE-2", file, on: "2008-01-01") == .notMet)
        #expect(try state("PRE-2", file, on: "2009-06-01") == .partlyMet)
        let july = try #require(tracker(file).report(asOf: day("2009-07-01")).prerequisite("PRE-2"))
        #expect(july.state == .partlyMet)
        #expect(july.missing == ["DIRAC (LHCb): positive on 2009-07-01 but no OSG reviewer on record"])
        #expect(try state("PRE-2", file, on: "2009-08-01") == .met)
    }

    @Test func aDoNotRecommendVerdictKeepsAFrameworkFromCountingFromItsDate() throws {
        let file = try status(
            """
            framework_reviews:
              - framework: PanDA
                vo: ATLAS
                outcome: positive
                date: 2009-06-01
                reviewers: [{name: A, organisation: EGEE}, {name: B, organisation: OSG}]

            """)
        let verdict = FrameworkVerdictRecord(
            framework: "panda", vo: "atlas", verdict: .doNotRecommend, describedOn: day("2009-09-01"),
            file: "frameworks/panda.yaml")
        #expect(try state("PRE-2", file, on: "2009-08-31", verdicts: [verdict]) == .met)
        let september = try #require(
            tracker(file, verdicts: [verdict]).report(asOf: day("2009-09-01")).prerequisite("PRE-2"))
        #expect(september.state == .partlyMet)
        #expect(
            september.missing == [
                "PanDA (ATLAS): positive on 2009-06-01 but findings verdict: do not recommend (frameworks/panda.yaml, "
                    + "described on 2009-09-01)"
            ])
        // A framework reviewed with mupj but absent from the status file has no recommendation.
        let other = FrameworkVerdictRecord(framework: "AliEn", vo: "ALICE", verdict: .recommend, describedOn: nil)
        let both = try #require(tracker(file, verdicts: [other]).report(asOf: day("2009-08-31")).prerequisite("PRE-2"))
        #expect(both.state == .partlyMet)
        #expect(both.missing == ["AliEn (ALICE): no recommendation on file"])
    }

    @Test func theShippedDescriptionsGiveVerdictsThatBlockPRE2() throws {
        let set = try TestSupport.shippedCatalogs()
        var descriptions: [FrameworkDescription] = []
        for name in ["alien", "panda", "glideinwms", "dirac"] {
            let source = try SourceFile.read(TestSupport.path("frameworks/\(name).yaml"), maxBytes: 1 << 24)
            descriptions.append(try #require(DescriptionLoader.load(source).description))
        }
        let result = try Engine.review(descriptions, catalogs: set, toolVersion: "test")
        let verdicts = FrameworkVerdictRecord.records(TrackedReview.all(result, tracking: .empty))
        #expect(verdicts.map(\.framework) == ["AliEn", "PanDA", "glideinWMS", "DIRAC"])
        for verdict in verdicts {
            #expect(
                verdict.verdict == FindingsVerdict(result.frameworks.first { $0.name == verdict.framework }!).verdict)
        }
        let report = try tracker(try shippedStatus(), verdicts: verdicts).report(asOf: day("2009-11-25"))
        let pre2 = try #require(report.prerequisite("PRE-2"))
        let blocked = verdicts.filter { $0.verdict == .doNotRecommend }
        for verdict in blocked {
            #expect(pre2.missing.contains { $0.hasPrefix(verdict.framework) && $0.contains("do not recommend") })
        }
    }
}

@Suite struct DateBoundaryTests {
    @Test func evidenceCountsFromItsOwnDay() throws {
        let file = try status(
            """
            glexec_deployment:
              - {state: done, date: 2010-06-01}

            """)
        #expect(try state("PRE-5", file, on: "2010-05-31") == .notMet)
        #expect(try state("PRE-5", file, on: "2010-06-01") == .met)
    }

    @Test func aWindowCoversItsFirstAndLastDayOnly() throws {
        let file = try shippedStatus()
        let t = try tracker(file)
        #expect(t.report(asOf: day("2009-11-30")).gate.exceptionWindows.isEmpty)
        #expect(t.report(asOf: day("2009-12-01")).gate.exceptionWindows.map(\.id) == ["no-identity-switching-2009-12"])
        #expect(t.report(asOf: day("2010-02-28")).gate.exceptionWindows.map(\.id) == ["no-identity-switching-2009-12"])
        #expect(t.report(asOf: day("2010-03-01")).gate.exceptionWindows.isEmpty)
    }

    @Test func overlappingWindowsAllApply() throws {
        let file = try status(
            """
            exception_windows:
              - id: later
                from: 2010-01-15
                to: 2010-04-30
                suspends: [individual-user-banning]
                conditions: [c]
                decision: d
              - id: first
                from: 2009-12-01
                to: 2010-02-28
                suspends: [identity-switching]
                conditions: [the whole VO answers for problems, a site may ban the entire VO]
                decision: d

            """)
        let t = try tracker(file)
        #expect(t.report(asOf: day("2010-01-14")).gate.exceptionWindows.map(\.id) == ["first"])
        #expect(t.report(asOf: day("2010-01-15")).gate.exceptionWindows.map(\.id) == ["first", "later"])
        #expect(t.report(asOf: day("2010-02-28")).gate.exceptionWindows.map(\.id) == ["first", "later"])
        #expect(t.report(asOf: day("2010-03-01")).gate.exceptionWindows.map(\.id) == ["later"])
        // The day PRE-5 was added comes first: from then it is a condition too.
        let history = Array(t.history().drop { $0.date == day("2009-11-24") })
        #expect(history.map(\.date.description) == ["2009-12-01", "2010-01-15", "2010-03-01", "2010-05-01"])
        #expect(
            history[2].changes == ["exception window first has ended (last day 2010-02-28)"])
        #expect(history[3].report.gate.exceptionWindows.isEmpty)
    }

    /// A day no window covers names every window that ended last before it, and the next one on
    /// file if there is one; a covered day, and a day before every window, name none.
    @Test func theWindowsThatEndedLastAreNamed() throws {
        let window = { (id: String, from: String, to: String) in
            "  - {id: \(id), from: \(from), to: \(to), suspends: [identity-switching], conditions: [c], decision: d}\n"
        }
        let file = try status(
            "exception_windows:\n" + window("b", "2010-01-15", "2010-02-28") + window("a", "2009-12-01", "2010-02-28")
                + window("c", "2010-06-01", "2010-07-31") + window("old", "2009-01-01", "2009-01-31"))
        let t = try tracker(file)
        func said(_ text: String) -> (ended: [String], next: String?) {
            let gate = t.report(asOf: day(text)).gate
            return (gate.endedWindows.map(\.id), gate.nextWindow?.id)
        }
        #expect(said("2008-12-31").ended.isEmpty && said("2010-01-20").ended.isEmpty)
        #expect(said("2009-02-01").ended == ["old"] && said("2009-02-01").next == "a")
        #expect(said("2010-03-01").ended == ["a", "b"] && said("2010-03-01").next == "c")
        #expect(said("2010-08-01").ended == ["c"] && said("2010-08-01").next == nil)
    }
}

@Suite struct GateTests {
    @Test func withoutEvidenceNothingIsMetAndThePolicyIsBlocked() throws {
        let report = try tracker(try status("")).report(asOf: day("2009-11-25"))
        #expect(report.prerequisites.allSatisfy { $0.state == .notMet })
        #expect(report.gate.state == .blocked)
        #expect(!report.gate.inEffect)
        #expect(report.gate.blocking == ["PRE-1", "PRE-2", "PRE-3", "PRE-4", "PRE-5"])
        #expect(
            report.gate.reasons.map(\.sentence) == [
                "PRE-1 not met: OSG: no review of gLExec on file; EGEE: no review of gLExec on file",
                "PRE-2 not met: no framework review on file",
                "PRE-3 not met: BQS: no test on file; PBS: no test on file; PBS Pro: no test on file; Condor: no test on "
                    + "file; LSF: no test on file; SGE: no test on file",
                "PRE-4 not met: completed: none of LCAS/LCMAPS, SCAS or Argus is on record as completed; certified: "
                    + "none of LCAS/LCMAPS, SCAS or Argus is on record as certified; deployed: none of LCAS/LCMAPS, SCAS "
                    + "or Argus is on record as deployed",
                "PRE-5 not met: gLExec deployment at the sites: no record on file",
                "no MB decision on file declares the policy in effect",
            ])
        // Each prerequisite's reason keeps what it misses item by item, for the reports' lists.
        for (reason, prerequisite) in zip(report.gate.reasons, report.prerequisites) {
            #expect(reason.text == "\(prerequisite.id) not met")
            #expect(reason.items == prerequisite.missing)
        }
        #expect(report.gate.reasons.last?.items == [])
    }

    @Test func allMetStillAwaitsTheMB() throws {
        let report = try tracker(try status(allMet())).report(asOf: day("2010-06-01"))
        #expect(report.prerequisites.allSatisfy { $0.state == .met })
        #expect(report.gate.state == .awaitingMB)
        #expect(!report.gate.inEffect)
        #expect(report.gate.blocking.isEmpty)
    }

    /// PRE-5 was added by the MB on 2009-11-24: before, it is decided and shown but blocks nothing;
    /// from that day it is a condition, and the history says so on its day.
    @Test func aLaterPrerequisiteIsAConditionFromTheDayItWasAdded() throws {
        // The four of 2007 met by 2009-10-01; gLExec's deployment never on file.
        let text = allMet(deployed: "2009-10-01").replacingOccurrences(of: "2009-11-24", with: "2009-09-01")
        let t = try tracker(try status(String(text[..<text.range(of: "glexec_deployment:")!.lowerBound])))
        let before = t.report(asOf: day("2009-11-23"))
        let added = try #require(before.prerequisites.first { $0.id == "PRE-5" })
        #expect(added.state == .notMet)
        #expect(!added.inForce)
        #expect(before.prerequisites.filter { $0.id != "PRE-5" }.allSatisfy { $0.state == .met && $0.inForce })
        #expect(before.gate.state == .awaitingMB)
        #expect(before.gate.blocking.isEmpty)
        let from = t.report(asOf: day("2009-11-24"))
        #expect(from.prerequisites.first { $0.id == "PRE-5" }?.inForce == true)
        #expect(from.gate.state == .blocked)
        #expect(from.gate.blocking == ["PRE-5"])
        let change = try #require(t.history().first { $0.date == day("2009-11-24") })
        #expect(
            change.changes.first == "PRE-5: a condition of the policy from this day (added by WLCG Management Board)")
        #expect(change.changes.contains { $0.hasPrefix("policy: ") })
    }

    @Test func theMBDeclarationPutsThePolicyInEffectFromItsDay() throws {
        let file = try status(
            allMet()
                + """
                mb_decisions:
                  - {date: 2010-06-15, summary: all met, policy_in_effect: true}
                  - {date: 2010-09-01, summary: suspended, policy_in_effect: false}

                """)
        let t = try tracker(file)
        #expect(t.report(asOf: day("2010-06-14")).gate.state == .awaitingMB)
        let inEffect = t.report(asOf: day("2010-06-15")).gate
        #expect(inEffect.inEffect)
        #expect(inEffect.reasons.map(\.sentence) == ["the MB declared the policy in effect on 2010-06-15"])
        #expect(t.report(asOf: day("2010-08-31")).gate.inEffect)
        let after = t.report(asOf: day("2010-09-01")).gate
        #expect(after.state == .awaitingMB)
        #expect(after.reasons.last?.sentence == "the MB recorded on 2010-09-01 that the policy was not in effect")
    }

    @Test func aDeclarationDespiteMissingEvidenceSaysSo() throws {
        let file = try status(
            """
            mb_decisions:
              - {date: 2010-06-15, summary: declared, policy_in_effect: true}

            """)
        let gate = try tracker(file).report(asOf: day("2010-06-15")).gate
        #expect(gate.inEffect)
        #expect(gate.blocking.count == 5)
        #expect(gate.reasons.count == 2)
        #expect(
            gate.reasons[1].sentence.hasPrefix("the evidence on file does not show PRE-1 (not met), PRE-2 (not met)"))
    }

    @Test func theMBAssessmentIsShownBesideTheEvidence() throws {
        let report = try tracker(try shippedStatus()).report(asOf: day("2009-11-25"))
        let pre1 = try #require(report.prerequisite("PRE-1"))
        #expect(pre1.mbReported?.state == .met)
        #expect(pre1.mbReported?.agreesWithEvidence == false)
        // PRE-3: the MB's "all needed batch systems" names no system, and two of the six have no
        // test on file.
        #expect(report.prerequisite("PRE-3")?.mbReported?.agreesWithEvidence == false)
        let pre4 = try #require(report.prerequisite("PRE-4"))
        #expect(pre4.mbReported?.state == .partlyMet)
        #expect(pre4.mbReported?.agreesWithEvidence == true)
        // Before the MB spoke there is nothing to show.
        #expect(
            try tracker(try shippedStatus()).report(asOf: day("2009-11-23")).prerequisite("PRE-1")?.mbReported == nil)
    }
}

@Suite struct PublicRecordTests {
    @Test func theDayAfterTheMBOf24November2009() throws {
        let report = try tracker(try shippedStatus()).report(asOf: day("2009-11-25"))
        #expect(report.gate.state == .blocked)
        #expect(report.gate.blocking == ["PRE-1", "PRE-2", "PRE-3", "PRE-4", "PRE-5"])
        #expect(report.prerequisites.map(\.state) == [.partlyMet, .partlyMet, .partlyMet, .partlyMet, .partlyMet])
        #expect(report.prerequisite("PRE-1")?.missing == ["OSG: no review of gLExec on file"])
        #expect(
            report.prerequisite("PRE-3")?.summary
                == "4 of 6 batch systems tested (inferred: BQS, PBS, Condor and LSF); outstanding: PBS Pro, SGE")
        #expect(report.prerequisite("PRE-4")?.missing == ["deployed: SCAS not deployed (certified as of 2009-11-24)"])
        #expect(
            report.prerequisite("PRE-5")?.missing == [
                "gLExec not yet deployed at the sites: in progress (inferred) as of 2009-11-24"
            ])
        #expect(report.gate.reasons.last?.sentence == "the MB recorded on 2009-11-24 that the policy was not in effect")
        #expect(report.gate.exceptionWindows.isEmpty)
    }

    @Test func december2007() throws {
        let report = try tracker(try shippedStatus()).report(asOf: day("2007-12-07"))
        #expect(report.prerequisites.map(\.state) == [.partlyMet, .notMet, .notMet, .notMet, .partlyMet])
        // The slide names a tester for four systems and says nothing of which had started: planned,
        // each by its testers, and no test counts.
        let pre3 = try #require(report.prerequisite("PRE-3"))
        #expect(pre3.items.allSatisfy { $0.state == .absent && !$0.inferred })
        #expect(
            pre3.missing == [
                "BQS: test planned at CC-IN2P3 as of 2007-12-07",
                "PBS: test planned at CERN and NIKHEF as of 2007-12-07",
                "PBS Pro: no test on file", "Condor: no test on file", "LSF: test planned at CERN as of 2007-12-07",
                "SGE: test planned at CESGA as of 2007-12-07",
            ])
        #expect(pre3.items.first { $0.name == "PBS" }?.evidence.count == 2)
    }

    @Test func theExceptionWindowOfDecember2009() throws {
        let report = try tracker(try shippedStatus()).report(asOf: day("2010-01-15"))
        #expect(!report.gate.inEffect)
        let window = try #require(report.gate.exceptionWindows.first)
        #expect(window.suspends == ["identity-switching"])
        #expect(window.conditions == ["the whole VO is answerable for problems", "a site may ban the entire VO"])
    }

    @Test func theHistoryOfThePublicRecord() throws {
        let history = try tracker(try shippedStatus()).history()
        #expect(
            history.map(\.date.description) == [
                "2007-09-06", "2007-11-01", "2007-12-07", "2008-06-11", "2009-06-10", "2009-11-24", "2009-12-01",
                "2010-01-27", "2010-03-01",
            ])
        #expect(history.allSatisfy { !$0.report.gate.inEffect })
        // Tests planned and reviews begun move neither a state nor a count, and are listed with
        // what each item now says.
        #expect(
            history[2].changes.contains(
                "PRE-3: still not met; BQS: test planned at CC-IN2P3 as of 2007-12-07; PBS: test planned at CERN "
                    + "and NIKHEF as of 2007-12-07; LSF: test planned at CERN as of 2007-12-07; SGE: test planned at "
                    + "CESGA as of 2007-12-07"))
        #expect(
            history[3].changes == [
                "PRE-2: still not met; "
                    + ["AliEn (ALICE)", "PanDA (ATLAS)", "glideinWMS (CMS)", "DIRAC (LHCb)"].map {
                        "\($0): review pending as of 2008-06-11"
                    }.joined(separator: "; ")
            ])
        let november = history[5]
        #expect(
            november.changes.contains(
                "PRE-3: not met → partly met (4 of 6 batch systems tested (inferred: BQS, PBS, Condor and LSF); "
                    + "outstanding: PBS Pro, SGE)"))
        #expect(
            november.changes.contains(
                "PRE-4: not met → partly met (2 of 3 states reached by SCAS (inferred: completed); outstanding: "
                    + "deployed)"))
        // The deployment's state of 24 November is inferred; that of 1 December is stated.
        #expect(
            history[6].changes == [
                "PRE-5: still partly met (deployment at the sites in progress; not done)",
                "exception window no-identity-switching-2009-12 opens (to 2010-02-28 inclusive): suspends "
                    + "identity-switching",
            ])
    }
}

/// Where the file's order decides, it is the order of the entries written up to the day, not the
/// order of their dates: these files list a later-dated entry first.
@Suite struct FileOrderTests {
    @Test func ofTwoSitesPassingOnOneDayBothAreNamed() throws {
        let file = try status(
            """
            batch_system_tests:
              - {batch_system: LSF, site: B, date: 2009-02-01, result: pass}
              - {batch_system: LSF, site: A, date: 2009-01-01, result: fail}
              - {batch_system: LSF, site: A, date: 2009-02-01, result: pass}

            """)
        func lsf(_ text: String) throws -> String? {
            try #require(tracker(file).report(asOf: day(text)).prerequisite("PRE-3")).items.first { $0.name == "LSF" }?
                .detail
        }
        #expect(try lsf("2009-01-15") == "LSF: test failed at A as of 2009-01-01")
        // In the order the sites first appear in the file.
        #expect(try lsf("2009-02-01") == "LSF: test passed at B and A on 2009-02-01")
        let item = try #require(
            tracker(file).report(asOf: day("2009-02-01")).prerequisite("PRE-3")?.items.first { $0.name == "LSF" })
        // The two passes, on lines 3 and 5 (`status` puts the format line first).
        #expect(item.evidence.map(\.origin.location.line) == [3, 5])
    }

    /// A plan says less than a result: it does not undo a pass or a failure at its site, and of
    /// one day's entries at several sites the most telling is shown, with every site that says the
    /// same, named or not.
    @Test func aPlannedTestNeverHidesAResult() throws {
        let file = try status(
            """
            batch_system_tests:
              - {batch_system: LSF, site: CERN, date: 2009-01-01, result: pass}
              - {batch_system: LSF, site: CERN, date: 2009-02-01, result: planned}
              - {batch_system: SGE, site: CESGA, date: 2009-01-01, result: planned}
              - {batch_system: SGE, site: RAL, date: 2009-01-01, result: fail}
              - {batch_system: SGE, site: unknown, date: 2009-01-01, result: fail}
              - {batch_system: SGE, site: CERN, date: 2009-01-01, result: fail, inferred: true}
              - {batch_system: BQS, site: CC-IN2P3, date: 2009-01-01, result: planned}

            """)
        let report = try tracker(file).report(asOf: day("2009-03-01"))
        let pre3 = try #require(report.prerequisite("PRE-3"))
        func detail(_ system: String) -> String? { pre3.items.first { $0.name == system }?.detail }
        #expect(detail("LSF") == "LSF: test passed at CERN on 2009-01-01")
        #expect(pre3.items.first { $0.name == "LSF" }?.state == .done)
        #expect(detail("SGE") == "SGE: test failed at RAL and a site not on record as of 2009-01-01")
        #expect(detail("BQS") == "BQS: test planned at CC-IN2P3 as of 2009-01-01")
        // Nothing but plans: no test of BQS is on file, so it is not said to be.
        #expect(pre3.summary.hasPrefix("1 of 6 batch systems tested"))
    }

    @Test func aFrameworkIsNamedAndPlacedByItsFirstRecordUpToTheDay() throws {
        let file = try status(
            """
            framework_reviews:
              - {framework: alien, vo: alice, outcome: positive, date: 2009-03-01, reviewers: unknown}
              - {framework: AliEn, vo: ALICE, outcome: pending, date: 2009-01-01, reviewers: unknown}
              - {framework: PanDA, vo: ATLAS, outcome: pending, date: 2009-02-01, reviewers: unknown}

            """)
        func items(_ text: String) throws -> [String] {
            try #require(tracker(file).report(asOf: day(text)).prerequisite("PRE-2")).items.map(\.detail)
        }
        #expect(
            try items("2009-02-15") == [
                "AliEn (ALICE): review pending as of 2009-01-01", "PanDA (ATLAS): review pending as of 2009-02-01",
            ])
        #expect(
            try items("2009-03-01") == [
                "alien (alice): positive on 2009-03-01 but reviewers not on record",
                "PanDA (ATLAS): review pending as of 2009-02-01",
            ])
    }
}

/// A day's report decides each piece of evidence once and each batch system once, for all the
/// prerequisites that need them: the states, summaries, items and notes are those of each
/// prerequisite decided on its own.
@Suite struct DayDecisionTests {
    @Test func sharedDecisionsGiveEachPrerequisiteItsOwnAnswer() throws {
        let shipped = try shippedPrerequisites()
        let batch = try #require(shipped.first { if case .batchSystemTests = $0.evidence { true } else { false } })
        let systems = StatusFormat.Words.batchSystems
        // Every list of one or two systems, some twice over, beside the shipped five.
        var prerequisites = shipped
        for (i, first) in systems.enumerated() {
            for second in [nil] + systems where second != first {
                var copy = batch
                copy.id = "B-\(i)-\(second ?? "none")"
                copy.evidence = .batchSystemTests(batchSystems: [first] + (second.map { [$0] } ?? []))
                prerequisites += [copy, copy]
            }
        }
        let text = HostileStatusFile.text(HostileStatusFile.kind("batch_system_tests"), count: 300)
        let file = try status(String(text.dropFirst("format: mupj-status/1\n".count)))
        let tracker = PrerequisiteTracker(prerequisites: prerequisites, status: file)
        for day in [day("1900-03-01"), day("1900-06-15"), try #require(file.latestDate)] {
            let report = tracker.report(asOf: day)
            #expect(report.prerequisites.count == prerequisites.count)
            for (prerequisite, shared) in zip(prerequisites, report.prerequisites) {
                let alone = tracker.evaluate(prerequisite, asOf: day)
                #expect(
                    [shared.state.rawValue, shared.summary] + shared.notes + shared.items.map(\.detail)
                        == [alone.state.rawValue, alone.summary] + alone.notes + alone.items.map(\.detail),
                    "\(prerequisite.id) on \(day)")
            }
            // The report is not all one answer: the lists differ in what they find.
            #expect(Set(report.prerequisites.map(\.summary)).count > 10)
        }
    }
}

/// A prerequisite lists at most 50 items, those that keep it from being met first, and its summary
/// names at most 10 of those missing; both count them all.
@Suite struct ListedItemsTests {
    @Test func aLongListIsCutAndCounted() throws {
        // 120 frameworks in turn: a positive review by both organisations, then a pending one.
        let entries = (0..<120).map { i in
            i % 2 == 0
                ? "  - {framework: f\(i), vo: v, outcome: positive, date: 2009-01-01, "
                    + "reviewers: [{name: A, organisation: EGEE}, {name: B, organisation: OSG}]}"
                : "  - {framework: f\(i), vo: v, outcome: pending, date: 2009-01-01, reviewers: unknown}"
        }
        let file = try status("framework_reviews:\n" + entries.joined(separator: "\n") + "\n")
        let report = try tracker(file).report(asOf: day("2009-06-01"))
        let pre2 = try #require(report.prerequisite("PRE-2"))
        let pending = (0..<60).map { "f\(2 * $0 + 1) (v)" }
        #expect(
            pre2.summary
                == "60 of 120 frameworks positively recommended by reviewers from OSG and EGEE; outstanding: "
                + pending.prefix(10).joined(separator: ", ") + " and 50 more")
        #expect(pre2.items.map(\.name) == Array(pending.prefix(50)))
        #expect(pre2.notes.contains("70 more not listed here, 60 of them done; the count above includes them"))
    }
}

/// An outcome the status file infers (`inferred`) counts as the outcome, and is said to be
/// inferred wherever it is shown: the item, and the prerequisite's count.
@Suite struct InferredOutcomeTests {
    @Test func anInferredReviewIsSaidToBeInferred() throws {
        let entries = """
            glexec_reviews:
              - {by: EGEE, outcome: positive, inferred: true, date: 2007-11-01, reference: GDB}
              - {by: OSG, outcome: positive, date: 2008-01-01, reference: report}
            framework_reviews:
              - framework: AliEn
                vo: ALICE
                outcome: positive
                inferred: true
                date: 2009-11-24
                reviewers: unknown

            """
        let report = try tracker(try status(entries)).report(asOf: day("2010-01-01"))
        let pre1 = try #require(report.prerequisite("PRE-1"))
        #expect(pre1.state == .met)
        #expect(pre1.summary == "2 of 2 positive security reviews of gLExec (inferred: EGEE)")
        #expect(
            pre1.items.map(\.detail) == [
                "OSG: positive review on 2008-01-01 (report)",
                "EGEE: positive review (inferred) on 2007-11-01 (GDB)",
            ])
        let pre2 = try #require(report.prerequisite("PRE-2"))
        #expect(
            pre2.items.first?.detail.hasPrefix("AliEn (ALICE): positive (inferred) on 2009-11-24 but ") == true)
        // Stated, the same entries read as they did.
        let stated = try tracker(
            try status(entries.replacing("inferred: true", with: "inferred: false"))
        )
        .report(asOf: day("2010-01-01"))
        #expect(try #require(stated.prerequisite("PRE-1")).summary == "2 of 2 positive security reviews of gLExec")
        #expect(!(try #require(stated.prerequisite("PRE-2")).items.first?.detail.contains("inferred") ?? true))
    }

    /// A prerequisite met on inferred entries only says so in its status, where the MB reads first
    /// (the pages, StatusTextTests). One stated entry among them makes it plainly met.
    @Test func metOnInferredEntriesOnlyIsSaidInTheStatus() throws {
        let entries = """
            authorization_service:
              - {product: SCAS, state: completed, inferred: true, date: 2009-03-01}
              - {product: SCAS, state: certified, inferred: true, date: 2009-11-24}
              - {product: SCAS, state: deployed, inferred: true, date: 2010-01-01}

            """
        let report = try tracker(try status(entries)).report(asOf: day("2010-02-01"))
        let pre4 = try #require(report.prerequisite("PRE-4"))
        #expect(pre4.state == .met && pre4.metOnInferenceOnly && pre4.phrase == "met (inferred)")
        #expect(report.prerequisite("PRE-1")?.phrase == "not met")
        let stated = try tracker(try status(entries.replacing("deployed, inferred: true", with: "deployed")))
            .report(asOf: day("2010-02-01"))
        #expect(stated.prerequisite("PRE-4")?.metOnInferenceOnly == false)
        #expect(stated.prerequisite("PRE-4")?.phrase == "met")
    }

    /// A stated and an inferred entry about one thing on one day say different things: whichever
    /// came last would decide what the reports call it.
    @Test func aStatedAndAnInferredEntryOfOneDayConflict() {
        let outcome = loadStatus(
            """
            batch_system_tests:
              - {batch_system: SGE, site: unknown, date: 2009-11-24, result: pass, source: s}
              - {batch_system: SGE, site: unknown, date: 2009-11-24, result: pass, inferred: true, source: s}

            """)
        #expect(
            outcome.diagnostics.map(\.description) == [
                "s.yaml:4:5: error: this test of SGE at an unknown site on 2009-11-24 says pass (inferred), but the "
                    + "entry at line 3 says pass for the same day; keep one, or date them apart"
            ])
    }

    @Test func theFlagIsTrueOrFalse() {
        let outcome = loadStatus(
            """
            glexec_reviews:
              - {by: EGEE, outcome: positive, inferred: perhaps, date: 2007-11-01, reference: GDB, source: s}

            """)
        #expect(
            outcome.diagnostics.contains {
                $0.description
                    == "s.yaml:3:45: error: expected true or false for 'inferred', found the string 'perhaps'"
            }, "\(outcome.diagnostics)")
    }
}
