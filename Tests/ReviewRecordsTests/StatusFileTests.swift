import PolicyCatalog
import ReviewRecords
import TestSupport
import Testing
import YAMLDocument

@Suite struct StatusFileTests {
    @Test func theShippedStatusFileLoadsCleanly() throws {
        let source = try SourceFile.read(TestSupport.path("reviews/prerequisites.yaml"), maxBytes: 1 << 24)
        let outcome = StatusFileLoader.load(source)
        #expect(outcome.diagnostics.isEmpty, "\(outcome.diagnostics.map(\.description))")
        let file = try #require(outcome.file)
        #expect(StatusFileLoader.crossCheck(file, against: try shippedPrerequisites()).isEmpty)
        #expect(file.latestDate == day("2010-04-06"))
        #expect(file.dates.first == day("2007-09-06"))
        #expect(file.glexecReviews.map(\.organisation) == ["EGEE"])
        #expect(file.batchSystemTests.count == 9)
        #expect(file.frameworkReviews.count == 12)
        #expect(file.exceptionWindows.map(\.id) == ["no-identity-switching-2009-12"])
        #expect(file.exceptionWindows[0].from == day("2009-12-01"))
        #expect(file.exceptionWindows[0].to == day("2010-02-28"))
        #expect(file.exceptionWindows[0].suspends == ["identity-switching"])
        // Every entry cites its source.
        let origins =
            file.glexecReviews.map(\.origin) + file.batchSystemTests.map(\.origin)
            + file.authorizationService.map(\.origin) + file.glexecDeployment.map(\.origin)
            + file.frameworkReviews.map(\.origin) + file.mbDecisions.map(\.origin) + file.exceptionWindows.map(\.origin)
        #expect(origins.count == 37)
        #expect(origins.allSatisfy { !$0.sources.isEmpty })
    }

    @Test func anEntryWithoutASourceIsRefused() {
        let outcome = loadStatus(
            """
            glexec_reviews:
              - {by: EGEE, outcome: positive, date: 2007-11-01, reference: GDB}

            """)
        #expect(outcome.file == nil)
        #expect(
            outcome.diagnostics.map(\.description) == [
                "s.yaml:3:5: error: every entry of glexec_reviews needs a source: say where the fact comes from"
            ])
    }

    @Test func shapeErrorsAreAllReportedWithLocations() {
        let outcome = loadStatus(
            """
            glexec_reviews:
              - {by: WLCG, outcome: positive, date: 2007-11-31, reference: GDB, source: s}
            batch_system_tests:
              - {batch_system: PBS, site: CERN, date: 2009-01-01, result: passed, source: s}
            exception_windows:
              - {id: w, from: 2009-12-01, to: 2010-02-28, suspend: [identity-switching], conditions: [c], decision: d, source: s}

            """)
        #expect(outcome.file == nil)
        #expect(
            outcome.diagnostics.map(\.description) == [
                "s.yaml:3:10: error: 'WLCG' is not allowed for 'by'; expected one of: EGEE, OSG",
                "s.yaml:3:41: error: expected a date (YYYY-MM-DD) for 'date', found the string '2007-11-31'; "
                    + "month 11 of 2007 has 30 days",
                "s.yaml:5:63: error: 'passed' is not allowed for 'result'; expected one of: pass, fail, in-progress, planned; "
                    + "did you mean 'pass'?",
                "s.yaml:7:5: error: missing required field 'suspends' in exception window: expected a list of words "
                    + "from: identity-switching, individual-user-banning, fine-grained-traceability, site-approval",
                "s.yaml:7:47: error: unknown key 'suspend' in exception window; did you mean 'suspends'?",
            ])
    }

    @Test func aWindowThatEndsBeforeItStartsIsRefused() {
        let outcome = loadStatus(
            """
            exception_windows:
              - id: w
                from: 2010-03-01
                to: 2010-02-28
                suspends: [identity-switching]
                conditions: [the VO answers for problems]
                decision: MB
                source: s

            """)
        #expect(
            outcome.diagnostics.map(\.description) == [
                "s.yaml:5:9: error: exception window 'w' ends (2010-02-28) before it starts (2010-03-01)"
            ])
    }

    @Test func twoEntriesThatDisagreeOnTheSameDayAreRefused() {
        let outcome = loadStatus(
            """
            batch_system_tests:
              - {batch_system: LSF, site: CERN, date: 2009-01-01, result: pass, source: s}
              - {batch_system: LSF, site: CERN, date: 2009-01-01, result: fail, source: s}
              - {batch_system: LSF, site: RAL, date: 2009-01-01, result: fail, source: s}
            glexec_deployment:
              - {state: in-progress, date: 2009-11-24, source: s}
              - {state: done, date: 2009-11-24, source: s}
            framework_reviews:
              - {framework: Foo, vo: BAR, outcome: positive, date: 2009-02-01, reviewers: unknown, source: s}
              - {framework: foo, vo: Bar, outcome: negative, date: 2009-02-01, reviewers: unknown, source: s}

            """)
        #expect(
            outcome.diagnostics.map(\.description) == [
                "s.yaml:4:5: error: this test of LSF at CERN on 2009-01-01 says fail, but the entry at line 3 says pass "
                    + "for the same day; keep one, or date them apart",
                "s.yaml:8:5: error: this gLExec deployment on 2009-11-24 says done, but the entry at line 7 says "
                    + "in-progress for the same day; keep one, or date them apart",
                // Framework and VO are matched case-insensitively, as the tracker matches them.
                "s.yaml:11:5: error: this review of foo (Bar) on 2009-02-01 says negative, but the entry at line 10 "
                    + "says positive for the same day; keep one, or date them apart",
            ])
    }

    /// The rules' errors stop at 500 with the note, as the shape's do: 60 000 entries that
    /// disagree gave 40 001 errors.
    @Test func ruleErrorsStopAfter500() {
        let entries = (0..<600).map { i in
            "  - {by: EGEE, outcome: \(i == 0 ? "positive" : "negative"), date: 2008-01-01, reference: r, source: s}\n"
        }
        let outcome = loadStatus("glexec_reviews:\n" + entries.joined())
        let found = outcome.diagnostics.map(\.description)
        #expect(outcome.file == nil)
        #expect(found.count == 501)
        #expect(found.first?.hasPrefix("s.yaml:4:5: error: this EGEE review on 2008-01-01 says negative") == true)
        #expect(found[499].hasPrefix("s.yaml:503:5: error: ") == true)
        #expect(found.last == "s.yaml: note: stopped after 500 errors; fix these and run again")
    }

    /// So do those of the check against the catalogs.
    @Test func unknownPrerequisitesStopAfter500() throws {
        let items = (0..<600).map { "      - {prerequisite: PRE-\($0 + 10), status: met}\n" }.joined()
        let file = try status("mb_decisions:\n  - date: 2009-11-24\n    summary: s\n    assessment:\n" + items)
        let found = StatusFileLoader.crossCheck(file, against: try shippedPrerequisites()).map(\.description)
        #expect(found.count == 501)
        #expect(found.first?.hasPrefix("s.yaml:6:9: error: no prerequisite 'PRE-10'") == true)
        #expect(found.last == "s.yaml: note: stopped after 500 errors; fix these and run again")
    }

    @Test func anotherFormatGetsOneMessage() {
        let outcome = StatusFileLoader.load(
            SourceFile(path: "s.yaml", bytes: Array("format: mupj/1\nframework: {}\n".utf8)))
        #expect(
            outcome.diagnostics.map(\.description) == [
                "s.yaml:1:9: error: unsupported format 'mupj/1'; this mupj reads mupj-status/1"
            ])
    }

    @Test func anAssessmentOfAnUnknownPrerequisiteIsLocated() throws {
        let file = try status(
            """
            mb_decisions:
              - date: 2009-11-24
                summary: s
                assessment:
                  - {prerequisite: PRE-6, status: met}
                  - {prerequisite: PRE-1, status: met}

            """)
        #expect(
            StatusFileLoader.crossCheck(file, against: try shippedPrerequisites()).map(\.description) == [
                "s.yaml:6:9: error: no prerequisite 'PRE-6' in the catalogs (known: PRE-1, PRE-2, PRE-3, PRE-4, PRE-5); "
                    + "did you mean 'PRE-1'?"
            ])
    }

    @Test func anEmptyFileHasNoDates() throws {
        let file = try status("")
        #expect(file.dates.isEmpty)
        #expect(file.latestDate == nil)
    }
}

@Suite struct CalendarDayTests {
    @Test func parsesOnlyRealDates() {
        #expect(CalendarDay("2009-11-25")?.description == "2009-11-25")
        #expect(CalendarDay("2008-02-29") != nil)
        for bad in [
            "2009-02-29", "1900-02-29", "2009-13-01", "2009-11-31", "2009-1-05", "09-11-25", "2009-11-25T00:00",
        ] {
            #expect(CalendarDay(bad) == nil, "\(bad)")
        }
        #expect(CalendarDay("2000-02-29") != nil)
    }

    /// `SOURCE_DATE_EPOCH` days: every day from 1900 to 2100 (leap and century years included)
    /// agrees with stepping day by day, at the first and the last second of the day.
    @Test func daysFromSecondsSinceTheEpoch() throws {
        var expected = day("1900-01-01")
        var seconds: Int64 = -2_208_988_800
        while expected.year < 2100 {
            #expect(CalendarDay(secondsSinceEpoch: seconds) == expected)
            #expect(CalendarDay(secondsSinceEpoch: seconds + 86_399) == expected)
            expected = expected.next
            seconds += 86_400
        }
        #expect(CalendarDay(secondsSinceEpoch: 0) == day("1970-01-01"))
        #expect(CalendarDay(secondsSinceEpoch: -1) == day("1969-12-31"))
        #expect(CalendarDay(secondsSinceEpoch: 1_259_020_800) == day("2009-11-24"))
        #expect(CalendarDay(secondsSinceEpoch: Int64.max) == nil)
    }

    @Test func stepsAcrossMonthsYearsAndLeapDays() {
        #expect(day("2010-02-28").next == day("2010-03-01"))
        #expect(day("2008-02-28").next == day("2008-02-29"))
        #expect(day("2009-12-31").next == day("2010-01-01"))
        #expect(day("2010-01-01").previous == day("2009-12-31"))
        #expect(day("2008-03-01").previous == day("2008-02-29"))
        #expect(day("2009-11-24") < day("2009-11-25"))
        #expect(day("2009-12-01") > day("2009-11-30"))
    }
}
