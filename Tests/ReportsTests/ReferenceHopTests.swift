import DocumentSchema
import Foundation
import PolicyCatalog
import ReviewEngine
import TestSupport
import Testing

@testable import Reports

/// A path that follows a reference (`….credential.identity`) rests on the reference as much as on
/// the place it leads to: the finding cites both, the reference first, with its own sources and
/// notes, and the trace names it ("via"), without the reference counting in the test.
@Suite struct ReferenceHopTests {
    @Test func theReferenceFollowedIsCitedBeforeWhatItLeadsTo() throws {
        let probe = try Probe(
            checks: """
                - id: c
                  title: C
                  require: {field: payload_execution.identity_switching.credential.identity, equals: payload-user}
                """)
        let result = try probe.evaluate(
            """
            payload_execution:
              identity_switching: {credential: {value: p, source: "the wrapper", notes: "Read in rev. 2."}}
            credentials:
              - {id: p, identity: payload-user}
            """)
        let finding = try #require(result.findings.first)
        #expect(finding.status == .satisfied)
        #expect(
            finding.evidence.map(\.path) == [
                "payload_execution.identity_switching.credential", "credentials[p].identity",
            ])
        let reference = finding.evidence[0]
        #expect(reference.value == "p" && reference.sources == ["the wrapper"] && reference.notes == "Read in rev. 2.")
        let observation = try #require(finding.trace.first)
        #expect(observation.via.map(\.path) == ["payload_execution.identity_switching.credential"])
        #expect(observation.reached.map(\.path) == ["credentials[p].identity"])

        let explained = Explanation.trace(result, file: "f.yaml")
        #expect(
            explained.contains(
                "        via payload_execution.identity_switching.credential = p  at f.yaml:2:"
                    + "44\n        credentials[p].identity = payload-user  at f.yaml:4:"), "\(explained)")
        var out = JSONWriter()
        JSONReport.observation(&out, observation)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(out.finish().utf8)) as? [String: Any])
        let via = try #require(json["via"] as? [[String: Any]])
        #expect(via.map { $0["path"] as? String } == ["payload_execution.identity_switching.credential"])
        #expect(via.map { $0["value"] as? String } == ["p"])
    }

    /// A list of references is cited as the list, and a path with no reference on the way has
    /// none to cite.
    @Test func aListOfReferencesIsCitedAsWrittenAndAPlainPathHasNone() throws {
        let probe = try Probe(
            checks: """
                - id: c
                  title: C
                  for_each: components
                  require: {field: holds.identity, contains: payload-user}
                - id: d
                  title: D
                  require: {field: payload_execution.identity_switching.mechanism, equals: glexec}
                """)
        let result = try probe.evaluate(
            """
            components:
              - {id: pilot, holds: [p, q]}
            credentials:
              - {id: p, identity: payload-user}
              - {id: q, identity: pilot-owner}
            payload_execution:
              identity_switching: {mechanism: glexec}
            """)
        let held = try #require(result.findings.first { $0.checkID == "c" })
        #expect(held.trace.first?.via.map(\.path) == ["components[pilot].holds"])
        #expect(held.evidence.first?.value == "[p, q]")
        #expect(held.evidence.map(\.path).dropFirst() == ["credentials[p].identity", "credentials[q].identity"])
        let plain = try #require(result.findings.first { $0.checkID == "d" })
        #expect(plain.trace.allSatisfy { $0.via.isEmpty })
        // Found when the catalog is loaded, from the format: `holds` is a list of references.
        guard case .test(let test) = probe.clause.checks[0].require else { throw TestSupport.Failure("not a test") }
        #expect(test.path.references.map(\.description) == ["holds"])
    }
}
