import DocumentSchema
import Foundation
import FrameworkModel
import Reports
import ReviewEngine
import TestSupport
import Testing
import YAMLDocument

/// A fact's `notes:` are the describer's caveats on it ("this is the VO's own statement"): every
/// format that gives a fact's sources gives its notes beside them, so that a reviewer weighs a
/// satisfied finding with what its own description says it rests on.
@Suite struct FactNotesTests {
    static let statement = "This is the VO's own statement"

    @Test func everyFormatGivesAFactsNotesWithItsSources() throws {
        let context = try Inputs.context([try Inputs.file("frameworks/panda.yaml")])
        let finding = try #require(
            context.result.frameworks[0].findings.first { $0.ruleID == "MUPJ-3/membership-checked" })
        #expect(finding.status == .satisfied)
        let cited = try #require(finding.evidence.first { $0.path == "payload_admission.vo_membership_checked" })
        #expect(cited.notes?.hasPrefix(Self.statement) == true)

        #expect(MarkdownReport.render(context).contains("(overview); note: \(Self.statement)"))
        #expect(HTMLReport.render(context).contains("<span class=\"meta\">Note: This is the VO&#39;s own statement"))
        let evidence =
            try Inputs.jsonFinding(JSONReport.render(context), id: finding.id)["evidence"] as? [[String: Any]] ?? []
        #expect(evidence.compactMap { $0["notes"] as? String } == [cited.notes])
    }

    /// Block-style notes, notes on an unknown fact and on a list are kept; a fact without notes
    /// has none; a note longer than a value's display is cut as values are.
    @Test func notesAreKeptWhateverTheFactAndCutAsValuesAre() throws {
        let long = String(repeating: "n", count: 1_500)
        let text = """
            payload_execution:
              identity_switching:
                mechanism:
                  value: glexec
                  notes: >-
                    Only where the site
                    installed it.
                mode: {unknown: "Not documented.", notes: "The site's choice."}
                used_at: {value: every-site, notes: "\(long)"}
                credential: {value: proxy}
            credentials:
              - {id: proxy, identity: payload-user, readable_by: {partial: true, value: [pilot-account], notes: "Seen in one log."}}
            """
        let loaded = DescriptionLoader.load(SourceFile(path: "notes.yaml", bytes: Array(text.utf8)), mode: .fragment)
        let description = try #require(loaded.description, "\(loaded.diagnostics)")
        func value(_ path: [String]) throws -> DocumentSchema.Value {
            var value = description.root
            for name in path { value = try #require(value.object?[name]) }
            return value
        }
        let switching = ["payload_execution", "identity_switching"]
        #expect(try value(switching + ["mechanism"]).notes == "Only where the site installed it.")
        #expect(try value(switching + ["mode"]).notes == "The site's choice.")
        #expect(try value(switching + ["mode"]).isUnknown)
        #expect(try value(switching + ["credential"]).notes == nil)
        #expect(try value(switching + ["credential"]).annotations == nil)
        #expect(try value(switching + ["used_at"]).notes?.utf8.count == 1_500)
        let proxy = try #require(try value(["credentials"]).list?.first?.object?["readable_by"])
        #expect(proxy.notes == "Seen in one log." && proxy.partial)

        let review = try Engine.review(description, catalogs: try TestSupport.shippedCatalogs())
        let evidence = review.findings.flatMap(\.evidence)
        let usedAt = try #require(evidence.first { $0.path == "payload_execution.identity_switching.used_at" })
        #expect(usedAt.notes == DocumentSchema.Value.shown(long))
        #expect(usedAt.notes!.utf8.count < 1_100)
        #expect(
            evidence.first { $0.path == "payload_execution.identity_switching.mode" }?.notes == "The site's choice.")
    }
}
