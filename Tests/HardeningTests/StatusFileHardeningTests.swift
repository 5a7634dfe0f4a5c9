import Corpora
import Foundation
import TestSupport
import Testing

/// Long status files, one per kind of entry, through the built `mupj status`. The status on a day
/// reads every entry once; the history reads the status on every date, so its work grows with the
/// square of the file, and it stops at `--max-history-entries` with a located error.
@Suite struct StatusFileHardeningTests {
    struct Kind: Sendable, CustomTestStringConvertible {
        var section: String
        /// Entry `i` of `count`, dated `day(i)`.
        var entry: @Sendable (_ i: Int, _ count: Int) -> String
        var testDescription: String { section }
    }

    /// Day `i` from 1900-01-01, always later for a larger `i` (28-day months, for simplicity).
    static func day(_ i: Int) -> String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(1900 + i / 336)-\(two(i / 28 % 12 + 1))-\(two(i % 28 + 1))"
    }

    static func pick(_ words: [String], _ i: Int) -> String { words[i % words.count] }

    /// Each kind as a hostile writer would repeat it: a new organisation, site, framework or window
    /// for each entry where the format allows it, so that every day has more to read.
    static let kinds: [Kind] = [
        Kind(section: "glexec_reviews") { i, _ in
            "{by: \(pick(["EGEE", "OSG"], i)), outcome: \(pick(["positive", "negative", "pending"], i)), "
                + "date: \(day(i)), reference: r\(i), source: s}"
        },
        Kind(section: "batch_system_tests") { i, _ in
            "{batch_system: \(pick(["BQS", "PBS", "PBS Pro", "Condor", "LSF", "SGE"], i)), site: site\(i), "
                + "result: \(pick(["pass", "fail", "in-progress"], i)), date: \(day(i)), source: s}"
        },
        Kind(section: "authorization_service") { i, _ in
            "{product: \(pick(["LCAS/LCMAPS", "SCAS", "Argus", "GUMS"], i)), "
                + "state: \(pick(["in-development", "completed", "certified", "deployed"], i / 4)), "
                + "date: \(day(i)), source: s}"
        },
        Kind(section: "glexec_deployment") { i, _ in
            "{state: \(pick(["not-started", "in-progress", "done"], i)), date: \(day(i)), coverage: c\(i), source: s}"
        },
        Kind(section: "framework_reviews") { i, _ in
            "{framework: fw\(i), vo: vo\(i), outcome: \(pick(["positive", "negative", "pending"], i)), "
                + "date: \(day(i)), reviewers: unknown, source: s}"
        },
        Kind(section: "mb_decisions") { i, _ in
            "{date: \(day(i)), summary: m\(i), source: s, policy_in_effect: \(i % 2 == 0), "
                + "assessment: [{prerequisite: PRE-\(i % 5 + 1), status: met}]}"
        },
        Kind(section: "exception_windows") { i, count in
            "{id: w\(i), from: \(day(i)), to: \(day(i + count)), suspends: [identity-switching], conditions: [c], "
                + "decision: d, source: s}"
        },
    ]

    static func file(_ kind: Kind, count: Int) throws -> String {
        let lines = ["format: mupj-status/1", "\(kind.section):"] + (0..<count).map { "  - " + kind.entry($0, count) }
        return try Hostile.file(Array((lines.joined(separator: "\n") + "\n").utf8), name: "status.yaml")
    }

    @Test(arguments: kinds)
    func aLongFileIsReadForADayAndRefusedForTheHistory(kind: Kind) throws {
        let path = try Self.file(kind, count: 5_000)
        let day = try TestSupport.mupj(["status", "--status-file", path])
        #expect(day.status == 0, "\(day.stderr.prefix(300))")
        #expect(day.stdout.hasPrefix("MB prerequisites for multi-user pilot jobs, as of "))

        let history = try TestSupport.mupj(["status", "--status-file", path, "--history"])
        #expect(history.status == 1)
        #expect(history.stdout.isEmpty)
        // Entry 1001 is on line 1003 (after the format line and the section's key).
        #expect(
            history.stderr.hasPrefix("\(path):1003:5: error: entry 1001 of 5000: --history reads at most 1000 entries"),
            "\(history.stderr.prefix(300))")
    }

    /// At the limit, the kind whose every date adds a framework still gives its whole history.
    @Test func aFileAtTheLimitGivesItsHistory() throws {
        let frameworks = try #require(Self.kinds.first { $0.section == "framework_reviews" })
        let path = try Self.file(frameworks, count: 1_000)
        let run = try TestSupport.mupj(["status", "--status-file", path, "--history", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr.prefix(300))")
        let json = try #require(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let changes = try #require(json["changes"] as? [[String: Any]])
        // A new framework on every date changes PRE-2's summary on every date.
        #expect(changes.count == 1_000)
        #expect(changes.first?["date"] as? String == Self.day(0))
        #expect(changes.last?["date"] as? String == Self.day(999))
    }
}
