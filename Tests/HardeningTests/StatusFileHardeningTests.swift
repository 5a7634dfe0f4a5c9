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
        // A new framework on every date changes PRE-2's summary on every date.
        #expect(changes.count == 1_000)
        #expect(changes.first?["date"] as? String == HostileStatusFile.day(0))
        #expect(changes.last?["date"] as? String == HostileStatusFile.day(999))
    }
}
