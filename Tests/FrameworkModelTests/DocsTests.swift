import DocumentSchema
import Foundation
import FrameworkModel
import TestSupport
import Testing
import YAMLDocument

/// docs/format.md is documentation users copy from: its examples must validate and its field
/// reference must be the one the code generates.
@Suite struct FormatDocumentationTests {
    let text: String

    init() throws {
        text = try String(contentsOfFile: TestSupport.path("docs/format.md"), encoding: .utf8)
    }

    @Test func referenceIsCurrent() throws {
        #expect(
            try TestSupport.generatedReference(in: "docs/format.md") == MarkdownReference.render(FrameworkFormat.root),
            "docs/format.md is stale: regenerate the reference with `mupj schema --format markdown`")
    }

    @Test func everySectionHasAnExampleThatValidates() throws {
        var blocks: [String] = []
        var current: [String]?
        for line in text.components(separatedBy: "\n") {
            if line == "```yaml" {
                current = []
            } else if line == "```", let block = current {
                blocks.append(block.joined(separator: "\n"))
                current = nil
            } else {
                current?.append(line)
            }
        }
        #expect(blocks.count >= 9)
        var sectionsShown = Set<String>()
        for block in blocks {
            let node = try YAMLLoader.load(block)
            let outcome = DescriptionLoader.validate(
                node, source: SourceFile(path: "docs/format.md", bytes: Array(block.utf8)), mode: .fragment)
            let unresolved = outcome.diagnostics.filter { !$0.message.hasPrefix("no component with id") }
                .filter { !$0.message.hasPrefix("no credential with id") }
            #expect(unresolved.isEmpty, "\(block)\n\(unresolved)")
            sectionsShown.formUnion(node.pairs?.map(\.name) ?? [])
        }
        let sections = FrameworkFormat.root.fields.map(\.name).filter { $0 != "format" }
        #expect(
            sections.allSatisfy(sectionsShown.contains),
            "sections without an example: \(sections.filter { !sectionsShown.contains($0) })")
    }
}
