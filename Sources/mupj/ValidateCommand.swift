import ArgumentParser
import DocumentSchema
import FrameworkModel
import YAMLDocument

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check framework descriptions against the format, reporting every error with its location.",
        discussion: """
            Reads files, and the *.yaml and *.yml files directly in directories (not in their \
            sub-directories; names that start with a dot, such as editors' lock files, are left out). \
            Errors are printed as path:line:col: error: message, in file order, up to 500 a file.

            Examples:
              mupj validate frameworks/
              mupj validate my-framework.yaml --format json

            Exit codes: 0 all valid; 1 at least one invalid; 2 a path could not be read.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: ArgumentHelp(Inputs.pathsHelp), completion: .file(extensions: ["yaml", "yml"]))
    var paths: [String]

    @Option(help: "Output format: text (diagnostics on stderr) or json (on stdout).")
    var format: Format = .text

    @OptionGroup var limits: LimitOptions

    func run() throws {
        let (files, problems) = Inputs.expand(paths)
        var unreadable = problems
        var results: [(file: String, diagnostics: [Diagnostic])] = []
        for file in ReviewInputs.load(files, limits: limits.limits, keeping: .none) {
            switch file {
            case .unreadable(let diagnostic): unreadable.append(diagnostic)
            case .invalid(let path, let diagnostics): results.append((path, diagnostics))
            case .valid(let source, let diagnostics, _, _): results.append((source.path, diagnostics))
            }
        }
        let invalid = results.filter { $0.diagnostics.contains { $0.severity == .error } }
        switch format {
        case .text:
            DiagnosticPrinter.print(unreadable + results.flatMap(\.diagnostics))
            let errors = invalid.reduce(0) { $0 + $1.diagnostics.filter { $0.severity == .error }.count }
            let noun = results.count == 1 ? "description" : "descriptions"
            var summary = "\(results.count) \(noun) checked: \(results.count - invalid.count) valid"
            if !invalid.isEmpty { summary += ", \(invalid.count) invalid (\(errors) error\(errors == 1 ? "" : "s"))" }
            if !unreadable.isEmpty { summary += ", \(unreadable.count) unreadable" }
            Terminal.standardOutput.write(summary + "\n")
        case .json:
            let json = JSON.obj([
                ("valid", .bool(invalid.isEmpty && unreadable.isEmpty)),
                (
                    "files",
                    .array(
                        results.map { result in
                            .obj([
                                ("path", .string(result.file)),
                                ("valid", .bool(!result.diagnostics.contains { $0.severity == .error })),
                                ("diagnostics", .array(result.diagnostics.map(DiagnosticPrinter.json))),
                            ])
                        })
                ),
                ("unreadable", .array(unreadable.map(DiagnosticPrinter.json))),
            ])
            Terminal.standardOutput.write(json.rendered())
        }
        if !unreadable.isEmpty { throw ExitCode(2) }
        if !invalid.isEmpty { throw ExitCode(1) }
    }
}
