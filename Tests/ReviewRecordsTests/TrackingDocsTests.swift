import DocumentSchema
import Foundation
import ReviewRecords
import TestSupport
import Testing
import YAMLDocument

/// docs/tracking.md is what reviewers copy from: its field reference must be the generated one,
/// and its example must load.
@Suite struct TrackingDocsTests {
    let text: String

    init() throws {
        text = try String(contentsOfFile: TestSupport.path("docs/tracking.md"), encoding: .utf8)
    }

    @Test func referenceIsCurrent() throws {
        #expect(
            try TestSupport.generatedReference(in: "docs/tracking.md") == MarkdownReference.render(TrackingFormat.root),
            "docs/tracking.md is stale: regenerate the reference with `mupj schema --of tracking --format markdown`")
    }

    @Test func theExampleLoads() throws {
        let block = try #require(
            text.components(separatedBy: "```yaml\n").dropFirst().first?
                .components(separatedBy: "```").first)
        let loaded = TrackingFileLoader.load(SourceFile(path: "docs/tracking.md", bytes: Array(block.utf8)))
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
        #expect(loaded.file?.judgements.count == 1)
        #expect(loaded.file?.signOffs.count == 1)
    }
}
