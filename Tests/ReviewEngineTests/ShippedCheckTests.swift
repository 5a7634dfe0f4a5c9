import FrameworkModel
import PolicyCatalog
import ReviewEngine
import TestSupport
import Testing
import YAMLDocument

/// Checks whose status a clause's examples cannot show, because another check of the clause
/// decides the clause first, pinned on the shipped descriptions they were changed for.
@Suite struct ShippedCheckTests {
    /// The statuses of the checks of `rule`'s clause in the review of `file`, by rule.
    func statuses(_ file: String) throws -> [String: [Status]] {
        let source = try SourceFile.read(TestSupport.path(file), maxBytes: 1 << 24)
        let description = try #require(DescriptionLoader.load(source).description)
        let review = try Engine.review(description, catalogs: try TestSupport.shippedCatalogs())
        return Dictionary(grouping: review.findings, by: \.ruleID).mapValues { $0.map(\.status) }
    }

    /// DIRAC runs a refused payload as the pilot (dirac.yaml, on_exit_code 203) and states no
    /// retry: the refusal is not reported, and "not retried" is no merit, so that check does not
    /// apply rather than pass.
    @Test func aPayloadRunAsThePilotIsNeitherReportedNorCountedAsNotRetried() throws {
        let dirac = try statuses("frameworks/dirac.yaml")
        #expect(dirac["MUPJ-6/no-fallback-on-refusal"] == [.violated])
        #expect(dirac["MUPJ-6/refusal-reported"] == [.violated])
        #expect(dirac["MUPJ-6/no-retry-at-site"] == [.notApplicable])
        // The fictional Shortcut states a retry as well: it is still reported.
        let shortcut = try statuses("frameworks/examples/common-mistakes.yaml")
        #expect(shortcut["MUPJ-6/no-retry-at-site"] == [.violated])
    }

    /// Leaving every `holds` out of a description cannot make a violation pass: each component
    /// may then hold each credential, so whether a proxy other payloads can read is on a worker
    /// node is a question, and so is the violation there.
    @Test func componentsThatDoNotSayWhatTheyHoldLeaveAProxyOpen() throws {
        let source = try SourceFile.read(
            TestSupport.path("frameworks/examples/common-mistakes.yaml"), maxBytes: 1 << 24)
        let text = String(decoding: source.bytes, as: UTF8.self).split(
            separator: "\n", omittingEmptySubsequences: false
        )
        .filter { !$0.hasPrefix("    holds:") }.joined(separator: "\n")
        let description = try #require(
            DescriptionLoader.load(SourceFile(path: "no-holds.yaml", bytes: Array(text.utf8))).description)
        let review = try Engine.review(description, catalogs: try TestSupport.shippedCatalogs())
        let private_ = review.findings.filter { $0.ruleID == "MUPJ-8/user-proxies-private" }
        #expect(private_.count == 3)
        #expect(private_.filter { $0.status != .satisfied }.map(\.subject) == ["credentials[payload-proxy]"])
        let payload = try #require(private_.first { $0.subject == "credentials[payload-proxy]" })
        #expect(payload.status == .needsInformation)
        #expect(payload.message.hasPrefix("Cannot tell whether this element is concerned"))
        // With the components' `holds` written, it is violated.
        let written = try Engine.review(
            try #require(DescriptionLoader.load(source).description), catalogs: try TestSupport.shippedCatalogs())
        #expect(
            written.findings.first { $0.ruleID == "MUPJ-8/user-proxies-private" && $0.subject == payload.subject }?
                .status == .violated)
    }

    /// The user proxies the checks of clauses 8 and 9 look at are those on worker nodes: DIRAC's
    /// desktop proxy, the proxy it stores and its long-lived MyProxy credential are not among them.
    @Test func onlyProxiesOnWorkerNodesAreChecked() throws {
        let dirac = try statuses("frameworks/dirac.yaml")
        #expect(dirac["MUPJ-8/user-proxies-private"]?.count == 1)
        #expect(dirac["MUPJ-9/limited-user-proxies"]?.count == 1)
    }

    /// A payload run under the pilot's account reads what that account reads. DIRAC runs a payload
    /// as the pilot when gLExec fails (on_exit_code 201-203), glideinWMS and PanDA switch only where
    /// the VO configures it: the user proxies their pilot's account reads are open to payloads.
    @Test func aProxyThePilotReadsIsOpenWherePayloadsRunAsThePilot() throws {
        #expect(try statuses("frameworks/dirac.yaml")["MUPJ-8/user-proxies-private"] == [.violated])
        #expect(try statuses("frameworks/glideinwms.yaml")["MUPJ-8/user-proxies-private"] == [.violated])
        #expect(try statuses("frameworks/panda.yaml")["MUPJ-8/user-proxies-private"] == [.violated, .violated])
    }
}
