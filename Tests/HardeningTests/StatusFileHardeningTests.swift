import Corpora
import Foundation
import TestSupport
import Testing

/// Long status files, one per kind of entry, through the built `mupj status`. The status on a day
/// reads every entry once; the history reads the status on every date, so its work grows with the
/// square of the file, and it stops at `--max-history-entries` with a located error.
@Suite struct StatusFileHardeningTests {
    struct Kind: Sendable, CustomTestStringConvertible {
        var kind: HostileStatusFile.Kind
        var testDescription: String { kind.section }
    }

    static let kinds = HostileStatusFile.kinds.map(Kind.init)

    static func file(_ kind: Kind, count: Int) throws -> String {
        try Hostile.file(Array(HostileStatusFile.text(kind.kind, count: count).utf8), name: "status.yaml")
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
        let frameworks = try #require(Self.kinds.first { $0.kind.section == "framework_reviews" })
        let path = try Self.file(frameworks, count: 1_000)
        let run = try TestSupport.mupj(["status", "--status-file", path, "--history", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr.prefix(300))")
        let json = try #require(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let changes = try #require(json["changes"] as? [[String: Any]])
        // A new framework on every date changes PRE-2's summary on every date; then PRE-5 becomes a
        // condition on the day the MB added it.
        #expect(changes.count == 1_001)
        #expect(changes.first?["date"] as? String == HostileStatusFile.day(0))
        #expect(changes[999]["date"] as? String == HostileStatusFile.day(999))
        #expect(changes.last?["date"] as? String == "2009-11-24")
    }
}

/// The history lists every prerequisite after each change: its output is the catalog times the
/// file's dates, bounded by `--max-history-statuses` (1 000 prerequisites over 1 000 dates gave
/// 90 MB of text in 7.7 s).
@Suite struct HistoryStatusesLimitTests {
    static func files(prerequisites: Int, entries: Int) throws -> (catalog: String, status: String) {
        let reviews = HostileStatusFile.kind("glexec_reviews")
        return (
            try Hostile.file(Array(HostileStatusFile.prerequisiteCatalog(count: prerequisites).utf8), name: "cat.yaml"),
            try Hostile.file(Array(HostileStatusFile.text(reviews, count: entries).utf8), name: "status.yaml")
        )
    }

    @Test func aLargeCatalogOverALongFileIsRefusedAtTheEntryPastTheLimit() throws {
        let (catalog, status) = try Self.files(prerequisites: 1_000, entries: 1_000)
        let run = try TestSupport.mupj(["status", "--checklist", catalog, "--status-file", status, "--history"])
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        // 100 000 statuses over 1 000 prerequisites is 100 entries; entry 101 is on line 103.
        #expect(
            run.stderr
                == "\(status):103:5: error: entry 101 of 1000: with 1000 prerequisites, --history reads at most 100 "
                + "entries, as it lists every prerequisite after each change (at most 100000 statuses; raise the limit "
                + "with --max-history-statuses)\n")
        let day = try TestSupport.mupj(["status", "--checklist", catalog, "--status-file", status])
        #expect(day.status == 0, "\(day.stderr.prefix(300))")
    }

    @Test func theLimitIsTheProductOfPrerequisitesAndEntries() throws {
        let (catalog, status) = try Self.files(prerequisites: 50, entries: 20)
        let arguments = ["status", "--checklist", catalog, "--status-file", status, "--history", "--format", "json"]
        let at = try TestSupport.mupj(arguments + ["--max-history-statuses", "1000"])
        #expect(at.status == 0, "\(at.stderr.prefix(300))")
        let json = try #require(JSONSerialization.jsonObject(with: Data(at.stdout.utf8)) as? [String: Any])
        let changes = try #require(json["changes"] as? [[String: Any]])
        #expect(changes.allSatisfy { ($0["prerequisites"] as? [Any])?.count == 50 })

        let past = try TestSupport.mupj(arguments + ["--max-history-statuses", "999"])
        #expect(past.status == 1)
        #expect(past.stdout.isEmpty)
        #expect(past.stderr.hasPrefix("\(status):22:5: error: entry 20 of 20: with 50 prerequisites, --history reads "))

        let zero = try TestSupport.mupj(arguments + ["--max-history-statuses", "0"])
        #expect(zero.status == 2)
        #expect(zero.stderr.hasPrefix("Error: --max-history-statuses must be at least 1, got 0\n"))
    }

    /// The entry limit still applies where it is the lower of the two.
    @Test func theLowerLimitIsTheOneNamed() throws {
        let (catalog, status) = try Self.files(prerequisites: 2, entries: 20)
        let run = try TestSupport.mupj([
            "status", "--checklist", catalog, "--status-file", status, "--history", "--max-history-entries", "10",
            "--max-history-statuses", "30",
        ])
        #expect(run.status == 1)
        #expect(
            run.stderr.hasPrefix(
                "\(status):13:5: error: entry 11 of 20: --history reads at most 10 entries, as its time grows"),
            "\(run.stderr.prefix(300))")
    }
}
