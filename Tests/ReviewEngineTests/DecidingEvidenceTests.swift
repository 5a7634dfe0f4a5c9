import FrameworkModel
import PolicyCatalog
import ReviewEngine
import TestSupport
import Testing
import YAMLDocument

/// A finding cites the tests that decided it (`Observation.decides`): a condition that holds rests
/// on every part of an `all` and the alternatives that hold of an `any`; one that fails or cannot
/// be decided on every part that does not hold, as its message names them, and of such a part that
/// fails as an `all`, on its false parts alone. The trace keeps every test.
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
                - id: not-both
                  title: Not both full and long
                  for_each: credentials
                  require:
                    not:
                      all:
                        - {field: delegation, equals: full}
                        - {field: lifetime_hours, at_least: 100}
                - id: twice
                  title: Limited or short, twice negated
                  for_each: credentials
                  require:
                    not:
                      not:
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
                - id: private-or-switched
                  title: Private, or no payload runs as the pilot
                  for_each: credentials
                  require:
                    any:
                      - not: {field: readable_by, contains: pilot-account}
                      - all:
                          - {field: $.payload_execution.identity_switching.mechanism, equals: glexec}
                          - {field: $.payload_execution.identity_switching.mode, equals: setuid}
                - id: stated-and-not-both
                  title: Delegation stated, and not both full and long
                  for_each: credentials
                  require:
                    all:
                      - {field: delegation, exists: true}
                      - not:
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

    /// What the message names is what the evidence cites: every line a finding's message names
    /// is the line of a place it cites, in every finding of the shipped descriptions.
    @Test func theMessageNamesOnlyWhatTheEvidenceCites() throws {
        let catalogs = try TestSupport.shippedCatalogs()
        var checked = 0
        for file in ["alien", "dirac", "glideinwms", "panda", "examples/common-mistakes"] {
            let source = try SourceFile.read(TestSupport.path("frameworks/\(file).yaml"), maxBytes: 1 << 24)
            let description = try #require(DescriptionLoader.load(source).description)
            for finding in try Engine.review(description, catalogs: catalogs).findings where finding.status.isOpen {
                let cited = Set(finding.evidence.map(\.range.start.line))
                let named = finding.message.matches(of: /line (\d+)/).compactMap { Int($0.output.1) }
                #expect(Set(named).isSubset(of: cited), "\(file) \(finding.ruleID): \(finding.message)")
                checked += named.count
            }
        }
        #expect(checked > 100)
    }

    /// A place reached only possibly (through a component whose `holds` is unknown) is named in
    /// the message only where it left the test undecided, as the evidence cites it.
    @Test func aPossiblePlaceIsNamedOnlyWhereItIsCited() throws {
        let probe = try Probe(
            checks: """
                - id: held
                  title: Held on a worker node
                  for_each: credentials
                  require: {field: held_by.zone, contains: worker-node}
                """)
        let result = try probe.evaluate(
            """
            components:
              - {id: desk, zone: user, holds: [p]}
              - {id: server, zone: central, holds: unknown}
            credentials:
              - {id: p, identity: payload-user}
            """)
        let finding = try #require(result.findings.first)
        #expect(finding.status == .violated)
        #expect(!finding.message.contains("possibly"))
        let named = finding.message.matches(of: /line (\d+)/).compactMap { Int($0.output.1) }
        #expect(!named.isEmpty && Set(named).isSubset(of: Set(finding.evidence.map(\.range.start.line))))
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
        // Failed with a part not known: the message names both, and the evidence cites both.
        let both = try cited(
            """
            payload_execution:
              work_directory: {per_payload: unknown, owner: payload-account, mode: "0777"}
            """, "dir")
        #expect(both.0.status == .violated)
        #expect(both.1 == ["payload_execution.work_directory.per_payload", "payload_execution.work_directory.mode"])
        #expect(both.0.trace.map(\.decides) == [true, false, true])
    }

    @Test func anAnyThatHoldsCitesWhatHeldAndAFailedOneEveryPart() throws {
        let limited = try cited("credentials:\n  - {id: p, delegation: limited, lifetime_hours: 120}", "short")
        #expect(limited.0.status == .satisfied)
        #expect(limited.1 == ["credentials[p].delegation"])
        let full = try cited("credentials:\n  - {id: p, delegation: full, lifetime_hours: 120}", "short")
        #expect(full.0.status == .violated)
        #expect(full.1 == ["credentials[p].delegation", "credentials[p].lifetime_hours"])
        // Undecided: the alternative found false is why the other one matters, and is cited too.
        let gap = try cited("credentials:\n  - {id: p, delegation: full, lifetime_hours: unknown}", "short")
        #expect(gap.0.status == .needsInformation)
        #expect(gap.1 == ["credentials[p].delegation", "credentials[p].lifetime_hours"])
    }

    /// A part of a larger condition that fails as an `all` fails by its false parts: with no gLExec,
    /// the switch's mode is not why "no payload runs as the pilot" fails, and is neither named nor
    /// cited. Where no part is false, the parts not known are what leave it open.
    @Test func aFailedAllWithinAConditionRestsOnItsFalseParts() throws {
        let credential = "credentials:\n  - {id: p, readable_by: [pilot-account]}\n"
        let none = try cited(
            credential + "payload_execution:\n  identity_switching: {mechanism: none, mode: unknown}",
            "private-or-switched")
        #expect(none.0.status == .violated)
        #expect(none.1 == ["credentials[p].readable_by", "payload_execution.identity_switching.mechanism"])
        #expect(!none.0.message.contains("mode"))
        #expect(none.0.trace.map(\.decides) == [true, true, false])
        let open = try cited(
            credential + "payload_execution:\n  identity_switching: {mechanism: glexec, mode: unknown}",
            "private-or-switched")
        #expect(open.0.status == .needsInformation)
        #expect(open.1 == ["credentials[p].readable_by", "payload_execution.identity_switching.mode"])
        #expect(open.0.message.contains("`$.payload_execution.identity_switching.mode` is setuid"))
        // Under `not`, an `any` reads as an `all` of negations: a full proxy fails it, whatever its
        // lifetime, which is not known; a limited one of unknown lifetime is left open by that.
        let full = try cited(
            "credentials:\n  - {id: p, delegation: full, lifetime_hours: unknown}", "stated-and-not-both")
        #expect(full.0.status == .violated)
        #expect(full.1 == ["credentials[p].delegation"])
        #expect(!full.0.message.contains("lifetime_hours"))
        let limited = try cited(
            "credentials:\n  - {id: p, delegation: limited, lifetime_hours: unknown}", "stated-and-not-both")
        #expect(limited.0.status == .needsInformation)
        #expect(limited.1 == ["credentials[p].lifetime_hours"])
    }

    /// Two tests of one unknown place quote its reason once; another place's reason is its own.
    @Test func aReasonIsQuotedOncePerMessage() throws {
        let probe = try Probe(
            checks: """
                - id: few
                  title: A few owners
                  require:
                    all:
                      - {field: ownership.owner_count, at_least: 1}
                      - {field: ownership.owner_count, at_most: 10}
                      - {field: ownership.pilot_role_exclusive, equals: true}
                """)
        let result = try probe.evaluate(
            """
            ownership:
              owner_count: {unknown: Not published}
              pilot_role_exclusive: {unknown: Not documented}
            """)
        let finding = try #require(result.findings.first)
        #expect(finding.status == .needsInformation)
        #expect(finding.message.components(separatedBy: "Not published").count == 2)
        #expect(finding.message.contains("is at most 10: unknown at line 2 (as above)"))
        #expect(finding.message.contains("is true: unknown at line 3 (Not documented)"))
    }

    /// Under `not`, the inner condition's own truth decides what it rests on.
    @Test func aNegationRestsOnWhatDecidedItsInside() throws {
        let fine = try cited("credentials:\n  - {id: p, delegation: limited, lifetime_hours: 12}", "neither")
        #expect(fine.0.status == .satisfied)
        #expect(fine.1 == ["credentials[p].delegation", "credentials[p].lifetime_hours"])
        let long = try cited("credentials:\n  - {id: p, delegation: limited, lifetime_hours: 720}", "neither")
        #expect(long.0.status == .violated)
        #expect(long.1 == ["credentials[p].lifetime_hours"])
        // `not any` undecided (an `all` of negations): the part not known, not the one that holds.
        let open = try cited("credentials:\n  - {id: p, delegation: unknown, lifetime_hours: 12}", "neither")
        #expect(open.0.status == .needsInformation)
        #expect(open.1 == ["credentials[p].delegation"])
        // `not all` that holds (an `any` of negations): the part whose negation holds.
        let limited = try cited("credentials:\n  - {id: p, delegation: limited, lifetime_hours: 720}", "not-both")
        #expect(limited.0.status == .satisfied)
        #expect(limited.1 == ["credentials[p].delegation"])
        // `not not any` reads as the `any`: the alternative that held.
        let short = try cited("credentials:\n  - {id: p, delegation: full, lifetime_hours: 12}", "twice")
        #expect(short.0.status == .satisfied)
        #expect(short.1 == ["credentials[p].lifetime_hours"])
    }
}
