import Foundation
import ReviewEngine
import Testing
import YAMLDocument

@testable import Reports

/// A fact's evidence lists its first ten citations and counts the others, in every format that
/// lists them: thousands of citations on a fact that thousands of findings quote wrote gigabytes.
@Suite struct SourcesCapTests {
    @Test func evidenceListsTenSourcesAndCountsTheRest() throws {
        let model = try Inputs.file("frameworks/examples/model-pilot.yaml")
        var text = String(decoding: model.bytes, as: UTF8.self)
        let sources = (1...25).map { "\"reference \($0)\"" }.joined(separator: ", ")
        text = text.replacingOccurrences(
            of: "  retention_days: 180", with: "  retention_days: {value: 180, source: [\(sources)]}")
        let context = try Inputs.context([SourceFile(path: "many-sources.yaml", bytes: Array(text.utf8))])
        let evidence = try #require(
            context.result.frameworks.first?.clauses.flatMap(\.findings).flatMap(\.evidence)
                .first { $0.path == "traceability.retention_days" })
        #expect(evidence.sources == (1...10).map { "reference \($0)" })
        #expect(evidence.unlistedSources == 15)

        let json = JSONReport.render(context)
        #expect(json.contains("\"reference 10\"\n") && !json.contains("\"reference 11\""))
        #expect(json.contains("\"unlisted_sources\": 15"))
        // (The quoted line of the file, which HTML shows, holds them all.)
        #expect(MarkdownReport.render(context).contains("reference 10; and 15 more sources, not listed\n"))
        #expect(HTMLReport.render(context).contains("reference 10; and 15 more sources, not listed</span>"))
    }
}
