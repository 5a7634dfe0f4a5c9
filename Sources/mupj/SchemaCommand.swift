import ArgumentParser
import FrameworkModel

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema of the description format, for editors.",
        discussion: """
            With yaml-language-server, put this line at the top of a description:
              # yaml-language-server: $schema=./framework-description.schema.json

            Example:
              mupj schema > framework-description.schema.json
            """
    )

    func run() throws {
        print(FrameworkFormat.jsonSchema().rendered(), terminator: "")
    }
}
