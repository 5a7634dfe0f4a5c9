import ArgumentParser
import FrameworkModel
import Reports
import YAMLDocument

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Print a fully commented template description that validates.",
        discussion: """
            Examples:
              mupj init > my-framework.yaml
              mupj init -o frameworks/my-framework.yaml

            An existing file is never replaced unless --force is given.

            Exit codes: 0 written; 2 a usage error, the file exists (without --force), or cannot be \
            written.
            """
    )

    @Option(
        name: .shortAndLong,
        help: ArgumentHelp(
            "Write the template to this file instead of standard output (-: standard output); missing "
                + "directories on its path are made."))
    var output: String?

    @Flag(help: "Replace the output file if it exists.")
    var force = false

    func validate() throws {
        if output?.isEmpty == true {
            throw ValidationError("--output is empty; name a file, or give - (or no --output) for standard output")
        }
    }

    func run() throws {
        guard let output, output != "-" else {
            Terminal.standardOutput.write(FrameworkTemplate.text)
            return
        }
        let replacement: OutputFile.Replacement
        do {
            replacement = try OutputFile.write(FrameworkTemplate.text, to: output, replace: force)
        } catch {
            Terminal.standardError.write(Escape.terminal("\(error)") + "\n")
            throw ExitCode(2)
        }
        Terminal.wrote(output, replacement)
    }
}
