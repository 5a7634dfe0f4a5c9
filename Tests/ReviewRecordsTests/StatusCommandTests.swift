import Foundation
import TestSupport
import Testing

/// `mupj status` end to end, through the built binary, on the shipped files.
@Suite(.serialized) struct StatusCommandTests {
    @Test func theDayAfterTheMBSaysNotInEffectAndWhy() throws {
        let run = try TestSupport.mupj(["status", "--as-of", "2009-11-25"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty)
        #expect(run.stdout.hasPrefix("MB prerequisites for multi-user pilot jobs, as of 2009-11-25\n"))
        #expect(
            run.stdout.contains("Policy: not in effect on 2009-11-25 (blocked by PRE-1, PRE-2, PRE-3, PRE-4, PRE-5)"))
        #expect(run.stdout.contains("PRE-4 partly met: deployed: SCAS not deployed (certified as of 2009-11-24)"))
        #expect(
            run.stdout.contains(
                "PRE-5 partly met: gLExec not yet deployed at the sites: in progress (inferred) as of 2009-11-24"))
        #expect(run.stdout.contains("PRE-1 partly met: OSG: no review of gLExec on file"))
        #expect(run.stdout.contains("Exception windows on 2009-11-25: none"))
        #expect(
            run.stdout.contains(
                "PRE-3  partly met  gLExec tested with the common batch systems\n  4 of 6 batch systems tested "
                    + "(inferred: BQS, PBS, Condor and LSF); outstanding: PBS Pro, SGE"))
    }

    @Test func aReasonListingSeveralItemsListsThemUnderIt() throws {
        // PRE-2 names every framework; one long sentence was hard to read, so each is an item.
        let text = try TestSupport.mupj(["status", "--as-of", "2010-04-06"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(
            text.stdout.contains(
                "\n  - PRE-2 partly met:\n    - AliEn (ALICE): positive (inferred) on 2009-11-24 but reviewers not on record\n"
                    + "    - PanDA (ATLAS): positive (inferred) on 2009-11-24 but reviewers not on record\n"))
        // A reason with one item stays on one line.
        #expect(text.stdout.contains("\n  - PRE-1 partly met: OSG: no review of gLExec on file\n"))
        let markdown = try TestSupport.mupj(["status", "--as-of", "2010-04-06", "--format", "markdown"])
        #expect(
            markdown.stdout.contains(
                "\n- PRE-2 partly met:\n  - AliEn (ALICE): positive (inferred) on 2009-11-24 but reviewers not on record\n"
            ))
        // JSON keeps each reason as one sentence.
        let json = try TestSupport.mupj(["status", "--as-of", "2010-04-06", "--format", "json"])
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let reasons = try #require((object["policy"] as? [String: Any])?["reasons"] as? [String])
        #expect(
            reasons.contains(
                "PRE-2 partly met: AliEn (ALICE): positive (inferred) on 2009-11-24 but reviewers not on record; PanDA (ATLAS): "
                    + "positive (inferred) on 2009-11-24 but reviewers not on record; glideinWMS (CMS): positive (inferred) on 2009-11-24 but "
                    + "reviewers not on record; DIRAC (LHCb): positive (inferred) on 2009-11-24 but reviewers not on record"
            ))
    }

    @Test func theDefaultDayIsTheLatestDateInTheFile() throws {
        let implicit = try TestSupport.mupj(["status"])
        let explicit = try TestSupport.mupj(["status", "--as-of", "2010-04-06"])
        #expect(implicit.status == 0)
        #expect(implicit.stdout == explicit.stdout)
        #expect(implicit.stdout.hasPrefix("MB prerequisites for multi-user pilot jobs, as of 2010-04-06\n"))
        let help = try TestSupport.mupj(["status", "--help"])
        #expect(help.stdout.contains("The default day is the latest date the inputs record (an entry of the status"))
    }

    /// Before the MB added it, PRE-5 is shown as not yet a condition in every format, and the gate
    /// does not name it.
    @Test func aLaterPrerequisiteIsShownAsNotYetAConditionBeforeItsDay() throws {
        let text = try TestSupport.mupj(["status", "--as-of", "2009-11-01"]).stdout
        #expect(text.contains("Policy: not in effect on 2009-11-01 (blocked by PRE-1, PRE-2, PRE-3, PRE-4)\n"))
        #expect(
            text.contains(
                "not in the original list of November 2007; added by WLCG Management Board on 2009-11-24: not yet a"))
        let markdown = try TestSupport.mupj(["status", "--as-of", "2009-11-01", "--format", "markdown"]).stdout
        #expect(markdown.contains("on 2009-11-24: not yet a condition on this day, and it blocks nothing.\n"))
        let json = try TestSupport.mupj(["status", "--as-of", "2009-11-01", "--format", "json"]).stdout
        let report = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let states = (report?["prerequisites"] as? [[String: Any]] ?? []).map {
            ($0["id"] as? String, $0["in_force"] as? Bool)
        }
        #expect(states.map(\.0) == ["PRE-1", "PRE-2", "PRE-3", "PRE-4", "PRE-5"])
        #expect(states.map(\.1) == [true, true, true, true, false])
        let summary = try TestSupport.mupj(["summary", "frameworks/", "--as-of", "2009-11-01"]).stdout
        #expect(summary.contains("(not yet a condition: the MB added it on 2009-11-24)"))
        let after = try TestSupport.mupj(["status", "--as-of", "2009-11-24", "--format", "markdown"]).stdout
        #expect(!after.contains("not yet a condition"))
    }

    @Test func theExceptionWindowIsShownOnItsDays() throws {
        let inside = try TestSupport.mupj(["status", "--as-of", "2010-02-28"])
        #expect(
            inside.stdout.contains("Exception windows on 2010-02-28:\n  - no-identity-switching-2009-12, 2009-12-01"))
        #expect(inside.stdout.contains("suspends identity-switching;"))
        #expect(
            inside.stdout.contains("conditions: the whole VO is answerable for problems; a site may ban the entire VO"))
        // After it, the page says that it ended, rather than nothing; before it, nothing.
        let ended =
            "exception window no-identity-switching-2009-12 (2009-12-01 to 2010-02-28) has ended, and no later one is "
            + "on file"
        let after = try TestSupport.mupj(["status", "--as-of", "2010-03-01", "--format", "markdown"])
        #expect(after.stdout.contains("No exception window applies on 2010-03-01; \(ended).\n"))
        let text = try TestSupport.mupj(["status", "--as-of", "2010-03-01"]).stdout
        #expect(text.contains("Exception windows on 2010-03-01: none; exception window no-identity-switching-2009-12"))
        for (day, ended) in [("2010-03-01", ["no-identity-switching-2009-12"]), ("2010-02-28", [])] {
            let json = try TestSupport.mupj(["status", "--as-of", day, "--format", "json"])
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            let policy = try #require(object["policy"] as? [String: Any])
            let windows = try #require(policy["ended_exception_windows"] as? [[String: Any]])
            #expect(windows.map { $0["id"] as? String } == ended, "\(day)")
            #expect(policy["next_exception_window"] is NSNull, "\(day)")
        }
        // Each item says whether what decided it is inferred.
        let json = try TestSupport.mupj(["status", "--as-of", "2010-03-01", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let pre3 = try #require(
            (object["prerequisites"] as? [[String: Any]])?.first { $0["id"] as? String == "PRE-3" })
        let items = try #require(pre3["items"] as? [[String: Any]])
        #expect(
            items.filter { $0["inferred"] as? Bool == true }.map { $0["name"] as? String } == [
                "BQS", "PBS", "Condor", "LSF",
            ])
        // SGE's tester is named on the slide of December 2007: stated, not inferred.
        #expect(
            items.first { $0["name"] as? String == "SGE" }?["detail"] as? String
                == "SGE: test planned at CESGA as of 2007-12-07")
        let summary = try TestSupport.mupj(["summary", "frameworks/", "--as-of", "2010-03-01"]).stdout
        #expect(summary.contains("- \(ended)\n"))
        for day in ["2009-11-01", "2010-02-28"] {
            let page = try TestSupport.mupj(["summary", "frameworks/", "--as-of", day]).stdout
            #expect(!page.contains("has ended"), "\(day)")
        }
        #expect(try TestSupport.mupj(["status", "--as-of", "2009-11-01"]).stdout.contains("on 2009-11-01: none\n"))
    }

    @Test func historyListsTheDaysOfChange() throws {
        let run = try TestSupport.mupj(["status", "--history"])
        #expect(run.status == 0, "\(run.stderr)")
        let days = run.stdout.split(separator: "\n").compactMap { line -> String? in
            let prefix = line.prefix(10)
            return CalendarDayPattern.matches(String(prefix)) ? String(prefix) : nil
        }
        #expect(
            days == [
                "2007-09-06", "2007-11-01", "2007-12-07", "2008-06-11", "2009-06-10", "2009-11-24", "2009-12-01",
                "2010-01-27", "2010-03-01",
            ])
        #expect(run.stdout.contains("2009-11-24  PRE-2: not met → partly met"))
        let limited = try TestSupport.mupj(["status", "--history", "--as-of", "2009-11-30"])
        #expect(!limited.stdout.contains("2009-12-01"))
        #expect(limited.stdout.contains("2009-11-24"))
    }

    @Test func jsonAndMarkdownCarryTheSameDecision() throws {
        let json = try TestSupport.mupj(["status", "--as-of", "2009-11-25", "--format", "json"])
        #expect(json.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["as_of"] as? String == "2009-11-25")
        let policy = try #require(object["policy"] as? [String: Any])
        #expect(policy["in_effect"] as? Bool == false)
        #expect(policy["state"] as? String == "blocked")
        #expect(policy["blocking"] as? [String] == ["PRE-1", "PRE-2", "PRE-3", "PRE-4", "PRE-5"])
        let prerequisites = try #require(object["prerequisites"] as? [[String: Any]])
        #expect(
            prerequisites.map { $0["state"] as? String } == [
                "partly-met", "partly-met", "partly-met", "partly-met", "partly-met",
            ])
        #expect(prerequisites[4]["original_list"] as? Bool == false)
        let markdown = try TestSupport.mupj(["status", "--as-of", "2009-11-25", "--format", "markdown"])
        #expect(markdown.stdout.contains("## Policy: not in effect\n\nBlocked by PRE-1, PRE-2, PRE-3, PRE-4, PRE-5."))
        #expect(
            markdown.stdout.contains(
                "| PRE-3 | gLExec tested with the common batch systems | partly met | 4 of 6 batch"))
        let history = try TestSupport.mupj(["status", "--history", "--format", "json"])
        let changes = try #require(
            (try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [String: Any])?["changes"]
                as? [[String: Any]])
        #expect(changes.count == 9)
    }

    @Test func frameworksReviewedWithMupjFeedPRE2() throws {
        let run = try TestSupport.mupj(["status", "--as-of", "2009-11-25", "--frameworks", "frameworks/alien.yaml"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("verdict: do not recommend (frameworks/alien.yaml, described on 2009-03-21)"))
    }

    @Test func anInvalidStatusFileIsReportedWithLocations() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("status.yaml").path
        try """
        format: mupj-status/1
        glexec_deployment:
          - {state: deployed, date: 2010-06-01, source: s}

        """.write(toFile: path, atomically: true, encoding: .utf8)
        let run = try TestSupport.mupj(["status", "--status-file", path])
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        #expect(
            run.stderr.contains(
                "\(path):3:13: error: 'deployed' is not allowed for 'state'; expected one of: not-started, in-progress, done"
            ))
    }

    /// Each description reviewed beside the history (`--frameworks`) adds its date: the limit counts
    /// them after the file's entries, and the error names the description that passes it.
    @Test func theHistoryCountsTheReviewedDescriptions() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("short.yaml").path
        let review = "  - {by: EGEE, outcome: positive, date: 2008-01-01, reference: r, source: s}"
        try "format: mupj-status/1\nglexec_reviews:\n\(review)\n".write(toFile: path, atomically: true, encoding: .utf8)
        let frameworks = ["alien", "dirac", "glideinwms"].map { TestSupport.path("frameworks/\($0).yaml") }
        let arguments = ["status", "--status-file", path, "--history"] + frameworks.flatMap { ["--frameworks", $0] }
        let refused = try TestSupport.mupj(arguments + ["--max-history-entries", "3"])
        #expect(refused.status == 1)
        #expect(refused.stdout.isEmpty)
        #expect(
            refused.stderr
                == "\(frameworks[2]): error: entry 4 of 4 (the status file's 1 and 3 reviewed descriptions, each with "
                + "its date): --history reads at most 3, as its time grows with the square of their number (raise the "
                + "limit with --max-history-entries)\n")
        let within = try TestSupport.mupj(arguments + ["--max-history-entries", "4"])
        #expect(within.status == 0, "\(within.stderr)")
    }

    /// The history reads the status on every date of the file: past `--max-history-entries` it
    /// refuses, at the first entry beyond the limit, and the day's status still reads the file.
    @Test func theHistoryStopsAtItsEntryLimit() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("long.yaml").path
        let entries = (0..<1001).map { i in
            "  - {by: \(i % 2 == 0 ? "EGEE" : "OSG"), outcome: positive, date: \(1900 + i)-01-01, reference: r, source: s}"
        }
        try (["format: mupj-status/1", "glexec_reviews:"] + entries + [""]).joined(separator: "\n")
            .write(toFile: path, atomically: true, encoding: .utf8)

        let refused = try TestSupport.mupj(["status", "--status-file", path, "--history"])
        #expect(refused.status == 1)
        #expect(refused.stdout.isEmpty)
        #expect(
            refused.stderr
                == "\(path):1003:5: error: entry 1001 of 1001: --history reads at most 1000 entries, as its time grows "
                + "with the square of their number (raise the limit with --max-history-entries)\n")

        let day = try TestSupport.mupj(["status", "--status-file", path])
        #expect(day.status == 0, "\(day.stderr)")
        #expect(day.stdout.contains("PRE-1  met  gLExec reviewed by the OSG and EGEE security teams"))

        let raised = try TestSupport.mupj([
            "status", "--status-file", path, "--history", "--max-history-entries", "1001",
        ])
        #expect(raised.status == 0, "\(raised.stderr)")
        #expect(raised.stdout.contains("1900-01-01  PRE-1: not met → partly met"))
        #expect(raised.stdout.contains("1901-01-01  PRE-1: partly met → met"))

        let zero = try TestSupport.mupj(["status", "--history", "--max-history-entries", "0"])
        #expect(zero.status == 2)
        #expect(zero.stderr.hasPrefix("Error: --max-history-entries must be at least 1, got 0\n"))
    }

    @Test func usageAndInputErrorsExitTwo() throws {
        let badDate = try TestSupport.mupj(["status", "--as-of", "2009-02-30"])
        #expect(badDate.status == 2)
        #expect(badDate.stderr.contains("--as-of takes a date YYYY-MM-DD"))
        let missing = try TestSupport.mupj(["status", "--status-file", "no/such/file.yaml"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no/such/file.yaml: error: no such file"))
        let noPrerequisites = try TestSupport.mupj(["status", "--checklist", "checklists/jspg-mupj-v1.0.yaml"])
        #expect(noPrerequisites.status == 2)
        #expect(noPrerequisites.stderr.contains("no prerequisite catalog"))
        let onlyPrerequisites = try TestSupport.mupj([
            "status", "--checklist", "checklists/mb-prerequisites.yaml", "--as-of", "2009-11-25",
        ])
        #expect(onlyPrerequisites.status == 0, "\(onlyPrerequisites.stderr)")
    }
}

enum CalendarDayPattern {
    static func matches(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count == 10 else { return false }
        for (i, s) in scalars.enumerated() {
            if i == 4 || i == 7 {
                if s != "-" { return false }
            } else if !("0"..."9").contains(s) {
                return false
            }
        }
        return true
    }
}
