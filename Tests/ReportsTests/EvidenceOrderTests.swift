import Foundation
import Reports
import ReviewEngine
import TestSupport
import Testing

/// A finding's evidence starts with what decided it, the places its requirement reached; the
/// guard's places (`when`, `where`) follow, and the reports written for reading say what each is
/// there for.
@Suite struct EvidenceOrderTests {
    @Test func theRequirementsPlacesComeFirstAndTheGuardsAreMarked() throws {
        let context = try Inputs.context([try Inputs.file("frameworks/dirac.yaml")])
        let findings = context.result.frameworks[0].findings
        let refusal = try #require(findings.first { $0.ruleID == "MUPJ-6/no-fallback-on-refusal" })
        #expect(
            refusal.evidence.map(\.path) == [
                "payload_execution.identity_switching.on_exit_code.203",
                "payload_execution.identity_switching.mechanism",
            ])
        #expect(refusal.evidence.map(\.phase) == [.require, .when])
        let proxy = try #require(findings.first { $0.ruleID == "MUPJ-8/pilot-proxy-out-of-reach" })
        #expect(proxy.evidence.first?.path == "credentials[pilot-proxy].readable_by")
        #expect(proxy.evidence.contains { $0.phase == .where && $0.path.hasSuffix(".zone") })
        #expect(proxy.evidence.drop { $0.phase == .require }.allSatisfy { $0.phase != .require })

        // The trace keeps the test that did not decide, marked: DIRAC's payload proxy is limited,
        // so its 120-hour lifetime is traced, not cited.
        let limited = try #require(
            findings.first { $0.ruleID == "MUPJ-9/limited-user-proxies" && $0.status == .satisfied })
        #expect(
            limited.evidence.filter { $0.phase == .require }.map(\.path) == ["credentials[payload-proxy].delegation"])
        #expect(limited.trace.filter { $0.phase == .require }.map(\.decides) == [true, false])
        let traced =
            try Inputs.jsonFinding(JSONReport.render(context), id: limited.id)["trace"] as? [[String: Any]] ?? []
        #expect(traced.filter { $0["phase"] as? String == "require" }.map { $0["decides"] as? Bool } == [nil, false])

        let markdown = MarkdownReport.render(context)
        let html = HTMLReport.render(context)
        for text in [markdown, html] {
            #expect(
                text.contains("glexec` (whether the check applies)")
                    || text.contains("glexec</code> (whether the check applies)"))
            #expect(
                text.contains("worker-node` (whether this element is checked)")
                    || text.contains("worker-node</code> (whether this element is checked)"))
        }
        // The refusal finding's own lines: the deciding one is not marked, the guard is.
        let section = try #require(markdown.components(separatedBy: "finding id `\(refusal.id)`").dropFirst().first)
        let lines = section.components(separatedBy: "\n").prefix(5)
        #expect(lines.contains { $0.contains("on_exit_code.203`: stated `run-as-pilot`;") })
        #expect(lines.contains { $0.contains("mechanism`: stated `glexec` (whether the check applies);") })
    }
}
