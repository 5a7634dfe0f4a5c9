import ArgumentParser
import DocumentSchema
import FrameworkModel

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema of the description format, for editors (or its Markdown reference).",
        discussion: """
            With yaml-language-server, put this line at the top of a description:
              # yaml-language-server: $schema=./framework-description.schema.json

            Examples:
              mupj schema > framework-description.schema.json
              mupj schema --format markdown   # the field reference in docs/format.md
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, markdown
    }

    @Option(help: "json (JSON Schema, draft 2020-12) or markdown (field reference).")
    var format: Format = .json

    func run() throws {
        switch format {
        case .json: Terminal.standardOutput.write(FrameworkFormat.jsonSchema().rendered())
        case .markdown: Terminal.standardOutput.write(MarkdownReference.render(FrameworkFormat.root))
        }
    }
}
