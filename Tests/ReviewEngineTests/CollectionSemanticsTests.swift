import FrameworkModel
import PolicyCatalog
import ReviewEngine
import TestSupport
import Testing

/// A `for_each` answers for the elements it cannot see too: those a partial list leaves out, one
/// whose selection is not known, a component that does not say what it holds. None of them may
/// let a check pass, and a check that fails for want of an element cites what left the others out.
@Suite struct CollectionSemanticsTests {
    static let payloadChannels = """
        - id: c
          title: Payload channels are encrypted
          for_each: channels
          where: {field: carries, contains: payloads}
          expect_some: true
          require: {field: encrypted, equals: true}
        """

    /// `expect_some` asks that an element is selected: one that may be, and is as required, does
    /// not show that there is one.
    @Test func expectSomeIsNotMetByAnElementNotKnownToBeSelected() throws {
        let probe = try Probe(checks: Self.payloadChannels)
        let channel =
            "components: [{id: a}, {id: b}]\nchannels: [{id: c, from: a, to: b, carries: CARRIES, encrypted: true}]"
        #expect(try probe.status(channel.replacing("CARRIES", with: "[logs]")) == .violated)
        #expect(try probe.status(channel.replacing("CARRIES", with: "[payloads]")) == .satisfied)
        let maybe = try probe.evaluate(channel.replacing("CARRIES", with: "unknown"))
        #expect(maybe.status == .needsInformation)
        #expect(maybe.findings.map(\.status) == [.satisfied, .needsInformation])
        #expect(
            maybe.findings.last?.message
                == "No element of channels is known to be one where `carries` includes payloads; whether there is "
                + "one is not known.")
    }

    /// A partial list may hold elements it does not write, which may not be as required: its
    /// written elements alone do not satisfy the check, as the same question asked through a path
    /// is not satisfied either.
    @Test func aPartialCollectionIsNotSatisfiedByItsWrittenElements() throws {
        let fragment =
            "components: [{id: a}, {id: b}]\n"
            + "channels: {partial: true, value: [{id: c, from: a, to: b, encrypted: true}]}"
        let each = try Probe(
            checks: "- id: c\n  title: Every channel is encrypted\n  for_each: channels\n"
                + "  require: {field: encrypted, equals: true}")
        let result = try each.evaluate(fragment)
        #expect(result.status == .needsInformation)
        #expect(result.findings.map(\.status) == [.satisfied, .needsInformation])
        #expect(
            result.findings.last?.message
                == "The list channels is partial: an element not written may not be as required.")
        let path = try Probe(
            checks: "- id: c\n  title: Every channel is encrypted\n  require: {field: channels.encrypted, equals: true}"
        )
        #expect(try path.status(fragment) == .needsInformation)
        // A written element that is not as required still decides.
        #expect(try each.status(fragment.replacing("encrypted: true", with: "encrypted: false")) == .violated)
    }

    /// No element selected: the finding cites what left each one out.
    @Test func aViolatedExpectSomeCitesWhatLeftEachElementOut() throws {
        let probe = try Probe(checks: Self.payloadChannels)
        let result = try probe.evaluate(
            "components: [{id: a}, {id: b}]\nchannels:\n  - {id: c, from: a, to: b, carries: [logs], encrypted: true}\n"
                + "  - {id: d, from: b, to: a, carries: [status], encrypted: false}")
        let finding = try #require(result.findings.first)
        #expect(finding.status == .violated)
        #expect(finding.message == "No element of channels where `carries` includes payloads.")
        #expect(finding.evidence.map(\.path) == ["channels[c].carries", "channels[d].carries"])
    }

    /// A component that does not say what it holds may hold any credential, as one whose `holds`
    /// is unknown; `holds: []` says it holds none.
    @Test func aComponentThatDoesNotSayWhatItHoldsMayHoldAny() throws {
        let probe = try Probe(
            checks: "- id: c\n  title: Not on a desk\n  for_each: credentials\n"
                + "  require: {not: {field: held_by.zone, contains: user}}")
        let fragment =
            "components:\n  - {id: server, zone: central, holds: [p]}\n  - {id: desk, zone: user, HOLDS}\n"
            + "credentials: [{id: p}]"
        #expect(try probe.status(fragment.replacing(", HOLDS", with: ", holds: unknown")) == .needsInformation)
        #expect(try probe.status(fragment.replacing(", HOLDS", with: "")) == .needsInformation)
        #expect(try probe.status(fragment.replacing(", HOLDS", with: ", holds: []")) == .satisfied)
    }
}
