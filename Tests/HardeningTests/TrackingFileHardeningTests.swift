import Corpora
import Foundation
import TestSupport
import Testing

/// Long tracking files through the built `mupj review --tracking`, as the benchmark times them:
/// what each run says must stay readable however many entries the file holds.
@Suite struct TrackingFileHardeningTests {
    let description: String
    let count = HostileTrackingFile.entries

    init() throws {
        description = try Hostile.file(Array(HostileTrackingFile.description.utf8), name: "tracked.yaml")
    }

    func review(_ tracking: String, _ format: String = "text") throws -> TestSupport.Run {
        try TestSupport.mupj([
            "review", description, "--tracking", tracking, "--format", format, "--fail-on", "never",
        ])
    }

    /// Judgements of findings no review makes: 500 located warnings, then one note for the rest.
    @Test func judgementsOfNoFindingAreWarnedOfUpToACapThenCounted() throws {
        let path = try Hostile.file(Array(HostileTrackingFile.judgements(count: count).utf8), name: "t.yaml")
        let run = try review(path, "json")
        #expect(run.status == 0)
        let lines = run.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 501)
        #expect(
            lines.first
                == "\(path):5:5: warning: no finding of ExamplePilot (EXAMPLE) has the id \(HostileTrackingFile.id(0)): "
                + "the judgement is ignored (the check or its subject may have been removed; the ids are in the reports)"
        )
        #expect(lines[499].hasPrefix("\(path):504:5: warning: no finding of ExamplePilot (EXAMPLE) has the id "))
        #expect(
            lines.last
                == "\(path): note: \(count - 500) more judgements of ExamplePilot (EXAMPLE) apply to no open finding "
                + "as written; not listed")
        // The template has no open finding, so nothing needs judging; nobody has signed.
        let report = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let framework = (report?["frameworks"] as? [[String: Any]])?.first
        let missing = (framework?["verdict"] as? [String: Any])?["sign_off_missing"] as? [String]
        #expect(missing == ["no reviewer from EGEE or OSG has signed this description"])
    }

    /// Thousands of sign-offs that disagree: the verdict line names six and counts the rest.
    @Test func manySignOffsAreCountedNotAllNamed() throws {
        let path = try Hostile.file(Array(HostileTrackingFile.signOffs(count: count).utf8), name: "t.yaml")
        let run = try review(path)
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty)
        let verdict = try #require(run.stdout.split(separator: "\n").first { $0.hasPrefix("  verdict: ") })
        let named = (0..<6).map {
            "r\($0) (\($0 % 2 == 0 ? "OSG" : "EGEE")) signed \($0 % 2 == 0 ? "" : "do not ")recommend"
        }
        #expect(verdict.contains("the sign-offs disagree: " + named.joined(separator: ", ") + " and \(count - 6) more"))
        #expect(verdict.utf8.count < 1_000)
        let summary = try TestSupport.mupj(["summary", description, "--tracking", path])
        #expect(summary.status == 0)
        #expect(summary.stdout.utf8.count < 10_000, "\(summary.stdout.utf8.count) bytes")
    }

    /// A finding judged again at the end of a long file: refused where it is judged again.
    @Test func aFindingJudgedTwiceFarApartIsRefusedAtTheRepeat() throws {
        let text = HostileTrackingFile.judgements(count: count, repeatedAt: count - 1)
        let path = try Hostile.file(Array(text.utf8), name: "t.yaml")
        let run = try review(path)
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        #expect(
            run.stderr
                == "\(path):\(count + 4):15: error: duplicate judgement id '\(HostileTrackingFile.id(0))'; it was "
                + "first defined at line 5, column 15\nerror: invalid tracking file; no review was made\n")
    }
}
