import ArgumentParser
import DocumentSchema
import FrameworkModel
import ReviewRecords

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema of the description format, for editors (or its Markdown reference).",
        discussion: """
            With yaml-language-server, put this line at the top of a description:
              # yaml-language-server: $schema=./framework-description.schema.json

            Examples:
              mupj schema > framework-description.schema.json
              mupj schema --format markdown                 (as in docs/format.md)
              mupj schema --of tracking --format markdown   (as in docs/tracking.md)

            Exit codes: 0 printed; 2 a usage error or standard output that cannot be written.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, markdown
    }

    enum Document: String, ExpressibleByArgument, CaseIterable {
        case description, tracking
    }

    @Option(help: "json (JSON Schema, draft 2020-12) or markdown (field reference).")
    var format: Format = .json

    @Option(help: "description (mupj/1) or tracking (\(TrackingFormat.identifier), the reviewers' tracking file).")
    var of: Document = .description

    func run() throws {
        let (root, schema) =
            switch of {
            case .description: (FrameworkFormat.root, FrameworkFormat.jsonSchema())
            case .tracking:
                (
                    TrackingFormat.root,
                    JSONSchemaExport.schema(
                        for: TrackingFormat.root, id: TrackingFormat.identifier, title: "mupj tracking file")
                )
            }
        switch format {
        case .json: Terminal.standardOutput.write(schema.rendered())
        case .markdown: Terminal.standardOutput.write(MarkdownReference.render(root))
        }
    }
}
