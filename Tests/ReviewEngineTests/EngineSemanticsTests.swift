import FrameworkModel
import PolicyCatalog
import ReviewEngine
import TestSupport
import Testing
import YAMLDocument

private func check(_ require: String, extra: String = "") -> String {
    "- id: c\n  title: C\n\(extra)  require: \(require)\n"
}

@Suite struct OperatorTests {
    @Test func equalsIsThreeValued() throws {
        let probe = try Probe(checks: check("{field: payload_execution.environment_cleaned, equals: true}"))
        #expect(try probe.status("payload_execution: {environment_cleaned: true}") == .satisfied)
        #expect(try probe.status("payload_execution: {environment_cleaned: false}") == .violated)
        #expect(try probe.status("payload_execution: {environment_cleaned: unknown}") == .needsInformation)
        #expect(try probe.status("payload_execution: {}") == .needsInformation)
        #expect(try probe.status("{}") == .needsInformation)
    }

    @Test func existsDistinguishesStatedFromSilent() throws {
        let probe = try Probe(checks: check("{field: traceability.site_access, exists: true}"))
        #expect(try probe.status("traceability: {site_access: on request}") == .satisfied)
        #expect(try probe.status("traceability: {site_access: unknown}") == .needsInformation)
        #expect(try probe.status("traceability: {}") == .needsInformation)
        let absent = try Probe(checks: check("{field: traceability.site_access, exists: false}"))
        #expect(try absent.status("traceability: {}") == .satisfied)
        #expect(try absent.status("traceability: {site_access: x}") == .violated)
        #expect(try absent.status("traceability: {site_access: unknown}") == .needsInformation)
        // Not the negation of `exists: true`, as docs/check-language.md's table says: a field left
        // out is a gap for the one and a fact for the other.
        let notStated = try Probe(checks: check("{not: {field: traceability.site_access, exists: true}}"))
        #expect(try notStated.status("traceability: {}") == .needsInformation)
        #expect(try notStated.status("traceability: {site_access: x}") == .violated)
    }

    @Test func oneOfAndNumericBounds() throws {
        let oneOf = try Probe(
            checks: check("{field: payload_execution.work_directory.owner, one_of: [payload-account, shared]}"))
        #expect(try oneOf.status("payload_execution: {work_directory: {owner: shared}}") == .satisfied)
        #expect(try oneOf.status("payload_execution: {work_directory: {owner: pilot-account}}") == .violated)
        let bounds = try Probe(
            checks: check(
                "{all: [{field: traceability.retention_days, at_least: 90}, {field: traceability.retention_days, at_most: 365}]}"
            ))
        #expect(try bounds.status("traceability: {retention_days: 90}") == .satisfied)
        #expect(try bounds.status("traceability: {retention_days: 89}") == .violated)
        #expect(try bounds.status("traceability: {retention_days: 366}") == .violated)
    }

    @Test func matchesSearchesTheText() throws {
        let probe = try Probe(checks: check("{field: ownership.pilot_role, matches: \"Role=pilot$\"}"))
        #expect(try probe.status("ownership: {pilot_role: /atlas/Role=pilot}") == .satisfied)
        #expect(try probe.status("ownership: {pilot_role: /atlas/Role=production}") == .violated)
    }

    /// A long value is searched whole; the search counts in the review's steps (16 instructions
    /// visited a step), and stops where the review passes its step limit.
    @Test func aLongValueIsSearchedWithinTheStepLimit() throws {
        let probe = try Probe(checks: check("{field: ownership.pilot_role, matches: \"Role=pilot$\"}"))
        let long = "/atlas" + String(repeating: "x", count: 100_000) + "/Role=pilot"
        #expect(try probe.status("ownership: {pilot_role: \(long)}") == .satisfied)
        #expect(try probe.status("ownership: {pilot_role: \(long)s}") == .violated)
        do {
            _ = try probe.evaluate(
                "ownership: {pilot_role: \(long)}", limits: ReviewLimits(maxFindings: 10, maxSteps: 5_000))
            Issue.record("a search of 100 000 characters fitted in 5 000 steps")
        } catch let error as ReviewLimitExceeded {
            #expect(error.limit == .steps)
        }
    }

    @Test func oneCompiledPatternServesManyDescriptions() throws {
        // A catalog's pattern is compiled once, when it is loaded, and searched in every
        // description: what one description matched must not decide the next.
        let probe = try Probe(checks: check("{field: ownership.pilot_role, matches: \"/Role=(?!NULL)[a-z]+\"}"))
        let roles = ["/atlas/Role=pilot", "/atlas/Role=NULL", "/cms/Role=pilot", "/cms"]
        let statuses = try roles.map {
            try probe.evaluate("ownership: {pilot_role: \"\($0)\"}").status
        }
        #expect(statuses == [.satisfied, .violated, .satisfied, .violated])
    }

    @Test func containsFamilies() throws {
        let all = try Probe(checks: check("{field: traceability.recorded_fields, contains_all: [user-dn, site]}"))
        #expect(try all.status("traceability: {recorded_fields: [site, user-dn, ce]}") == .satisfied)
        #expect(try all.status("traceability: {recorded_fields: [site]}") == .violated)
        #expect(try all.status("traceability: {recorded_fields: unknown}") == .needsInformation)
        let any = try Probe(checks: check("{field: traceability.recorded_fields, contains_any: [user-dn, user-fqan]}"))
        #expect(try any.status("traceability: {recorded_fields: [user-fqan]}") == .satisfied)
        #expect(try any.status("traceability: {recorded_fields: [site]}") == .violated)
        let one = try Probe(checks: check("{field: traceability.recorded_fields, contains: site}"))
        #expect(try one.status("traceability: {recorded_fields: []}") == .violated)
    }

    @Test func combinatorsFollowKleeneLogic() throws {
        let probe = try Probe(
            checks: check(
                "{any: [{field: payload_execution.environment_cleaned, equals: true}, {not: {field: payload_execution.in_batch_process_tree, equals: false}}]}"
            ))
        #expect(
            try probe.status("payload_execution: {environment_cleaned: false, in_batch_process_tree: true}")
                == .satisfied)
        #expect(
            try probe.status("payload_execution: {environment_cleaned: false, in_batch_process_tree: false}")
                == .violated)
        #expect(
            try probe.status("payload_execution: {environment_cleaned: unknown, in_batch_process_tree: false}")
                == .needsInformation)
        #expect(
            try probe.status("payload_execution: {environment_cleaned: true, in_batch_process_tree: unknown}")
                == .satisfied)
        let both = try Probe(
            checks: check(
                "{all: [{field: payload_execution.environment_cleaned, equals: true}, {field: payload_execution.in_batch_process_tree, equals: true}]}"
            ))
        // false and unknown is false: a known violation is not hidden by a gap.
        #expect(
            try both.status("payload_execution: {environment_cleaned: false, in_batch_process_tree: unknown}")
                == .violated)
    }
}

@Suite struct CheckShapeTests {
    @Test func whenDecidesApplicability() throws {
        let probe = try Probe(
            checks: check(
                "{field: payload_execution.identity_switching.mode, equals: setuid}",
                extra: "  when: {field: payload_execution.identity_switching.mechanism, equals: glexec}\n"))
        #expect(try probe.status("payload_execution: {identity_switching: {mechanism: none}}") == .notApplicable)
        #expect(try probe.status("payload_execution: {identity_switching: {mechanism: unknown}}") == .needsInformation)
        #expect(
            try probe.status("payload_execution: {identity_switching: {mechanism: glexec, mode: logging-only}}")
                == .violated)
    }

    @Test func forEachGivesOneFindingPerSelectedElement() throws {
        let probe = try Probe(
            checks: check(
                "{field: authentication, equals: mutual}",
                extra: "  for_each: channels\n  where: {field: carries, contains: user-credentials}\n"))
        let result = try probe.evaluate(
            """
            components: [{id: a}, {id: b}]
            channels:
              - {id: one, from: a, to: b, authentication: mutual, carries: [user-credentials]}
              - {id: two, from: a, to: b, authentication: none, carries: [user-credentials]}
              - {id: three, from: a, to: b, authentication: none, carries: [status]}
              - {id: four, from: a, to: b, authentication: none, carries: unknown}
            """)
        #expect(result.findings.map(\.subject) == ["channels[one]", "channels[two]", "channels[four]"])
        #expect(result.findings.map(\.status) == [.satisfied, .violated, .needsInformation])
        #expect(result.status == .violated)
    }

    /// The engine settles first whether an element is selected at all, stopping at the first test
    /// that decides it; only a selected element is then evaluated in full. The selection must be
    /// the one Kleene's logic gives over every test, in any order and under `not`.
    @Test func whereSelectsByKleeneLogicWhateverTheOrderOfItsTests() throws {
        let channels = """
            components: [{id: a}, {id: b}]
            channels:
              - {id: f-u, from: a, to: b, authentication: none, carries: [status], encrypted: unknown}
              - {id: u-f, from: a, to: b, authentication: none, carries: unknown, encrypted: false}
              - {id: u-t, from: a, to: b, authentication: none, carries: unknown, encrypted: true}
              - {id: t-t, from: a, to: b, authentication: none, carries: [user-credentials], encrypted: true}
              - {id: t-f, from: a, to: b, authentication: none, carries: [user-credentials], encrypted: false}
            """
        let carries = "{field: carries, contains: user-credentials}"
        let encrypted = "{field: encrypted, equals: true}"
        func findings(where condition: String) throws -> [String] {
            let probe = try Probe(
                checks: check(
                    "{field: authentication, equals: mutual}", extra: "  for_each: channels\n  where: \(condition)\n"))
            return try probe.evaluate(channels).findings.map { "\($0.subject ?? "-") \($0.status.rawValue)" }
        }
        // all: false whenever one test is false, even beside an unknown one.
        let both = ["channels[u-t] needs-information", "channels[t-t] violated"]
        #expect(try findings(where: "{all: [\(carries), \(encrypted)]}") == both)
        #expect(try findings(where: "{all: [\(encrypted), \(carries)]}") == both)
        // any: true whenever one test is true, even beside an unknown one.
        let either = [
            "channels[f-u] needs-information", "channels[u-f] needs-information", "channels[u-t] violated",
            "channels[t-t] violated", "channels[t-f] violated",
        ]
        #expect(try findings(where: "{any: [\(carries), \(encrypted)]}") == either)
        #expect(try findings(where: "{any: [\(encrypted), \(carries)]}") == either)
        // not: an element whose inner condition is false is selected, and one that is unknown too.
        #expect(
            try findings(where: "{not: {all: [\(carries), \(encrypted)]}}") == [
                "channels[f-u] violated", "channels[u-f] violated", "channels[u-t] needs-information",
                "channels[t-f] violated",
            ])
    }

    @Test func noSelectedElementIsNotApplicableUnlessExpected() throws {
        let optional = try Probe(checks: check("{field: encrypted, equals: true}", extra: "  for_each: channels\n"))
        #expect(try optional.status("{}") == .notApplicable)
        let required = try Probe(
            checks: check("{field: encrypted, equals: true}", extra: "  for_each: channels\n  expect_some: true\n"))
        #expect(try required.status("{}") == .violated)
    }

    @Test func pathsFollowReferencesAndDerivedFields() throws {
        let probe = try Probe(
            checks: check(
                "{not: {field: readable_by, contains: payload-account}}",
                extra: "  for_each: credentials\n  where: {field: held_by.zone, contains: worker-node}\n"))
        let result = try probe.evaluate(
            """
            components:
              - {id: pilot, zone: worker-node, holds: [p]}
              - {id: server, zone: central, holds: [s]}
            credentials:
              - {id: p, readable_by: [pilot-account, payload-account]}
              - {id: s, readable_by: [payload-account]}
            """)
        #expect(result.findings.map(\.subject) == ["credentials[p]"])
        #expect(result.status == .violated)
        let evidencePaths = result.findings[0].evidence.map(\.path)
        #expect(evidencePaths.contains("components[pilot].zone"))
        #expect(evidencePaths.contains("credentials[p].readable_by"))
    }

    /// `held_by` reaches each component that lists the credential once, in the components' order,
    /// however many times the component lists it; a credential no component holds reaches nothing.
    @Test func derivedFieldsReachEachReferrerOnceInOrder() throws {
        let probe = try Probe(checks: check("{field: held_by.zone, exists: true}", extra: "  for_each: credentials\n"))
        let result = try probe.evaluate(
            """
            components:
              - {id: c, zone: central, holds: [p, p]}
              - {id: b, zone: central, holds: [s]}
              - {id: a, zone: worker-node, holds: [s, p]}
            credentials:
              - {id: p}
              - {id: s}
              - {id: q}
            """)
        let reached = result.findings.map { $0.trace.flatMap(\.reached).map(\.path) }
        #expect(
            reached == [
                ["components[c].zone", "components[a].zone"], ["components[b].zone", "components[a].zone"], [],
            ])
        #expect(result.findings.map(\.status) == [.satisfied, .satisfied, .violated])
    }

    /// The same when a component's list is long, where the repeats are found through a set rather
    /// than by reading the list's earlier items (which made a component holding thousands of
    /// credentials quadratic).
    @Test func derivedFieldsReachEachReferrerOnceFromALongList() throws {
        let probe = try Probe(checks: check("{field: held_by.zone, exists: true}", extra: "  for_each: credentials\n"))
        let many = (0..<20).map { "x\($0)" }
        let result = try probe.evaluate(
            """
            components:
              - {id: c, zone: central, holds: [\((many + ["p", "x3", "p", "s"]).joined(separator: ", "))]}
              - {id: a, zone: worker-node, holds: [\((["s"] + many + ["p", "s"]).joined(separator: ", "))]}
            credentials:
            \((many + ["p", "s"]).map { "  - {id: \($0)}" }.joined(separator: "\n"))
            """)
        let both = ["components[c].zone", "components[a].zone"]
        for finding in result.findings {
            #expect(finding.trace.flatMap(\.reached).map(\.path) == both, "\(finding.subject ?? "")")
        }
        #expect(result.findings.count == 22)
    }

    @Test func clauseAggregatesViolatedOverOpenOverSatisfied() throws {
        let probe = try Probe(
            checks: check("{field: payload_execution.environment_cleaned, equals: true}")
                + check("{field: payload_execution.in_batch_process_tree, equals: true}").replacingOccurrences(
                    of: "id: c", with: "id: d"))
        #expect(
            try probe.status("payload_execution: {environment_cleaned: true, in_batch_process_tree: true}")
                == .satisfied)
        #expect(
            try probe.status("payload_execution: {environment_cleaned: unknown, in_batch_process_tree: true}")
                == .needsInformation)
        #expect(
            try probe.status("payload_execution: {environment_cleaned: unknown, in_batch_process_tree: false}")
                == .violated)
        #expect(Status.aggregate([Status.notApplicable, .notApplicable]) == .notApplicable)
        #expect(Status.aggregate([Status.notApplicable, .satisfied]) == .satisfied)
    }
}

@Suite struct FindingTests {
    let probe: Probe

    init() throws {
        probe = try Probe(checks: check("{field: payload_execution.environment_cleaned, equals: true}"))
    }

    @Test func messageSaysExpectedAndFound() throws {
        let finding = try #require(
            try probe.evaluate("payload_execution:\n  environment_cleaned: false\n").findings.first)
        #expect(finding.message == "expected `payload_execution.environment_cleaned` is true, found false (line 2).")
        #expect(finding.recommendation == "Fix it.")
        #expect(finding.severity == .high)
    }

    /// An `any` is said to hold for none of its parts only when each was found false; with one
    /// not known, none can be shown to hold.
    @Test func anAlternativeNotKnownIsNotSaidToFail() throws {
        let either = try Probe(
            checks: check(
                "{any: [{field: payload_execution.environment_cleaned, equals: true}, "
                    + "{field: payload_execution.payloads_per_slot, at_most: 1}]}"))
        let unknown = try #require(
            try either.evaluate("payload_execution:\n  environment_cleaned: false\n  payloads_per_slot: unknown\n")
                .findings.first)
        #expect(unknown.status == .needsInformation)
        #expect(unknown.message.hasPrefix("none of these can be shown to hold: "), "\(unknown.message)")
        let both = try #require(
            try either.evaluate("payload_execution:\n  environment_cleaned: false\n  payloads_per_slot: 2\n")
                .findings.first)
        #expect(both.status == .violated)
        #expect(both.message.hasPrefix("none of these holds: "), "\(both.message)")
    }

    @Test func aMessageNamesAtMostSixOfTheValuesReached() throws {
        let many = try Probe(checks: check("{field: components.zone, equals: central}"))
        let components = (1...9).map { "{id: c\($0), zone: site-edge}" }.joined(separator: ", ")
        let finding = try #require(try many.evaluate("components: [\(components)]").findings.first)
        #expect(finding.status == .violated)
        let six = [String](repeating: "site-edge (line 1)", count: 6).joined(separator: ", ")
        #expect(finding.message.hasSuffix("found \(six), …."))
        #expect(finding.message.components(separatedBy: "site-edge").count - 1 == 6)
        // The evidence and the trace still hold every value reached.
        #expect(finding.evidence.count == 9)
        #expect(finding.trace.first?.reached.count == 9)
    }

    /// Two tests that reach the same places cite each place once, with few places and with many
    /// (past sixteen, the places kept are looked up in a set instead of scanned).
    @Test func eachPlaceIsCitedOnce() throws {
        let probe = try Probe(
            checks: check(
                "{all: [{field: components.zone, equals: central}, {field: components.zone, one_of: [central]}]}"))
        for count in [3, 16, 17, 40] {
            let components = (1...count).map { "{id: c\($0), zone: site-edge}" }.joined(separator: ", ")
            let finding = try #require(try probe.evaluate("components: [\(components)]").findings.first)
            #expect(finding.trace.map(\.reached.count) == [count, count])
            #expect(finding.evidence.count == count, "\(count) components")
            #expect(finding.evidence.map(\.path) == (1...count).map { "components[c\($0)].zone" })
        }
    }

    @Test func evidencePointsAtTheFact() throws {
        let finding = try #require(
            try probe.evaluate("# comment\nformat: mupj/1\npayload_execution:\n  environment_cleaned: false\n").findings
                .first)
        let evidence = try #require(finding.evidence.first)
        #expect(evidence.file == "f.yaml")
        #expect(evidence.path == "payload_execution.environment_cleaned")
        #expect(evidence.range.start == SourceLocation(line: 4, column: 24, offset: 67))
        #expect(evidence.range.end == SourceLocation(line: 4, column: 29, offset: 72))
        #expect(evidence.value == "false" && evidence.state == .stated)
    }

    /// A path stops where the description stops: at an object it says it does not know, or at
    /// the first field it does not state; the evidence names that place, not the whole path.
    @Test func evidenceStopsWhereThePathStops() throws {
        let probe = try Probe(
            checks: check("{field: payload_execution.identity_switching.mechanism, equals: glexec}"))
        let unknown = try #require(
            try probe.evaluate("payload_execution:\n  identity_switching: unknown\n").findings.first)
        #expect(unknown.status == .needsInformation)
        #expect(unknown.evidence.map(\.path) == ["payload_execution.identity_switching"])
        #expect(unknown.evidence.first?.state == .unknown)
        #expect(unknown.evidence.first?.range.start == SourceLocation(line: 2, column: 23, offset: 41))

        let absent = try #require(
            try probe.evaluate("payload_execution:\n  environment_cleaned: true\n").findings.first)
        #expect(absent.status == .needsInformation)
        #expect(absent.evidence.map(\.path) == ["payload_execution.identity_switching"])
        #expect(absent.evidence.first?.state == .absent)
        // Where the missing field belongs: the mapping that would hold it.
        #expect(absent.evidence.first?.range.start == SourceLocation(line: 2, column: 3, offset: 21))
        #expect(absent.message.contains("not stated at payload_execution.identity_switching (line 2)"))

        let stated = try #require(
            try probe.evaluate("payload_execution:\n  identity_switching: {mechanism: none}\n").findings.first)
        #expect(stated.status == .violated)
        #expect(stated.evidence.map(\.path) == ["payload_execution.identity_switching.mechanism"])
    }

    @Test func unknownEvidenceCarriesTheReasonAndSource() throws {
        let finding = try #require(
            try probe.evaluate(
                "payload_execution:\n  environment_cleaned: {unknown: not in the docs, source: \"guide §3\"}\n"
            ).findings.first)
        #expect(finding.status == .needsInformation)
        #expect(finding.evidence.first?.reason == "not in the docs")
        #expect(finding.evidence.first?.sources == ["guide §3"])
        #expect(finding.message.contains("unknown at line 2 (not in the docs)"))
    }

    @Test func fingerprintsSurviveUnrelatedEdits() throws {
        let before = try probe.evaluate("payload_execution:\n  environment_cleaned: false\n")
        let after = try probe.evaluate(
            "# a new comment\n\ntraceability: {retention_days: 10}\npayload_execution:\n  environment_cleaned: false\n")
        #expect(before.findings.map(\.id) == after.findings.map(\.id))
        #expect(before.findings[0].evidence[0].range.start.line != after.findings[0].evidence[0].range.start.line)
        #expect(before.findings[0].id.count == 16)
    }

    @Test func fingerprintsDifferBySubject() throws {
        let probe = try Probe(checks: check("{field: encrypted, equals: true}", extra: "  for_each: channels\n"))
        let result = try probe.evaluate(
            "components: [{id: a}]\nchannels:\n  - {id: x, from: a, to: a, encrypted: true}\n  - {id: y, from: a, to: a, encrypted: true}\n"
        )
        #expect(Set(result.findings.map(\.id)).count == 2)
    }
}

@Suite struct PartialListTests {
    @Test func aMissingItemOfAPartialListIsAGapNotAViolation() throws {
        let probe = try Probe(checks: check("{field: traceability.recorded_fields, contains_all: [user-dn, site]}"))
        #expect(
            try probe.status("traceability: {recorded_fields: {partial: true, value: [site]}}") == .needsInformation)
        #expect(
            try probe.status("traceability: {recorded_fields: {partial: true, value: [site, user-dn]}}") == .satisfied)
        #expect(try probe.status("traceability: {recorded_fields: [site]}") == .violated)
        let absent = try Probe(checks: check("{not: {field: traceability.recorded_fields, contains: user-dn}}"))
        #expect(
            try absent.status("traceability: {recorded_fields: {partial: true, value: [site]}}") == .needsInformation)
    }

    /// A partial list on the way is its items and a gap: what the written items do not show is
    /// unknown, what they show is decided.
    @Test func aPartialListOnTheWayIsAGapForTheItemsNotWritten() throws {
        let probe = try Probe(checks: check("{field: framework.contacts.role, contains: security}"))
        let partial = "framework: {contacts: {partial: true, value: [{name: a, role: %@}]}}"
        #expect(try probe.status(partial.replacingOccurrences(of: "%@", with: "operations")) == .needsInformation)
        #expect(try probe.status(partial.replacingOccurrences(of: "%@", with: "security")) == .satisfied)
        #expect(try probe.status("framework: {contacts: [{name: a, role: operations}]}") == .violated)
        // "Every contact is …": a written item that fails decides; otherwise the gap leaves it open.
        let every = try Probe(checks: check("{field: framework.contacts.role, equals: security}"))
        #expect(try every.status(partial.replacingOccurrences(of: "%@", with: "operations")) == .violated)
        #expect(try every.status(partial.replacingOccurrences(of: "%@", with: "security")) == .needsInformation)
    }

    /// A partial collection that selects no written element may hold one it does not write.
    @Test func aPartialCollectionThatSelectsNothingIsAQuestion() throws {
        let required = try Probe(
            checks: check("{field: encrypted, equals: true}", extra: "  for_each: channels\n  expect_some: true\n"))
        let result = try required.evaluate("channels: {partial: true, value: []}")
        #expect(result.status == .needsInformation)
        #expect(
            result.findings.map(\.message) == [
                "No element of channels, but the list is partial: an element not written may be."
            ])
        #expect(try required.status("channels: []") == .violated)
    }
}

/// A component whose `holds` is unknown or partial may hold any credential: through `held_by` it is
/// a possible place, which can leave a test undecided but never decides one. `holds: unknown` once
/// made the pilot's proxy held by nobody, and a critical violation read as not applicable.
@Suite struct PossibleHoldersTests {
    let probe: Probe

    init() throws {
        probe = try Probe(
            checks: check(
                "{not: {field: readable_by, contains: payload-account}}",
                extra: "  for_each: credentials\n  where: {field: held_by.zone, contains: worker-node}\n"))
    }

    func status(holds: String, server: String = "[]") throws -> (Status, [String]) {
        let result = try probe.evaluate(
            """
            components:
              - {id: server, zone: central, holds: \(server)}
              - {id: pilot, zone: worker-node, holds: \(holds)}
            credentials:
              - {id: p, readable_by: [pilot-account, payload-account]}
            """)
        return (result.status, result.findings.map(\.message))
    }

    @Test func anUnknownOrPartialHoldingLeavesTheQuestionOpen() throws {
        #expect(try status(holds: "[p]").0 == .violated)
        // A partial list that names it holds it for sure.
        #expect(try status(holds: "{partial: true, value: [p]}").0 == .violated)
        for holds in ["unknown", "{partial: true, value: []}"] {
            let (found, messages) = try status(holds: holds)
            #expect(found == .needsInformation, "\(holds)")
            #expect(
                messages.first?.hasPrefix(
                    "Cannot tell whether this element is concerned (cannot tell whether `held_by.zone` includes "
                        + "worker-node: possibly worker-node (line 3)); if it is: expected `readable_by` does not include "
                        + "payload-account") == true, "\(messages)")
        }
    }

    /// A possible holder that could not change the answer is left aside: the server is central.
    @Test func aPossibleHolderThatCannotChangeTheAnswerIsLeftAside() throws {
        #expect(try status(holds: "[p]", server: "unknown").0 == .violated)
        #expect(try status(holds: "[]", server: "unknown").0 == .notApplicable)
        let result = try probe.evaluate(
            """
            components:
              - {id: server, zone: central, holds: unknown}
              - {id: pilot, zone: worker-node, holds: [p]}
            credentials:
              - {id: p, readable_by: [payload-account]}
            """)
        let trace = result.findings[0]
        #expect(!trace.evidence.map(\.path).contains("components[server].zone"))
        #expect(trace.trace.flatMap(\.reached).filter(\.possible).map(\.path) == ["components[server].zone"])
    }

    /// Only possible places: there may be none (false) or only passing ones, so unknown.
    @Test func onlyPossiblePlacesAreUnknown() throws {
        let anywhere = try Probe(
            checks: check("{field: held_by.zone, one_of: [central]}", extra: "  for_each: credentials\n"))
        let result = try anywhere.evaluate(
            "components: [{id: server, zone: central, holds: unknown}]\ncredentials: [{id: p}]")
        #expect(result.status == .needsInformation)
    }
}

/// A test that reaches more places than `Observation.listedPlaces` lists that many, those that
/// decide first, in the order reached, and counts the rest; the evidence cites the listed ones.
@Suite struct ListedPlacesTests {
    /// The finding of `require` on a credential held by `count` components, all central but the one
    /// at `odd`, which is on the worker node.
    static func finding(_ require: String, heldBy count: Int, odd: Int) throws -> Finding {
        let probe = try Probe(checks: check(require, extra: "  for_each: credentials\n"))
        let components = (0..<count).map { i in
            "  - {id: c\(i), zone: \(i == odd ? "worker-node" : "central"), holds: [p]}"
        }
        let text = (["components:"] + components + ["credentials:", "  - {id: p}"]).joined(separator: "\n")
        return try #require(try probe.evaluate(text).findings.first)
    }

    @Test func theValueThatFailsIsListedAmongTheFirstHundred() throws {
        let finding = try Self.finding("{field: held_by.zone, one_of: [central]}", heldBy: 150, odd: 120)
        #expect(finding.status == .violated)
        let observation = try #require(finding.trace.first)
        #expect(observation.reached.count == Observation.listedPlaces)
        #expect(observation.unlisted == 50)
        #expect(finding.unlistedPlaces == 50)
        let paths = observation.reached.map(\.path)
        // The deciding place, then the first 99 others, in the order reached.
        #expect(paths == (0..<99).map { "components[c\($0)].zone" } + ["components[c120].zone"])
        #expect(finding.evidence.map(\.path) == paths)
    }

    @Test func aContainsThatHoldsListsTheValueItFound() throws {
        let finding = try Self.finding("{field: held_by.zone, contains: worker-node}", heldBy: 150, odd: 130)
        #expect(finding.status == .satisfied)
        #expect(finding.trace.first?.reached.map(\.path).contains("components[c130].zone") == true)
        #expect(finding.unlistedPlaces == 50)
    }

    /// The message names at most six places: those that decide first, then the others.
    @Test func theMessageNamesTheFailingValueFirst() throws {
        let finding = try Self.finding("{field: held_by.zone, one_of: [central]}", heldBy: 10, odd: 7)
        #expect(
            finding.message.hasPrefix(
                "expected `held_by.zone` is one of central, found worker-node (line 9), central (line 2), "))
        #expect(finding.message.hasSuffix(", …."))
    }

    @Test func aTestWithinTheLimitListsEveryPlace() throws {
        let finding = try Self.finding("{field: held_by.zone, one_of: [central]}", heldBy: 100, odd: 99)
        #expect(finding.trace.first?.reached.count == 100)
        #expect(finding.unlistedPlaces == 0)
    }
}
