import ReviewRecords
import Testing
import YAMLDocument

/// Records are matched to frameworks by name and VO, case-insensitively, and by nothing else: a
/// key joined with U+001F made two frameworks one wherever a name held that character.
@Suite struct FrameworkMatchingTests {
    @Test func trackingFilesOfFrameworksWhoseNamesJoinAlikeAreTwo() throws {
        let first = try #require(loadTracking("framework: \"x\\x1Fy\"\nvo: z\n").file)
        let second = try #require(loadTracking("framework: x\nvo: \"y\\x1Fz\"\n").file)
        let (set, diagnostics) = TrackingSet.make([first, second])
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(set.file(framework: "x\u{1F}y", vo: "z")?.vo == "z")
        #expect(set.file(framework: "x", vo: "y\u{1F}z")?.framework == "x")
        // Case still does not make two frameworks.
        let upper = try #require(loadTracking("framework: PanDA\nvo: ATLAS\n").file)
        let lower = try #require(loadTracking("framework: panda\nvo: atlas\n").file)
        #expect(TrackingSet.make([upper, lower]).diagnostics.count == 1)
    }

    /// Two entries of one day must agree when the tracker would read them as one, and only then.
    @Test func statusEntriesConflictAsTheTrackerMatchesThem() {
        let outcome = loadStatus(
            """
            batch_system_tests:
              - {batch_system: LSF, site: unknown, date: 2009-01-01, result: pass, source: s}
              - {batch_system: LSF, site: an unknown site, date: 2009-01-01, result: fail, source: s}
              - {batch_system: LSF, site: "", date: 2009-01-01, result: fail, source: s}
            framework_reviews:
              - {framework: "x\\x1Fy", vo: z, outcome: positive, date: 2009-02-01, reviewers: unknown, source: s}
              - {framework: x, vo: "y\\x1Fz", outcome: negative, date: 2009-02-01, reviewers: unknown, source: s}

            """)
        #expect(
            outcome.diagnostics.map(\.description) == [
                "s.yaml:5:5: error: this test of LSF at an unknown site on 2009-01-01 says fail, but the entry at "
                    + "line 3 says pass for the same day; keep one, or date them apart"
            ])
    }
}
