import ArgumentParser
import DocumentSchema
import FrameworkModel
import PolicyCatalog
import Reports
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
        var results: [ValidationReport.File] = []
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
                    results.append(ValidationReport.File(path: path, kind: .description, diagnostics: diagnostics))
                }
            case .valid(let source, let diagnostics, _, _):
                results.append(ValidationReport.File(path: source.path, kind: .description, diagnostics: diagnostics))
            }
        }
        let report = ValidationReport(files: results, unreadable: unreadable)
        switch format {
        case .text:
            DiagnosticPrinter.print(unreadable + results.flatMap(\.diagnostics))
            Terminal.standardOutput.write(report.summaryLine())
        case .json:
            Terminal.standardOutput.write(report.json())
        }
        if !unreadable.isEmpty { throw ExitCode(2) }
        if !report.invalid.isEmpty { throw ExitCode(1) }
    }

    /// A file refused as a description that is another of mupj's files, checked as the file it is:
    /// a status file against the prerequisites `catalog` gives.
    static func checked(
        _ source: SourceFile, as kind: InputKind, limits: LoadLimits, _ catalog: () throws -> [Prerequisite]
    ) throws -> ValidationReport.File {
        let path = source.path
        switch kind {
        case .catalog:
            let checked = CatalogSet.verified([source], limits: limits, requireClauses: false)
            return ValidationReport.File(path: path, kind: .catalog, diagnostics: checked.diagnostics)
        case .trackingFile:
            return ValidationReport.File(
                path: path, kind: .trackingFile,
                diagnostics: TrackingFileLoader.load(source, limits: limits).diagnostics)
        case .statusFile:
            let outcome = StatusFileLoader.load(source, limits: limits)
            let crossChecked = try outcome.file.map { StatusFileLoader.crossCheck($0, against: try catalog()) } ?? []
            return ValidationReport.File(path: path, kind: .statusFile, diagnostics: outcome.diagnostics + crossChecked)
        case .description:
            return ValidationReport.File(
                path: path, kind: .description, diagnostics: DescriptionLoader.load(source).diagnostics)
        }
    }
}
