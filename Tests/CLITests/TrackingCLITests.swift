import Foundation
import Glibc
import Reports
import TestSupport
import Testing
import YAMLDocument

/// The reviewers' workflow through the built binary: judging findings and signing, into a tracking
/// file that keeps what was written in it, and the reviews and summaries that read it.
@Suite struct TrackingCLITests {
    static let shortcut = "frameworks/examples/common-mistakes.yaml"
    /// Shortcut's violated VO-4/retention and MUPJ-9/credential-channels findings, and a satisfied one.
    static let retention = "cdf8a97b29b13027"
    static let channels = "cd02729ca5ff6cb6"

    let directory: URL
    let tracking: String

    /// The ids of Shortcut's findings of one status, from its JSON report.
    static func findings(status: String...) throws -> [String] {
        let json = try TestSupport.mupj(["review", shortcut, "--format", "json", "--fail-on", "never"]).stdout
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let frameworks = object?["frameworks"] as? [[String: Any]] ?? []
        let clauses = frameworks.first?["clauses"] as? [[String: Any]] ?? []
        return clauses.flatMap { $0["findings"] as? [[String: Any]] ?? [] }
            .filter { status.contains($0["status"] as? String ?? "") }.compactMap { $0["id"] as? String }
    }

    init() throws {
        directory = try TestSupport.temporaryDirectory()
        tracking = directory.appendingPathComponent("shortcut.yaml").path
    }

    func judge(
        _ finding: String, _ kind: String, file: String? = nil, framework: String = shortcut, extra: [String] = []
    ) throws -> TestSupport.Run {
        try TestSupport.mupj(
            [
                "judge", finding, "--framework", framework, "--tracking", file ?? tracking, "--as", kind, "--because",
                "Reasons, \"quoted\".", "--by", "A. Reviewer", "--organisation", "OSG", "--date", "2009-02-03",
            ] + extra)
    }

    func signOff(_ organisation: String, _ recommendation: String = "do-not-recommend", extra: [String] = [])
        throws -> TestSupport.Run
    {
        try TestSupport.mupj(
            [
                "sign-off", "--framework", Self.shortcut, "--tracking", tracking, "--recommend", recommendation,
                "--by", "\(organisation) Reviewer", "--organisation", organisation, "--date", "2009-02-09",
            ] + extra)
    }

    /// A project of its own, with the shipped catalogs and descriptions linked in, for the
    /// commands that read or write `reviews/tracking` where they are run.
    static func project() throws -> URL {
        let project = try TestSupport.temporaryDirectory()
        for name in ["checklists", "frameworks"] {
            try FileManager.default.createSymbolicLink(
                at: project.appendingPathComponent(name),
                withDestinationURL: TestSupport.packageRoot.appendingPathComponent(name))
        }
        return project
    }

    /// A tracking file for Shortcut with one confirmed judgement of `finding` (as written) under `rule`.
    func writeTracking(finding: String, rule: String) throws {
        try """
        format: mupj-tracking/1
        framework: Shortcut
        vo: EXAMPLE
        judgements:
          - finding: \(finding)
            rule: \(rule)
            status: violated
            judgement: confirmed
            justification: Written by hand.
            by: {name: A, organisation: OSG}
            date: 2009-01-01

        """.write(toFile: tracking, atomically: true, encoding: .utf8)
    }

    @Test func judgingAndSigningKeepWhatTheFileSaysAndReachASignedVerdict() throws {
        let first = try judge(Self.retention, "accepted-risk")
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr == "wrote \(tracking)\n")
        #expect(
            first.stdout == "judged \(Self.retention) (VO-4/retention, violated) accepted risk\n"
                + "Shortcut (EXAMPLE): do not recommend, pending sign-off: 12 of the 13 open findings are not judged; "
                + "no reviewer from EGEE or OSG has signed this description\n")
        // A comment of the reviewers' own, which every later entry must leave in place.
        let written = try String(contentsOfFile: tracking, encoding: .utf8)
        let commented = written.replacingOccurrences(of: "judgements:\n", with: "judgements:  # ours\n")
        try commented.write(toFile: tracking, atomically: true, encoding: .utf8)
        let open = try Self.findings(status: "violated", "needs-information")
        #expect(open.count == 13)
        for id in open where id != Self.retention {
            #expect(try judge(id, id == Self.channels ? "mitigated" : "confirmed").status == 0)
        }
        #expect(try signOff("OSG").status == 0)
        let last = try signOff("EGEE")
        #expect(last.status == 0, "\(last.stderr)")
        #expect(
            last.stdout == "signed do not recommend as EGEE Reviewer (EGEE)\n"
                + "Shortcut (EXAMPLE): do not recommend, signed by OSG Reviewer (OSG) on 2009-02-09, "
                + "EGEE Reviewer (EGEE) on 2009-02-09\n")
        let final = try String(contentsOfFile: tracking, encoding: .utf8)
        #expect(final.hasPrefix(commented.components(separatedBy: "sign_offs:")[0]))
        #expect(final.contains("judgements:  # ours\n"))
        #expect(final.contains("justification: \"Reasons, \\\"quoted\\\".\""))
        let review = try TestSupport.mupj(["review", Self.shortcut, "--tracking", tracking])
        #expect(review.status == 1)
        #expect(review.stderr.isEmpty)
        #expect(review.stdout.contains("  verdict: do not recommend, signed by OSG Reviewer (OSG) on 2009-02-09"))
        #expect(
            review.stdout.contains(
                "        Judged mitigated by A. Reviewer (OSG) on 2009-02-03: Reasons, \"quoted\".\n"))
    }

    /// A missing `--tracking` path is made as a file only when its name is a YAML file's: the
    /// default directory's name spelled out makes that directory, with the framework's file in it.
    @Test func aMissingTrackingPathIsADirectoryUnlessNamedAsAYAMLFile() throws {
        let spelledOut = directory.appendingPathComponent("reviews/tracking").path
        let run = try judge(Self.retention, "confirmed", file: spelledOut)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr == "wrote \(spelledOut)/shortcut.yaml\n")
        #expect(FileKind.of(spelledOut) == .success(.directory))
        let named = directory.appendingPathComponent("new/Shortcut.YML").path
        #expect(try judge(Self.retention, "confirmed", file: named).stderr == "wrote \(named)\n")
        #expect(FileKind.of(named) == .success(.regular))
        for (option, message) in [
            ("--tracking", "--tracking is empty; name a tracking file or a directory of them"),
            ("--framework", "--framework is empty; name the description"),
        ] {
            let empty = try TestSupport.mupj(
                [
                    "sign-off", "--framework", Self.shortcut, "--tracking", tracking, "--recommend", "recommend",
                    "--by",
                    "X", "--organisation", "OSG", option, "",
                ])
            #expect(empty.status == 2)
            #expect(empty.stderr.hasPrefix("Error: \(message)\n"), "\(empty.stderr)")
        }
    }

    /// The tracking file is replaced by a new one with the entry added: it keeps its permissions,
    /// owner and group (a file kept private stays private), and the reviewer is told that another
    /// name for it (a hard link) still leads to the file as it was.
    @Test func anUpdatedFileKeepsItsPermissionsAndOwner() throws {
        try writeTracking(finding: Self.channels, rule: "MUPJ-9/credential-channels")
        let other = directory.appendingPathComponent("other-name.yaml").path
        #expect(link(tracking, other) == 0)
        #expect(chmod(tracking, 0o600) == 0)
        // Root (as in CI) may give the file to anyone; another user keeps their own.
        let (owner, group): (uid_t, gid_t) = getuid() == 0 ? (65534, 65534) : (getuid(), getgid())
        #expect(chown(tracking, owner, group) == 0)
        let run = try judge(Self.retention, "confirmed")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            run.stderr == "updated \(tracking)\n\(tracking): warning: the file replaced had 1 other name (a hard "
                + "link), which still leads to the old text\n")
        var status = stat()
        #expect(stat(tracking, &status) == 0)
        #expect(status.st_mode & 0o7777 == 0o600)
        #expect(status.st_uid == owner && status.st_gid == group)
        #expect(status.st_nlink == 1)
        #expect(try String(contentsOfFile: tracking, encoding: .utf8).contains(Self.retention))
        #expect(try !String(contentsOfFile: other, encoding: .utf8).contains(Self.retention))
        // Without another name, nothing to warn of.
        #expect(
            try judge(
                Self.findings(status: "violated").first { ![Self.retention, Self.channels].contains($0) }!,
                "confirmed"
            ).stderr == "updated \(tracking)\n")
    }

    /// An id copied in capitals is the same id: recorded as the reports write it.
    @Test func aFindingIdInCapitalsIsTheSameId() throws {
        let run = try judge(Self.retention.uppercased(), "confirmed")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("judged \(Self.retention) (VO-4/retention, violated) confirmed\n"))
        #expect(try String(contentsOfFile: tracking, encoding: .utf8).contains("finding: \"\(Self.retention)\""))
    }

    /// Several findings given one judgement for one reason: recorded together in the order given,
    /// or, when any of them cannot be, none.
    @Test func severalFindingsAreJudgedTogetherOrNotAtAll() throws {
        let open = try Self.findings(status: "violated").filter { $0 != Self.retention && $0 != Self.channels }
        #expect(open.count == 10)
        let together = try judge(open[0], "confirmed", extra: [open[1], open[2]])
        #expect(together.status == 0, "\(together.stderr)")
        let lines = together.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines.prefix(3).map { String($0.prefix(23)) } == open.prefix(3).map { "judged \($0)" })
        #expect(lines.last?.contains("10 of the 13 open findings are not judged") == true)
        let written = try String(contentsOfFile: tracking, encoding: .utf8)
        let ids = written.matches(of: /finding: "([0-9a-f]{16})"/).map { String($0.1) }
        #expect(ids == Array(open.prefix(3)))

        // One already judged among them: nothing is added, the file stays as it was.
        let refused = try judge(open[3], "confirmed", extra: [open[0], open[4]])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("finding \(open[0])"), "\(refused.stderr)")
        #expect(refused.stderr.hasSuffix("; nothing was added\n"))
        #expect(try String(contentsOfFile: tracking, encoding: .utf8) == written)
        let twice = try judge(open[3], "confirmed", extra: [open[3]])
        #expect(twice.status == 2)
        #expect(twice.stderr.hasPrefix("Error: finding \(open[3]) is named twice\n"))
        #expect(try String(contentsOfFile: tracking, encoding: .utf8) == written)
    }

    /// Shortcut's stated `203: run-as-pilot` decides both MUPJ-6/no-fallback-on-refusal and
    /// MUPJ-6/refusal-reported: judged with --with-same-facts, the one named brings the other, which
    /// the reports name beside it; one already judged is left as it is.
    @Test func findingsDecidedByTheSameFactsAreJudgedTogetherWhenAsked() throws {
        let json = try TestSupport.mupj(["review", Self.shortcut, "--format", "json", "--fail-on", "never"]).stdout
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let clauses = (object?["frameworks"] as? [[String: Any]])?.first?["clauses"] as? [[String: Any]] ?? []
        let findings = clauses.flatMap { $0["findings"] as? [[String: Any]] ?? [] }
        func id(_ rule: String) throws -> String {
            try #require(findings.first { $0["rule"] as? String == rule }?["id"] as? String)
        }
        let (refusal, reported) = (try id("MUPJ-6/no-fallback-on-refusal"), try id("MUPJ-6/refusal-reported"))
        let named = findings.first { $0["id"] as? String == refusal }
        #expect((named?["same_facts"] as? [String: Any])?["findings"] as? [String] == [reported])

        let run = try judge(refusal, "confirmed", extra: ["--with-same-facts"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "judged \(refusal) (MUPJ-6/no-fallback-on-refusal, violated) confirmed")
        #expect(
            lines.dropFirst().first
                == "judged \(reported) (MUPJ-6/refusal-reported, violated) confirmed, decided by the same facts as "
                + refusal)
        let written = try String(contentsOfFile: tracking, encoding: .utf8)
        #expect(written.matches(of: /finding: "([0-9a-f]{16})"/).map { String($0.1) } == [refusal, reported])

        // In another file: the other one judged first is left as it is, and only the one named is added.
        let other = directory.appendingPathComponent("other.yaml").path
        #expect(try judge(reported, "mitigated", file: other).status == 0)
        let again = try judge(refusal, "confirmed", file: other, extra: ["--with-same-facts"])
        #expect(again.status == 0, "\(again.stderr)")
        let said = again.stdout.split(separator: "\n").map(String.init)
        #expect(
            said.filter { $0.hasPrefix("judged ") } == [
                "judged \(refusal) (MUPJ-6/no-fallback-on-refusal, violated) confirmed"
            ])
        // The one left is named, with where it is judged.
        #expect(
            said.contains(
                "left \(reported) (MUPJ-6/refusal-reported), decided by the same facts as \(refusal), as judged "
                    + "mitigated at \(other):7"), "\(said)")
        let second = try String(contentsOfFile: other, encoding: .utf8)
        #expect(second.matches(of: /finding: "([0-9a-f]{16})"/).map { String($0.1) } == [reported, refusal])
        #expect(second.contains("mitigated") && second.contains("confirmed"))
    }

    /// A tracking path that is not a regular file is refused before it is read and before the
    /// directory is locked: reading a FIFO waited for a writer, holding every other judge of the
    /// directory. A standard stream is not a file to replace either.
    @Test func aTrackingPathThatIsNoFileIsRefusedAtOnce() throws {
        let fifo = directory.appendingPathComponent("t.yaml").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let run = try judge(Self.retention, "confirmed", file: fifo)
        #expect(run.status == 2)
        #expect(
            run.stderr == "\(fifo): error: is a FIFO, not a regular file: a tracking file is one; nothing was added\n")
        let stream = try TestSupport.mupj(["init", "-o", "/dev/stdout", "--force"], standardOutput: "/dev/null")
        #expect(stream.status == 2)
        #expect(stream.stderr.contains("/dev/stdout: error: cannot write: names a standard stream or descriptor"))
    }

    @Test func whatCannotBeRecordedIsRefusedAndTheFileIsLeftAsItWas() throws {
        #expect(try judge(Self.retention, "confirmed").status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: tracking))
        let cases: [(run: TestSupport.Run, stderr: String)] = [
            (
                try judge("0000000000000001", "confirmed"),
                "\(Self.shortcut): error: no finding of Shortcut (EXAMPLE) has the id 0000000000000001; the ids are in "
                    + "the reports (mupj review \(Self.shortcut)); nothing was added\n"
            ),
            (
                try judge(Self.retention, "mitigated"),
                "\(tracking):7:5: error: finding \(Self.retention) (VO-4/retention) is already judged confirmed here; "
                    + "edit this entry to change the judgement; nothing was added\n"
            ),
            (
                try judge(Self.channels, "confirmed", framework: "frameworks/panda.yaml"),
                "\(tracking):4:12: error: this file tracks Shortcut (EXAMPLE), not PanDA (ATLAS) described in "
                    + "frameworks/panda.yaml; nothing was added\n"
            ),
            (
                try judge(Self.retention, "confirmed", framework: "frameworks/"),
                "frameworks/: error: is a directory; --framework names the one description the entry is about\n"
            ),
            (
                try signOff("OSG", "recommend-with-conditions"),
                "Error: recommend-with-conditions needs its conditions: give --condition\n"
            ),
            (
                try judge("0EF7320C30063D2", "confirmed"),
                "Error: a finding id is 16 hexadecimal digits, as the reports give it; got '0EF7320C30063D2'\n"
            ),
            (
                try TestSupport.mupj([
                    "judge", Self.channels, "--framework", Self.shortcut, "--tracking", tracking, "--as", "confirmed",
                    "--because", " ", "--by", "A", "--organisation", "OSG",
                ]),
                "Error: --because is empty; say why\n"
            ),
            (
                try TestSupport.mupj([
                    "sign-off", "--framework", Self.shortcut, "--tracking", tracking, "--recommend", "recommend",
                    "--by", "\t", "--organisation", "OSG",
                ]),
                "Error: --by is empty; give the reviewer's name\n"
            ),
            (
                try signOff("OSG", "recommend", extra: ["--condition", "Only at sites with gLExec."]),
                "Error: --condition goes with --recommend recommend-with-conditions only\n"
            ),
            (
                try signOff("OSG", "recommend-with-conditions", extra: ["--condition", "A.", "--condition", " "]),
                "Error: a --condition is empty; say what the condition is\n"
            ),
        ]
        for (run, stderr) in cases {
            #expect(run.status == 2)
            #expect(run.stderr.hasPrefix(stderr), "\(run.stderr)")
            #expect(run.stdout.isEmpty)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: tracking)) == before)
        // A satisfied finding is not judged.
        let satisfied = try #require(try Self.findings(status: "satisfied").first)
        let refused = try judge(satisfied, "confirmed")
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("is satisfied; only open findings (violated, needs-information) are judged"))
    }

    /// A reviewer signs a version of the description once, whatever the case of the name given.
    @Test func aSecondSignatureOfTheSameVersionIsRefused() throws {
        #expect(try signOff("OSG").status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: tracking))
        let again = try TestSupport.mupj([
            "sign-off", "--framework", Self.shortcut, "--tracking", tracking, "--recommend", "recommend",
            "--by", "osg reviewer", "--organisation", "OSG", "--date", "2009-02-10",
        ])
        #expect(again.status == 2)
        #expect(
            again.stderr.hasSuffix(
                ": error: osg reviewer (OSG) already signed this version of the description (do not recommend); edit "
                    + "this entry to change it; nothing was added\n"), "\(again.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: tracking)) == before)
    }

    @Test func anInvalidTrackingFileStopsTheReviewWhereItIsWrong() throws {
        try writeTracking(finding: "abc", rule: "VO-4/retention")
        let run = try TestSupport.mupj(["review", Self.shortcut, "--tracking", tracking])
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        #expect(
            run.stderr
                == "\(tracking):5:14: error: a finding id is 16 hexadecimal digits in lower case, as the reports "
                + "give it; found 'abc'\nerror: invalid tracking file; no review was made\n")
        let usage = try TestSupport.mupj(["review", Self.shortcut, "--tracking", tracking, "--no-tracking"])
        #expect(usage.status == 2)
        #expect(usage.stderr.hasPrefix("Error: --no-tracking and --tracking contradict each other; give one\n"))
    }

    /// Said once by every command that reads a review with tracking files, whether it holds the
    /// whole result (`summary`, `status`, `review --output-dir`), streams it (`review` as text or
    /// JSON) or reviews one framework (`explain`).
    @Test func aJudgementThatNoLongerAppliesIsSaidOnEveryReadingCommand() throws {
        try writeTracking(finding: "\"0000000000000001\"", rule: "MUPJ-1/approval-process")
        let warning =
            "\(tracking):5:5: warning: no finding of Shortcut (EXAMPLE) has the id 0000000000000001: the judgement is "
            + "ignored (the check or its subject may have been removed; the ids are in the reports)\n"
        let reports = directory.appendingPathComponent("reports").path
        for arguments in [
            ["review", Self.shortcut, "--tracking", tracking, "--fail-on", "never"],
            ["review", Self.shortcut, "--tracking", tracking, "--format", "json", "--fail-on", "never"],
            ["summary", Self.shortcut, "--tracking", tracking],
            ["review", Self.shortcut, "--tracking", tracking, "--output-dir", reports, "--fail-on", "never"],
            ["status", "--frameworks", Self.shortcut, "--tracking", tracking],
            ["explain", "MUPJ-1", "--framework", Self.shortcut, "--tracking", tracking],
        ] {
            let run = try TestSupport.mupj(arguments)
            #expect(run.status == 0, "\(arguments)")
            // `--output-dir` names the files it wrote there too, after the warning.
            let said = run.stderr.split(separator: "\n").filter { !$0.hasPrefix("wrote ") }
            #expect(said.map { $0 + "\n" }.joined() == warning, "\(arguments)")
        }
    }

    /// `explain --framework` shows the reviewers' judgement under the finding it is of, from the
    /// tracking file named or the default directory, and none with `--no-tracking`.
    @Test func explainShowsTheJudgementOfEachFinding() throws {
        let arguments = ["explain", "VO-4", "--framework", Self.shortcut]
        let judged = try TestSupport.mupj(arguments + ["--tracking", "reviews/examples/shortcut.yaml"])
        #expect(judged.status == 0, "\(judged.stderr)")
        #expect(judged.stderr.isEmpty)
        #expect(
            judged.stdout.contains(
                "\n  retention: violated\n    expected `traceability.retention_days` is at least 90, found 30 (line "
                    + "215).\n    Judged accepted risk by A. Reviewer (OSG) on 2009-02-05: Logs are kept 30 days today; "
                    + "EXAMPLE has committed to 90 days from its next release.\n    [require] "),
            "\(judged.stdout)")
        let plain = try TestSupport.mupj(arguments + ["--no-tracking"])
        #expect(plain.status == 0)
        #expect(!plain.stdout.contains("Judged"))
        // The rest of the explanation is the same with and without the judgements.
        #expect(
            judged.stdout.split(separator: "\n").filter { !$0.hasPrefix("    Judged ") }
                == plain.stdout.split(separator: "\n"))
        let usage = try TestSupport.mupj(["explain", "VO-4", "--tracking", "reviews/examples/shortcut.yaml"])
        #expect(usage.status == 2)
        #expect(
            usage.stderr.hasPrefix("Error: --tracking needs --framework: judgements are on a framework's findings\n"))
    }

    /// A judge that finds the directory's writers' lock taken waits, then gives up with nothing
    /// written; once the lock is free, it adds its entry. (That a waiting judge goes on when the
    /// lock is freed is what the next test needs: without the lock, one of three runs lost an entry.)
    @Test func aWriterWaitsWhileAnotherHoldsTheDirectoryThenGivesUp() throws {
        var held: WriterLock? = try WriterLock(forFileAt: tracking) { _ in }
        #expect(held?.held == true)
        let clock = ContinuousClock()
        let start = clock.now
        let refused = try judge(Self.retention, "confirmed", extra: ["--wait", "1"])
        // It waited (the message says for how long: its second, not the default ten).
        #expect(clock.now - start >= .seconds(1))
        #expect(refused.status == 2)
        #expect(
            refused.stderr == "waiting for another mupj command adding to a file in \(directory.path)\n"
                + "\(directory.path): error: another mupj command has been adding to a file here for 1 s; nothing "
                + "was added, run the command again when it has finished\n")
        // --wait 0 does not wait, and so does not say it is waiting.
        let atOnce = try signOff("OSG", "recommend", extra: ["--wait", "0"])
        #expect(atOnce.status == 2)
        #expect(
            atOnce.stderr == "\(directory.path): error: another mupj command is adding to a file here; nothing was "
                + "added, run the command again when it has finished\n")
        #expect(!FileManager.default.fileExists(atPath: tracking))
        // Once the other command has finished, the same judgement is recorded without waiting.
        held = nil
        let recorded = try judge(Self.retention, "confirmed", extra: ["--wait", "0"])
        #expect(recorded.status == 0, "\(recorded.stderr)")
        #expect(FileManager.default.fileExists(atPath: tracking))
    }

    /// A judge waiting for the lock goes on as soon as it is freed, and adds its entry.
    @Test func aWaitingWriterGoesOnWhenTheLockIsFreed() throws {
        var held: WriterLock? = try WriterLock(forFileAt: tracking) { _ in }
        #expect(held?.held == true)
        let waiting = "waiting for another mupj command adding to a file in \(directory.path)\n"
        let run = try TestSupport.mupj(
            [
                "judge", Self.retention, "--framework", Self.shortcut, "--tracking", tracking, "--as", "confirmed",
                "--because", "Seen.", "--by", "A. Reviewer", "--organisation", "OSG", "--wait", "60",
            ], whenStandardErrorHolds: waiting
        ) { held = nil }
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.hasPrefix(waiting + "wrote \(tracking)\n"), "\(run.stderr)")
        #expect(try String(contentsOfFile: tracking, encoding: .utf8).contains(Self.retention))
        _ = held
    }

    /// A tracking file named through a link is replaced where the link leads, so a judge through
    /// the link takes turns with the writers of that directory, not of the link's: locked where
    /// the link is, a judge through it and one by the real path both wrote, and one entry was lost.
    @Test func aJudgeThroughALinkTakesTurnsWhereTheFileIs() throws {
        try writeTracking(finding: Self.channels, rule: "MUPJ-9/credential-channels")
        let elsewhere = try TestSupport.temporaryDirectory()
        let link = elsewhere.appendingPathComponent("shortcut.yaml").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: tracking)
        let before = try String(contentsOfFile: tracking, encoding: .utf8)
        let real = try #require(realpath(directory.path, nil))
        defer { free(real) }
        var held: WriterLock? = try WriterLock(forFileAt: tracking) { _ in }
        #expect(held?.held == true)
        let refused = try judge(Self.retention, "confirmed", file: link, extra: ["--wait", "0"])
        #expect(refused.status == 2)
        #expect(
            refused.stderr == "\(String(cString: real)): error: another mupj command is adding to a file here; "
                + "nothing was added, run the command again when it has finished\n")
        #expect(try String(contentsOfFile: tracking, encoding: .utf8) == before)
        // A writer in the link's own directory does not hold it up.
        held = try WriterLock(forFileAt: link) { _ in }
        let recorded = try judge(Self.retention, "confirmed", file: link, extra: ["--wait", "0"])
        #expect(recorded.status == 0, "\(recorded.stderr)")
        #expect(try String(contentsOfFile: tracking, encoding: .utf8).contains(Self.retention))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == tracking, "the link stays")
        _ = held
    }

    /// The same when the link is found in the directory named with --tracking: the turn is also
    /// taken where it leads, so a judge naming the target itself cannot write between.
    @Test func aLinkFoundInTheDirectoryTakesTurnsWhereItLeads() throws {
        try writeTracking(finding: Self.channels, rule: "MUPJ-9/credential-channels")
        let elsewhere = try TestSupport.temporaryDirectory()
        try FileManager.default.createSymbolicLink(
            atPath: elsewhere.appendingPathComponent("shortcut.yaml").path, withDestinationPath: tracking)
        let before = try String(contentsOfFile: tracking, encoding: .utf8)
        let real = try #require(realpath(directory.path, nil))
        defer { free(real) }
        var held: WriterLock? = try WriterLock(forFileAt: tracking) { _ in }
        #expect(held?.held == true)
        let refused = try judge(Self.retention, "confirmed", file: elsewhere.path + "/", extra: ["--wait", "0"])
        #expect(refused.status == 2)
        #expect(
            refused.stderr == "\(String(cString: real)): error: another mupj command is adding to a file here; "
                + "nothing was added, run the command again when it has finished\n")
        #expect(try String(contentsOfFile: tracking, encoding: .utf8) == before)
        // Waiting there, it reads the file again once its turn comes: what the other command wrote
        // meanwhile (here a line the test adds before freeing the lock) is kept, and the entry added.
        let waiting = "waiting for another mupj command adding to a file in \(String(cString: real))\n"
        let recorded = try TestSupport.mupj(
            [
                "judge", Self.retention, "--framework", Self.shortcut, "--tracking", elsewhere.path + "/", "--as",
                "confirmed", "--because", "Seen.", "--by", "A. Reviewer", "--organisation", "OSG", "--wait", "60",
            ], whenStandardErrorHolds: waiting
        ) {
            let file = FileHandle(forWritingAtPath: tracking)
            _ = try? file?.seekToEnd()
            try? file?.write(contentsOf: Data("# written by the other command\n".utf8))
            try? file?.close()
            held = nil
        }
        #expect(recorded.status == 0, "\(recorded.stderr)")
        #expect(recorded.stderr.hasPrefix(waiting), "\(recorded.stderr)")
        let after = try String(contentsOfFile: tracking, encoding: .utf8)
        #expect(after.contains("# written by the other command\n") && after.contains(Self.retention), "\(after)")
    }

    /// `judge` and `sign-off` say, as the reading commands do, which judgements of the file no
    /// longer apply: once, though a link found in the directory is read again when both turns are
    /// taken (where it is and where it leads).
    @Test func aLinkFoundInTheDirectoryIsWarnedOfOnce() throws {
        try writeTracking(finding: "\"0000000000000001\"", rule: "MUPJ-1/approval-process")
        let elsewhere = try TestSupport.temporaryDirectory()
        try FileManager.default.createSymbolicLink(
            atPath: elsewhere.appendingPathComponent("shortcut.yaml").path, withDestinationPath: tracking)
        let run = try judge(Self.retention, "confirmed", file: elsewhere.path + "/")
        #expect(run.status == 0, "\(run.stderr)")
        let warnings = run.stderr.split(separator: "\n").filter { $0.contains(": warning: ") }
        #expect(warnings.count == 1, "\(run.stderr)")
        #expect(warnings.first?.contains("no finding of Shortcut (EXAMPLE) has the id 0000000000000001") == true)
        #expect(try String(contentsOfFile: tracking, encoding: .utf8).contains(Self.retention))
        let signed = try signOff("OSG")
        #expect(signed.status == 0, "\(signed.stderr)")
        #expect(
            signed.stderr.split(separator: "\n").filter { $0.contains(": warning: ") }
                == [
                    "\(tracking):5:5: warning: no finding of Shortcut (EXAMPLE) has the id 0000000000000001: the "
                        + "judgement is ignored (the check or its subject may have been removed; the ids are in the reports)"
                ], "\(signed.stderr)")
    }

    @Test func waitOutsideItsRangeIsAUsageError() throws {
        for value in ["-1", "3601", "ten"] {
            let run = try judge(Self.retention, "confirmed", extra: ["--wait", value])
            #expect(run.status == 2, "\(value)")
            #expect(run.stderr.contains("--wait"), "\(value): \(run.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: tracking))
    }

    /// An organisation not on the list is refused, with the one meant when it is only a matter of
    /// case or a typo.
    @Test func anOrganisationNotOnTheListIsRefused() throws {
        let list = "--organisation takes one of EGEE, OSG, VO, other"
        for (given, suggestion) in [("osg", "; did you mean 'OSG'?"), ("EGE", "; did you mean 'EGEE'?"), ("CERN", "")] {
            let run = try signOff(given)
            #expect(run.status == 2)
            #expect(run.stderr.hasPrefix("Error: \(list), got '\(given)'\(suggestion)\n"), "\(run.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: tracking))
    }

    /// Judges of one framework run side by side: each entry lands, none is refused or lost.
    @Test func writersSideBySideEachAddTheirEntry() async throws {
        let open = try Self.findings(status: "violated")
        #expect(open.count == 12)
        let runs = try await withThrowingTaskGroup(of: TestSupport.Run.self) { group in
            for id in open { group.addTask { [self] in try judge(id, "confirmed") } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(runs.map(\.status) == Array(repeating: 0, count: open.count), "\(runs.map(\.stderr))")
        let loaded = try TestSupport.mupj(["review", Self.shortcut, "--tracking", tracking, "--format", "json"])
        #expect(loaded.stderr.isEmpty)
        let written = try String(contentsOfFile: tracking, encoding: .utf8)
        for id in open { #expect(written.components(separatedBy: "finding: \"\(id)\"").count == 2, "\(id)") }
    }

    /// Every open finding dismissed and a positive verdict signed: `mupj status` counts it for PRE-2
    /// as the team's recommendation, from the day of the last signature.
    @Test func aSignedPositiveVerdictCountsForThePrerequisites() throws {
        for id in try Self.findings(status: "violated", "needs-information") {
            let run = try judge(id, "false-positive")
            #expect(run.status == 0, "\(run.stderr)")
        }
        #expect(try signOff("OSG", "recommend").status == 0)
        #expect(try signOff("EGEE", "recommend").status == 0)
        func status(_ day: String) throws -> TestSupport.Run {
            try TestSupport.mupj([
                "status", "--frameworks", Self.shortcut, "--tracking", tracking, "--as-of", day, "--format", "json",
            ])
        }
        func shortcut(_ run: TestSupport.Run) throws -> [String: Any]? {
            let report = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
            let prerequisites = report?["prerequisites"] as? [[String: Any]] ?? []
            let items = prerequisites.first { $0["id"] as? String == "PRE-2" }?["items"] as? [[String: Any]] ?? []
            return items.first { $0["name"] as? String == "Shortcut (EXAMPLE)" }
        }
        let signed = try status("2009-02-09")
        #expect(signed.status == 0, "\(signed.stderr)")
        let item = try #require(try shortcut(signed))
        #expect(item["state"] as? String == "done")
        #expect(
            item["detail"] as? String
                == "Shortcut (EXAMPLE): signed recommend on 2009-02-09 (\(tracking)), reviewers include OSG and EGEE")
        // The day before, nothing is signed, and nothing is on file for the example framework.
        let before = try #require(try shortcut(try status("2009-02-08")))
        #expect(before["state"] as? String == "absent")
        #expect(before["detail"] as? String == "Shortcut (EXAMPLE): no recommendation on file")
    }

    /// Signed after the status file's latest entry: on the default day, which is the latest date the
    /// inputs record, the signature counts, and the history lists its day.
    @Test func aSignatureAfterTheStatusFilesLastEntryCountsOnTheDefaultDay() throws {
        for id in try Self.findings(status: "violated", "needs-information") {
            #expect(try judge(id, "false-positive").status == 0)
        }
        #expect(try signOff("OSG", "recommend", extra: ["--date", "2011-05-04"]).status == 0)
        #expect(try signOff("EGEE", "recommend", extra: ["--date", "2011-05-05"]).status == 0)
        let status = try TestSupport.mupj([
            "status", "--frameworks", Self.shortcut, "--tracking", tracking, "--format", "json",
        ])
        #expect(status.status == 0, "\(status.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any]
        #expect(report?["as_of"] as? String == "2011-05-05")
        let summary = try TestSupport.mupj(["summary", Self.shortcut, "--tracking", tracking])
        #expect(summary.stdout.contains("| partly met | 1 of 5 frameworks positively recommended"), "\(summary.stdout)")
        #expect(!summary.stdout.contains("Shortcut (EXAMPLE): no recommendation on file"))
        let history = try TestSupport.mupj([
            "status", "--frameworks", Self.shortcut, "--tracking", tracking, "--history",
        ])
        #expect(history.stdout.contains("\n2011-05-05"), "\(history.stdout)")
    }

    /// `mupj validate` checks a tracking file as one, beside descriptions, and names the status
    /// file for what it is.
    @Test func validateChecksTrackingAndStatusFilesAsWhatTheyAre() throws {
        let example = "reviews/examples/shortcut.yaml"
        let both = try TestSupport.mupj(["validate", example, Self.shortcut])
        #expect(both.status == 0, "\(both.stderr)")
        #expect(both.stdout == "2 files (1 description, 1 tracking file) checked: 2 valid\n")
        #expect(both.stderr.isEmpty)

        let text = try String(contentsOfFile: TestSupport.path(example), encoding: .utf8)
        let first = try #require(text.range(of: "    justification: \""))
        let line = text[..<first.lowerBound].count { $0 == "\n" } + 1
        let broken = text.replacingCharacters(in: first, with: "    justification: \"   \"  # ")
        try broken.write(toFile: tracking, atomically: true, encoding: .utf8)
        let invalid = try TestSupport.mupj(["validate", tracking])
        #expect(invalid.status == 1)
        #expect(invalid.stdout == "1 tracking file checked: 0 valid, 1 invalid (1 error)\n")
        #expect(invalid.stderr == "\(tracking):\(line):20: error: the justification is empty; say why, in your words\n")
        let json = try TestSupport.mupj(["validate", tracking, "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let files = object?["files"] as? [[String: Any]]
        #expect(files?.map { $0["kind"] as? String } == ["tracking-file"])
        #expect(files?.first?["valid"] as? Bool == false)

        // The status file is checked as one, against the prerequisite catalog: its format, then its
        // references to prerequisites.
        let all = try TestSupport.mupj(["validate", "reviews/", "reviews/examples/", "frameworks/"])
        #expect(all.status == 0, "\(all.stderr)")
        #expect(all.stdout == "6 files (4 descriptions, 1 tracking file, 1 status file) checked: 6 valid\n")
        let statusText = try String(contentsOfFile: TestSupport.path("reviews/prerequisites.yaml"), encoding: .utf8)
        let statusFile = directory.appendingPathComponent("status.yaml").path
        try statusText.replacingOccurrences(
            of: "{prerequisite: PRE-5, status: not-met", with: "{prerequisite: PRE-9, status: not-met"
        )
        .replacingOccurrences(of: "  - by: EGEE\n    outcome: positive\n", with: "  - by: EGEE\n    outcome: good\n")
        .write(toFile: statusFile, atomically: true, encoding: .utf8)
        let wrong = try TestSupport.mupj(["validate", statusFile, "--format", "json"])
        #expect(wrong.status == 1)
        let checked = try JSONSerialization.jsonObject(with: Data(wrong.stdout.utf8)) as? [String: Any]
        let entry = (checked?["files"] as? [[String: Any]])?.first
        #expect(entry?["kind"] as? String == "status-file")
        let messages = (entry?["diagnostics"] as? [[String: Any]] ?? []).compactMap { $0["message"] as? String }
        #expect(messages.count == 1 && messages[0].contains("'good'"), "\(messages)")
        try statusText.replacingOccurrences(
            of: "{prerequisite: PRE-5, status: not-met", with: "{prerequisite: PRE-9, status: not-met"
        )
        .write(toFile: statusFile, atomically: true, encoding: .utf8)
        let reference = try TestSupport.mupj(["validate", statusFile])
        #expect(reference.status == 1)
        #expect(reference.stdout == "1 status file checked: 0 valid, 1 invalid (1 error)\n")
        #expect(
            reference.stderr.contains(": error: no prerequisite 'PRE-9' in the catalogs (known: PRE-1, "),
            "\(reference.stderr)")
        let noCatalog = try TestSupport.mupj(["validate", statusFile, "--checklist", "checklists/vo-operations.yaml"])
        #expect(noCatalog.status == 2)
        #expect(
            noCatalog.stderr
                == "error: no prerequisite catalog (a file with 'prerequisites:') among checklists/vo-operations.yaml\n"
        )
    }

    /// A catalog is checked as one, on its own, with its examples run: what a catalog's maintainers
    /// check before the catalog reviews anything.
    @Test func validateChecksACatalogAsOneWithItsExamples() throws {
        let shipped = try TestSupport.mupj(["validate", "checklists/", Self.shortcut])
        #expect(shipped.status == 0, "\(shipped.stderr)")
        #expect(shipped.stdout == "4 files (1 description, 3 catalogs) checked: 4 valid\n")
        #expect(shipped.stderr.isEmpty)

        // Example 2 of VO-1 expects a violation: three years between reviews of the contact. Six
        // months satisfies the check.
        let text = try String(contentsOfFile: TestSupport.path("checklists/vo-operations.yaml"), encoding: .utf8)
        let written = "security_contact_review_interval_months: 36}"
        let at = try #require(text.range(of: written))
        let line = text[..<at.lowerBound].count { $0 == "\n" } + 1
        let catalog = directory.appendingPathComponent("vo.yaml").path
        try text.replacingCharacters(in: at, with: "security_contact_review_interval_months: 6}")
            .write(toFile: catalog, atomically: true, encoding: .utf8)
        let broken = try TestSupport.mupj(["validate", catalog])
        #expect(broken.status == 1)
        #expect(broken.stdout == "1 catalog checked: 0 valid, 1 invalid (1 error)\n")
        let example = text[..<at.lowerBound].range(of: "      - expect: violated", options: .backwards)
        let exampleLine = try text[..<#require(example).lowerBound].count { $0 == "\n" } + 1
        #expect(line == exampleLine + 4)
        #expect(
            broken.stderr.hasPrefix(
                "\(catalog):\(exampleLine):9: error: example 2 of VO-1 expects violated, but the checks give satisfied"),
            "\(broken.stderr)")
        let json = try TestSupport.mupj(["validate", catalog, "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect((object?["files"] as? [[String: Any]])?.map { $0["kind"] as? String } == ["catalog"])

        // Read as a catalog on its catalog: key alone; one that is not a description's.
        try "catalog: x\ntitle: X\nclauses: []\n".write(toFile: catalog, atomically: true, encoding: .utf8)
        let empty = try TestSupport.mupj(["validate", catalog])
        #expect(empty.status == 1)
        #expect(empty.stderr.contains("\(catalog):1:1: error: missing required field 'document' in catalog"))
    }

    /// A tracking file over the size limit is refused as an invalid file (exit 1), as a description
    /// is, not as one that cannot be read (exit 2); by the commands that read it and those that add to it.
    @Test func aTrackingFileOverTheSizeLimitIsInvalid() throws {
        let text =
            "format: mupj-tracking/1\nframework: Shortcut\nvo: EXAMPLE\n# " + String(repeating: "x", count: 100_000)
        try (text + "\n").write(toFile: tracking, atomically: true, encoding: .utf8)
        // Above every catalog and description the commands read, below the tracking file.
        let limit = ["--max-file-size", "90000"]
        let tooLarge =
            "\(tracking):1:1: error: file is \(text.utf8.count + 1) bytes, more than the limit of 90000 bytes (raise it with "
            + "--max-file-size)\n"
        let review = try TestSupport.mupj(["review", Self.shortcut, "--tracking", tracking] + limit)
        #expect(review.status == 1)
        #expect(review.stderr == tooLarge + "error: invalid tracking file; no review was made\n")
        let signing = try signOff("OSG", extra: limit)
        #expect(signing.status == 1)
        #expect(signing.stderr == tooLarge)
        #expect(try String(contentsOfFile: tracking, encoding: .utf8) == text + "\n")
    }

    /// Without `--tracking`, `judge` adds to the file of `reviews/tracking` that tracks the
    /// framework, whatever its name; with none, it makes one named after the framework. A file
    /// there that is not a valid tracking file may be the framework's: nothing is added until it is
    /// mended, rather than a second file being started beside it.
    @Test func judgeFindsTheFrameworksFileInTheDefaultDirectory() throws {
        let project = try Self.project()
        func judge(_ finding: String) throws -> TestSupport.Run {
            try TestSupport.mupj(
                [
                    "judge", finding, "--framework", Self.shortcut, "--as", "confirmed", "--because", "Seen.",
                    "--by", "A. Reviewer", "--organisation", "EGEE", "--date", "2009-02-03",
                ], in: project)
        }
        let made = try judge(Self.retention)
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stderr == "wrote reviews/tracking/shortcut.yaml\n")
        let directory = project.appendingPathComponent("reviews/tracking")
        try FileManager.default.moveItem(
            at: directory.appendingPathComponent("shortcut.yaml"), to: directory.appendingPathComponent("b.yml"))
        let other = "format: mupj-tracking/1\nframework: Other\nvo: EXAMPLE\n"
        try other.write(to: directory.appendingPathComponent("c.yaml"), atomically: true, encoding: .utf8)
        let updated = try judge(Self.channels)
        #expect(updated.status == 0, "\(updated.stderr)")
        #expect(updated.stderr == "updated reviews/tracking/b.yml\n")
        let written = try String(contentsOf: directory.appendingPathComponent("b.yml"), encoding: .utf8)
        #expect(written.contains("finding: \"\(Self.retention)\"") && written.contains("finding: \"\(Self.channels)\""))
        #expect(try String(contentsOf: directory.appendingPathComponent("c.yaml"), encoding: .utf8) == other)

        // The framework's own file, its list of judgements emptied by hand, under the name a new
        // file would get.
        let emptied = "format: mupj-tracking/1\nframework: Shortcut\nvo: EXAMPLE\njudgements:\n"
        try FileManager.default.removeItem(at: directory.appendingPathComponent("b.yml"))
        try emptied.write(to: directory.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        let refused = try judge(Self.channels)
        #expect(refused.status == 1)
        #expect(
            refused.stderr == "reviews/tracking/a.yaml:4:12: error: expected a list of judgements for 'judgements', "
                + "found nothing (an empty value)\nerror: invalid tracking file; nothing was added\n")
        #expect(try String(contentsOf: directory.appendingPathComponent("a.yaml"), encoding: .utf8) == emptied)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(files == ["a.yaml", "c.yaml"])
    }

    /// `--tracking` naming a directory, as the reports take it: the framework's file there, found
    /// or made as in `reviews/tracking`, and the same file for every later entry.
    @Test func judgeAndSignOffTakeADirectoryAsTheReportsDo() throws {
        let round = directory.appendingPathComponent("round").path
        let made = try judge(Self.retention, "confirmed", file: round + "/")
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stderr == "wrote \(round)/shortcut.yaml\n")
        try FileManager.default.moveItem(atPath: round + "/shortcut.yaml", toPath: round + "/mine.yaml")
        let again = try judge(Self.channels, "mitigated", file: round)
        #expect(again.stderr == "updated \(round)/mine.yaml\n")
        let signed = try TestSupport.mupj([
            "sign-off", "--framework", Self.shortcut, "--tracking", round, "--recommend", "do-not-recommend", "--by",
            "E. Reviewer", "--organisation", "EGEE", "--date", "2009-02-09",
        ])
        #expect(signed.stderr == "updated \(round)/mine.yaml\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: round) == ["mine.yaml"])
        let review = try TestSupport.mupj(["review", Self.shortcut, "--tracking", round, "--format", "json"])
        #expect(review.stdout.components(separatedBy: "\"judgement\": {").count == 3)
        #expect(review.stdout.contains("\"name\": \"E. Reviewer\""))
    }

    /// Two frameworks of one name in different VOs: the second file made in `reviews/tracking` is
    /// named after the framework and its VO, and a name taken by another framework's file is never
    /// written to.
    @Test func aNewTrackingFileNeverTakesTheNameOfAnotherFrameworksFile() throws {
        let project = try Self.project()
        let description = try String(
            contentsOf: TestSupport.packageRoot.appendingPathComponent(Self.shortcut), encoding: .utf8)
        #expect(description.contains("\n  vo: EXAMPLE\n"))
        try description.replacingOccurrences(of: "\n  vo: EXAMPLE\n", with: "\n  vo: Other VO\n")
            .write(to: project.appendingPathComponent("other.yaml"), atomically: true, encoding: .utf8)
        func judge(_ framework: String) throws -> TestSupport.Run {
            // The finding of the same rule and subject in the other VO has another id.
            let id = try #require(
                try TestSupport.mupj(["review", framework, "--format", "json", "--fail-on", "never"], in: project)
                    .stdout.firstMatch(of: /"id": "([0-9a-f]{16})",\s*"rule": "VO-4\/retention"/)?.1)
            return try TestSupport.mupj(
                [
                    "judge", String(id), "--framework", framework, "--as", "confirmed", "--because", "Seen.",
                    "--by", "A. Reviewer", "--organisation", "EGEE", "--date", "2009-02-03",
                ], in: project)
        }
        #expect(try judge(Self.shortcut).stderr == "wrote reviews/tracking/shortcut.yaml\n")
        let second = try judge("other.yaml")
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stderr == "wrote reviews/tracking/shortcut-other-vo.yaml\n")
        let directory = project.appendingPathComponent("reviews/tracking")
        let made = try String(contentsOf: directory.appendingPathComponent("shortcut-other-vo.yaml"), encoding: .utf8)
        #expect(made.contains("framework: \"Shortcut\"\nvo: \"Other VO\"\n"))

        // Both names taken by other frameworks: refused, naming them.
        try FileManager.default.moveItem(
            at: directory.appendingPathComponent("shortcut-other-vo.yaml"),
            to: directory.appendingPathComponent("o.yaml"))
        try "format: mupj-tracking/1\nframework: Third\nvo: X\n".write(
            to: directory.appendingPathComponent("shortcut-other-vo.yaml"), atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: directory.appendingPathComponent("o.yaml"))
        let refused = try judge("other.yaml")
        #expect(refused.status == 2)
        #expect(
            refused.stderr == "reviews/tracking: error: reviews/tracking/shortcut.yaml and "
                + "reviews/tracking/shortcut-other-vo.yaml are taken by other frameworks' tracking files; name a new "
                + "file for Shortcut (Other VO) with --tracking; nothing was added\n")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(files == ["shortcut-other-vo.yaml", "shortcut.yaml"])
    }

    /// A file where the default directory should be is not passed over: the verdicts would be the
    /// findings' alone, with nothing to say why.
    @Test func aFileNamedAsTheDefaultDirectoryStopsEveryCommandThatReadsIt() throws {
        let project = try Self.project()
        try FileManager.default.createDirectory(
            at: project.appendingPathComponent("reviews"), withIntermediateDirectories: true)
        try "judgements: []\n".write(
            to: project.appendingPathComponent("reviews/tracking"), atomically: true, encoding: .utf8)
        let message =
            "reviews/tracking: error: is a regular file, not a directory of tracking files; name the tracking file or "
            + "directory with --tracking\n"
        for arguments in [
            ["review", Self.shortcut], ["summary", Self.shortcut],
            [
                "judge", Self.retention, "--framework", Self.shortcut, "--as", "confirmed", "--because", "Seen.",
                "--by",
                "A. Reviewer", "--organisation", "EGEE",
            ],
        ] {
            let run = try TestSupport.mupj(arguments, in: project)
            #expect(run.status == 2, "\(arguments)")
            #expect(run.stderr == message, "\(arguments)")
        }
        #expect(
            try TestSupport.mupj(["review", Self.shortcut, "--no-tracking", "--fail-on", "never"], in: project).status
                == 0)
    }

    /// `reviews/tracking` is read when it is there, without being named; the project ships none.
    @Test func theDefaultDirectoryIsReadWhenItExists() throws {
        let project = try Self.project()
        let before = try TestSupport.mupj(["summary", Self.shortcut], in: project)
        #expect(
            before.stdout.contains(
                "No judgement or sign-off was read for any framework: each verdict is pending sign-off, and is what the "
                    + "findings alone support."))
        try FileManager.default.createDirectory(
            at: project.appendingPathComponent("reviews/tracking"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: TestSupport.packageRoot.appendingPathComponent("reviews/examples/shortcut.yaml"),
            to: project.appendingPathComponent("reviews/tracking/shortcut.yaml"))
        let after = try TestSupport.mupj(["summary", Self.shortcut], in: project)
        #expect(after.status == 0, "\(after.stderr)")
        #expect(after.stdout.contains("| Shortcut (EXAMPLE) | **do not recommend** (signed) |"))
        let ignored = try TestSupport.mupj(["summary", Self.shortcut, "--no-tracking"], in: project)
        #expect(
            ignored.stdout.contains(
                "No judgement or sign-off was read for any framework: each verdict is pending sign-off, and is what the "
                    + "findings alone support."))
        #expect(!FileManager.default.fileExists(atPath: TestSupport.path("reviews/tracking")))
    }
}
