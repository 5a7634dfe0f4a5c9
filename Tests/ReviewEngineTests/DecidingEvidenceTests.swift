import PolicyCatalog
import ReviewEngine
import TestSupport
import Testing

/// A finding cites the tests that decided it: every part of an `all` that holds or an `any` that
/// fails, and otherwise the parts with the condition's own truth. The trace keeps every test.
@Suite struct DecidingEvidenceTests {
    static let probe = Result {
        try Probe(
            checks: """
                - id: dir
                  title: Private directory
                  require:
                    all:
                      - {field: payload_execution.work_directory.per_payload, equals: true}
                      - {field: payload_execution.work_directory.owner, equals: payload-account}
                      - {field: payload_execution.work_directory.mode, matches: "^0[0-7]00$"}
                - id: short
                  title: Limited or short
                  for_each: credentials
                  require:
                    any:
                      - {field: delegation, equals: limited}
                      - {field: lifetime_hours, at_most: 24}
                - id: neither
                  title: Not a full long proxy
                  for_each: credentials
                  require:
                    not:
                      any:
                        - {field: delegation, equals: full}
                        - {field: lifetime_hours, at_least: 100}
                """)
    }

    func cited(_ fragment: String, _ check: String) throws -> (Finding, [String]) {
        let result = try Self.probe.get().evaluate(fragment)
        let finding = try #require(result.findings.first { $0.checkID == check })
        return (finding, finding.evidence.map(\.path))
    }

    @Test func aFailedAllCitesTheFailedPartsAndAHeldOneEveryPart() throws {
        let bad = try cited(
            """
            payload_execution:
              work_directory: {per_payload: true, owner: payload-account, mode: "0777"}
            """, "dir")
        #expect(bad.0.status == .violated)
        #expect(bad.1 == ["payload_execution.work_directory.mode"])
        #expect(bad.0.trace.count == 3)
        let good = try cited(
            """
            payload_execution:
              work_directory: {per_payload: true, owner: payload-account, mode: "0700"}
            """, "dir")
        #expect(good.0.status == .satisfied && good.1.count == 3)
        let open = try cited(
            """
            payload_execution:
              work_directory: {per_payload: true, owner: unknown, mode: "0700"}
            """, "dir")
        #expect(open.0.status == .needsInformation)
        #expect(open.1 == ["payload_execution.work_directory.owner"])
    }

    @Test func anAnyThatHoldsCitesWhatHeldAndAFailedOneEveryPart() throws {
        let limited = try cited("credentials:\n  - {id: p, delegation: limited, lifetime_hours: 120}", "short")
        #expect(limited.0.status == .satisfied)
        #expect(limited.1 == ["credentials[p].delegation"])
        let full = try cited("credentials:\n  - {id: p, delegation: full, lifetime_hours: 120}", "short")
        #expect(full.0.status == .violated)
        #expect(full.1 == ["credentials[p].delegation", "credentials[p].lifetime_hours"])
        let gap = try cited("credentials:\n  - {id: p, delegation: full, lifetime_hours: unknown}", "short")
        #expect(gap.0.status == .needsInformation)
        #expect(gap.1 == ["credentials[p].lifetime_hours"])
    }

    /// Under `not`, the inner condition's own truth decides what it rests on.
    @Test func aNegationRestsOnWhatDecidedItsInside() throws {
        let fine = try cited("credentials:\n  - {id: p, delegation: limited, lifetime_hours: 12}", "neither")
        #expect(fine.0.status == .satisfied)
        #expect(fine.1 == ["credentials[p].delegation", "credentials[p].lifetime_hours"])
        let long = try cited("credentials:\n  - {id: p, delegation: limited, lifetime_hours: 720}", "neither")
        #expect(long.0.status == .violated)
        #expect(long.1 == ["credentials[p].lifetime_hours"])
    }
}
