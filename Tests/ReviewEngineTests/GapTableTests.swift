import PolicyCatalog
import ReviewEngine
import TestSupport
import Testing

/// A check never passes on a gap: every operator, as written, under `not` and under `not not`,
/// on a fact that is unknown, not stated, under a missing object, in a partial list or on the way
/// through one, through an unknown reference, through a possible holder, and through `$.` from
/// inside an element, is undecided, except where every possible outcome gives the same answer.
@Suite struct GapTableTests {
    struct Case: CustomStringConvertible {
        var require: String
        var forEach: String?
        var fragment: String
        var expected: Status
        var description: String { "\(require) on \(fragment)" }
    }

    static let execution = "payload_execution"

    static var cases: [Case] {
        let pe = execution
        var cases: [Case] = []
        func undecided(_ tests: [String], on fragments: [String], negations: Int = 2, forEach: String? = nil) {
            for test in tests {
                for fragment in fragments {
                    var written = test
                    for _ in 0...negations {
                        cases.append(
                            Case(require: written, forEach: forEach, fragment: fragment, expected: .needsInformation))
                        written = "{not: \(written)}"
                    }
                }
            }
        }
        undecided(
            [
                "{field: \(pe).environment_cleaned, equals: true}",
                "{field: \(pe).work_directory.owner, one_of: [payload-account, shared]}",
                "{field: \(pe).payloads_per_slot, at_least: 1}", "{field: \(pe).payloads_per_slot, at_most: 4}",
                "{field: ownership.pilot_role, matches: \"pilot\"}",
            ],
            on: [
                "{}", "\(pe): {}", "ownership: {}",
                "\(pe): {environment_cleaned: unknown, payloads_per_slot: unknown, work_directory: unknown}",
                "\(pe): {work_directory: {owner: unknown}}", "ownership: {pilot_role: unknown}",
            ])
        undecided(
            [
                "{field: traceability.recorded_fields, contains: site}",
                "{field: traceability.recorded_fields, contains_all: [site, user-dn]}",
                "{field: traceability.recorded_fields, contains_any: [site, user-dn]}",
            ],
            on: [
                "traceability: {recorded_fields: unknown}", "traceability: {}",
                "traceability: {recorded_fields: {partial: true, value: [ce]}}",
            ], negations: 1)
        let contacts = "framework: {contacts: {partial: true, value: [{name: a, role: security, email: a@x}]}}"
        undecided(
            [
                "{field: framework.contacts.email, matches: \"@x$\"}",
                "{field: framework.contacts.role, equals: security}",
                "{field: framework.contacts.role, one_of: [security]}",
                "{field: framework.contacts.email, exists: true}",
                "{not: {field: framework.contacts.role, contains: operations}}",
                "{not: {field: framework.contacts.role, contains_any: [operations]}}",
            ], on: [contacts], negations: 0)
        undecided(
            [
                "{field: \(pe).identity_switching.credential.identity, equals: payload-user}",
                "{not: {field: \(pe).identity_switching.credential.identity, equals: pilot-owner}}",
                "{field: \(pe).identity_switching.credential.delegation, exists: false}",
            ],
            on: ["\(pe): {identity_switching: {mechanism: glexec, credential: unknown}}\ncredentials: [{id: p}]"],
            negations: 0)
        let possible = """
            components:
              - {id: w, zone: worker-node, holds: [p]}
              - {id: s, zone: central, holds: {partial: true, value: []}}
            credentials: [{id: p}]
            """
        undecided(
            [
                "{field: held_by.zone, equals: worker-node}", "{field: held_by.zone, one_of: [worker-node, user]}",
                "{not: {field: held_by.zone, contains: central}}",
                "{not: {field: held_by.zone, contains_any: [central, user]}}",
            ], on: [possible], negations: 0, forEach: "credentials")
        undecided(
            [
                "{field: $.\(pe).environment_cleaned, equals: true}",
                "{not: {field: $.\(pe).environment_cleaned, equals: false}}",
            ],
            on: ["credentials: [{id: p}]\n\(pe): {environment_cleaned: unknown}"], negations: 0, forEach: "credentials")
        // Decided on what is written, rightly: the written address is stated, and fails "every
        // address ends in @y"; no holder, possible or not, states who operates it.
        cases.append(
            Case(require: "{field: framework.contacts.email, exists: false}", fragment: contacts, expected: .violated))
        cases.append(
            Case(
                require: "{not: {field: framework.contacts.email, matches: \"@y$\"}}", fragment: contacts,
                expected: .satisfied))
        cases.append(
            Case(
                require: "{field: held_by.operated_by, exists: false}", forEach: "credentials", fragment: possible,
                expected: .satisfied))
        return cases
    }

    @Test func noCheckPassesOnAGap() throws {
        let all = Self.cases
        #expect(all.count >= 120)
        for item in all {
            let forEach = item.forEach.map { "\n  for_each: \($0)" } ?? ""
            let probe = try Probe(checks: "- id: c\n  title: C\(forEach)\n  require: \(item.require)")
            let result = try probe.evaluate(item.fragment)
            #expect(result.status == item.expected, "\(item): \(result.findings.map(\.message))")
            for finding in result.findings where finding.status.isOpen {
                #expect(
                    finding.message.hasPrefix("expected") || finding.message.hasPrefix("cannot tell")
                        || finding.message.hasPrefix("none of these"), "\(item): \(finding.message)")
                let cited = Set(finding.evidence.map(\.range.start.line))
                let named = finding.message.matches(of: /line (\d+)/).compactMap { Int($0.output.1) }
                #expect(Set(named).isSubset(of: cited), "\(item): \(finding.message)")
            }
        }
    }
}
