import ArgumentParser
import Foundation
import FrameworkModel
import PolicyCatalog
import YAMLDocument

/// The catalogs to review against: `--checklist` files or directories, by default the
/// `checklists/` directory (or `$MUPJ_CHECKLISTS`).
struct CatalogOptions: ParsableArguments {
    @Option(
        name: .customLong("checklist"),
        help: "Catalog file or directory (repeatable). Default: ./checklists or $MUPJ_CHECKLISTS.",
        completion: .file(extensions: ["yaml", "yml"]))
    var checklists: [String] = []

    var paths: [String] {
        if !checklists.isEmpty { return checklists }
        return [ProcessInfo.processInfo.environment["MUPJ_CHECKLISTS"] ?? "checklists"]
    }
}

/// Loading what a review needs, with every problem printed as a diagnostic. Unreadable files
/// and catalog errors end the run with exit 2; invalid descriptions with exit 1.
enum ReviewInputs {
    static func catalogs(_ options: CatalogOptions, limits: LoadLimits) throws -> CatalogSet {
        let (files, problems) = Inputs.expand(options.paths)
        var diagnostics = problems
        var sources: [SourceFile] = []
        for file in files {
            do {
                sources.append(try SourceFile.read(file, maxBytes: limits.maxBytes))
            } catch {
                diagnostics.append(error.diagnostic)
            }
        }
        let (set, loadDiagnostics) = CatalogSet.load(sources, limits: limits)
        diagnostics += loadDiagnostics
        DiagnosticPrinter.print(diagnostics)
        guard let set, diagnostics.allSatisfy({ $0.severity != .error }) else {
            Terminal.standardError.write("error: the catalogs could not be loaded; no review was made\n")
            throw ExitCode(2)
        }
        return set
    }

    static func descriptions(_ paths: [String], limits: LoadLimits) throws -> [FrameworkDescription] {
        let (files, problems) = Inputs.expand(paths)
        var unreadable = problems
        var diagnostics: [Diagnostic] = []
        var descriptions: [FrameworkDescription] = []
        for file in files {
            do {
                let source = try SourceFile.read(file, maxBytes: limits.maxBytes)
                let outcome = DescriptionLoader.load(source, limits: limits)
                diagnostics += outcome.diagnostics
                if let description = outcome.description { descriptions.append(description) }
            } catch .unreadable(let diagnostic) {
                unreadable.append(diagnostic)
            } catch .tooLarge(let diagnostic) {
                diagnostics.append(diagnostic)
            }
        }
        DiagnosticPrinter.print(unreadable + diagnostics)
        if !unreadable.isEmpty { throw ExitCode(2) }
        if diagnostics.contains(where: { $0.severity == .error }) {
            Terminal.standardError.write("error: invalid description(s); run mupj validate and fix them first\n")
            throw ExitCode(1)
        }
        return descriptions
    }
}
