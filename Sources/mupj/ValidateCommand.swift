import ArgumentParser
import DocumentSchema
import FrameworkModel
import PolicyCatalog
import ReviewRecords
import YAMLDocument

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check framework descriptions against the format, reporting every error with its location.",
        discussion: """
            Reads files, and the *.yaml and *.yml files (in any case) directly in directories (not in their \
            sub-directories; names that start with a dot, such as editors' lock files, are left out). \
            Errors are printed as path:line:col: error: message, in file order, up to 500 a file.

            A file whose format: says mupj-tracking/1 is checked as the reviewers' tracking file it is \
            (docs/tracking.md); whether its judgements match the findings is for \
            mupj review DESCRIPTION --tracking FILE to say. A file whose format: says mupj-status/1 is \
            checked as the MB prerequisites status file it is (docs/prerequisites.md), against the \
            prerequisite catalog (--checklist), which is read only then. A file with catalog: and no \
            format: is checked as the clause or prerequisite catalog it is (docs/check-language.md), \
            its examples run, on its own: ids shared with other catalogs are for the commands that \
            read them together to find.

            Examples:
              mupj validate frameworks/
              mupj validate my-framework.yaml --format json
              mupj validate reviews/ reviews/examples/
              mupj validate checklists/

            Exit codes: 0 all valid; 1 at least one invalid; 2 a path could not be read, or catalog \
            errors.
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

    @OptionGroup var catalogs: CatalogOptions

    func run() throws {
        let (files, problems) = Inputs.expand(paths, kind: "a file to validate")
        var unreadable = problems
        var results: [Checked] = []
        // A status file is checked against the prerequisite catalog, read for the first one only.
        var prerequisites: [Prerequisite]?
        let catalog = { () throws -> [Prerequisite] in
            if let prerequisites { return prerequisites }
            let set = try ReviewInputs.catalogs(
                catalogs, limits: limits.limits, requireClauses: false, requirePrerequisites: true)
            prerequisites = set.prerequisites.flatMap(\.prerequisites)
            return prerequisites ?? []
        }
        for file in ReviewInputs.load(files, limits: limits.limits, keeping: .none) {
            switch file {
            case .unreadable(let diagnostic): unreadable.append(diagnostic)
            case .invalid(let path, let diagnostics, let source, let other):
                if let source, let other {
                    results.append(try Self.checked(source, as: other, limits: limits.limits, catalog))
                } else {
                    results.append(Checked(file: path, kind: .description, diagnostics: diagnostics))
                }
            case .valid(let source, let diagnostics, _, _):
                results.append(Checked(file: source.path, kind: .description, diagnostics: diagnostics))
            }
        }
        let invalid = results.filter { $0.diagnostics.contains { $0.severity == .error } }
        switch format {
        case .text:
            DiagnosticPrinter.print(unreadable + results.flatMap(\.diagnostics))
            let errors = invalid.reduce(0) { $0 + $1.diagnostics.filter { $0.severity == .error }.count }
            var summary = "\(Self.counted(results)) checked: \(results.count - invalid.count) valid"
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
                                ("kind", .string(result.kind.rawValue)),
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

    struct Checked {
        var file: String
        var kind: InputKind
        var diagnostics: [Diagnostic]
    }

    /// "3 descriptions", or "4 files (3 descriptions, 1 tracking file)" when of several kinds.
    static func counted(_ results: [Checked]) -> String {
        let kinds = InputKind.allCases.compactMap { kind -> String? in
            let n = results.count { $0.kind == kind }
            return n == 0 ? nil : "\(n) \(kind.noun(n))"
        }
        guard kinds.count > 1 else { return kinds.first ?? "0 \(InputKind.description.noun(0))" }
        return "\(results.count) files (\(kinds.joined(separator: ", ")))"
    }

    /// A file refused as a description that is another of mupj's files, checked as the file it is:
    /// a status file against the prerequisites `catalog` gives.
    static func checked(
        _ source: SourceFile, as kind: InputKind, limits: LoadLimits, _ catalog: () throws -> [Prerequisite]
    ) throws -> Checked {
        let path = source.path
        switch kind {
        case .catalog:
            let checked = CatalogSet.verified([source], limits: limits, requireClauses: false)
            return Checked(file: path, kind: .catalog, diagnostics: checked.diagnostics)
        case .trackingFile:
            return Checked(
                file: path, kind: .trackingFile,
                diagnostics: TrackingFileLoader.load(source, limits: limits).diagnostics)
        case .statusFile:
            let outcome = StatusFileLoader.load(source, limits: limits)
            let crossChecked = try outcome.file.map { StatusFileLoader.crossCheck($0, against: try catalog()) } ?? []
            return Checked(file: path, kind: .statusFile, diagnostics: outcome.diagnostics + crossChecked)
        case .description:
            return Checked(file: path, kind: .description, diagnostics: DescriptionLoader.load(source).diagnostics)
        }
    }
}
