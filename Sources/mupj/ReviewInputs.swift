import ArgumentParser
import FoundationEssentials
import FrameworkModel
import PolicyCatalog
import ReviewEngine
import ReviewRecords
import YAMLDocument

/// The MB prerequisites status file and the day to report on, for `status`, `summary` and the
/// summary that `review --output-dir` writes.
struct StatusOptions: ParsableArguments {
    static let defaultStatusFile = "reviews/prerequisites.yaml"

    @Option(help: "The MB prerequisites status file.", completion: .file(extensions: ["yaml", "yml"]))
    var statusFile = StatusOptions.defaultStatusFile

    @Option(
        help: ArgumentHelp(
            "The day to report the prerequisites on, YYYY-MM-DD (UTC). Default: the latest date in the status "
                + "file (never today, so the same files give the same output).",
            valueName: "date"))
    var asOf: String?

    func validate() throws {
        if let asOf, CalendarDay(asOf) == nil {
            throw ValidationError("--as-of takes a date YYYY-MM-DD, got '\(asOf)'")
        }
    }
}

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
        return [CatalogSet.defaultDirectory]
    }
}

/// Loading what a review needs, with every problem printed as a diagnostic. Unreadable files
/// and catalog errors end the run with exit 2; invalid descriptions with exit 1.
enum ReviewInputs {
    /// What `review` returns, or the limit it passed printed, located at the check, and exit 2: a
    /// review stopped part way makes no report.
    static func within<T>(_ review: () throws(ReviewLimitExceeded) -> T) throws -> T {
        do {
            return try review()
        } catch {
            DiagnosticPrinter.print([error.diagnostic])
            throw ExitCode(2)
        }
    }

    /// The catalogs; `requireClauses` is false for commands that need only the prerequisites. The
    /// examples of each catalog are run together within `reviewLimits`, or the default limits
    /// where those are higher: a limit lowered for the descriptions does not refuse the catalogs.
    static func catalogs(
        _ options: CatalogOptions, limits: LoadLimits, reviewLimits: ReviewLimits = .default,
        requireClauses: Bool = true
    ) throws -> CatalogSet {
        let (files, problems) = Inputs.expand(options.paths)
        let (sources, unreadable) = SourceFile.read(files, maxBytes: limits.maxBytes)
        var diagnostics = problems + unreadable
        let (set, loadDiagnostics) = CatalogSet.load(sources, limits: limits, requireClauses: requireClauses)
        diagnostics += loadDiagnostics
        let exampleLimits = ReviewLimits(
            maxFindings: max(reviewLimits.maxFindings, ReviewLimits.default.maxFindings),
            maxSteps: max(reviewLimits.maxSteps, ReviewLimits.default.maxSteps))
        for catalog in set?.catalogs ?? [] { diagnostics += ExampleCheck.failures(of: catalog, limits: exampleLimits) }
        for catalog in set?.prerequisites ?? [] { diagnostics += PrerequisiteTracker.exampleFailures(of: catalog) }
        DiagnosticPrinter.print(diagnostics)
        guard let set, diagnostics.allSatisfy({ $0.severity != .error }) else {
            Terminal.standardError.write("error: the catalogs could not be loaded; no review was made\n")
            throw ExitCode(2)
        }
        return set
    }

    /// The prerequisites status file, checked against the prerequisite catalogs.
    static func statusFile(_ path: String, prerequisites: [Prerequisite], limits: LoadLimits) throws
        -> PrerequisiteStatusFile
    {
        let source: SourceFile
        do {
            source = try SourceFile.read(path, maxBytes: limits.maxBytes)
        } catch .unreadable(let diagnostic) {
            DiagnosticPrinter.print([diagnostic])
            throw ExitCode(2)
        } catch .tooLarge(let diagnostic) {
            DiagnosticPrinter.print([diagnostic])
            throw ExitCode(1)
        }
        let outcome = StatusFileLoader.load(source, limits: limits)
        var diagnostics = outcome.diagnostics
        if let file = outcome.file { diagnostics += StatusFileLoader.crossCheck(file, against: prerequisites) }
        DiagnosticPrinter.print(diagnostics)
        guard let file = outcome.file, !diagnostics.contains(where: { $0.severity == .error }) else {
            Terminal.standardError.write("error: invalid status file; nothing was reported\n")
            throw ExitCode(1)
        }
        return file
    }

    static func descriptions(_ paths: [String], limits: LoadLimits) throws -> [FrameworkDescription] {
        var descriptions: [FrameworkDescription] = []
        try checkedDescriptions(paths, limits: limits) { descriptions.append($0) }
        return descriptions
    }

    /// The files of valid descriptions, read once and kept as bytes, with every description
    /// checked but only the last one kept decoded: a review that writes one framework at a time
    /// decodes the others again when their turn comes, so memory holds the input bytes and one
    /// description at most, and a single description is decoded once.
    static func descriptionSources(_ paths: [String], limits: LoadLimits) throws -> (
        sources: [SourceFile], last: FrameworkDescription?
    ) {
        var sources: [SourceFile] = []
        var last: FrameworkDescription?
        try checkedDescriptions(paths, limits: limits) { description in
            sources.append(description.source)
            last = description
        }
        return (sources, last)
    }

    /// Loads every description, handing each valid one to `keep`; prints every diagnostic, then
    /// ends the run when a file is unreadable (exit 2) or a description is invalid (exit 1).
    private static func checkedDescriptions(
        _ paths: [String], limits: LoadLimits, keep: (FrameworkDescription) -> Void
    ) throws {
        let (files, problems) = Inputs.expand(paths)
        var unreadable = problems
        var diagnostics: [Diagnostic] = []
        // One description per framework: finding ids are made from the VO and the name, and the
        // MB reads one verdict per framework. (Two copies of a description gave the same ids to
        // both, so links in the reports jumped to the other one.)
        var described: [String: String] = [:]
        for file in files {
            do {
                let source = try SourceFile.read(file, maxBytes: limits.maxBytes)
                let outcome = DescriptionLoader.load(source, limits: limits)
                diagnostics += outcome.diagnostics
                guard let description = outcome.description else { continue }
                let key = description.vo.lowercased() + "/" + description.name.lowercased()
                if let first = described[key] {
                    let name = description.root.object?["framework"]?.object?["name"]
                    diagnostics.append(
                        Diagnostic(
                            file: file, location: name?.range.start,
                            message: "\(first) already describes \(description.name) (\(description.vo)); a review "
                                + "takes one description per framework"))
                    continue
                }
                described[key] = file
                keep(description)
            } catch .unreadable(let diagnostic) {
                unreadable.append(diagnostic)
            } catch .tooLarge(let diagnostic) {
                diagnostics.append(diagnostic)
            }
        }
        DiagnosticPrinter.print(unreadable + diagnostics)
        if !unreadable.isEmpty { throw ExitCode(2) }
        if diagnostics.contains(where: { $0.severity == .error }) {
            Terminal.standardError.write("error: the descriptions cannot be reviewed as they are; no review was made\n")
            throw ExitCode(1)
        }
    }
}

extension ReviewInputs {
    /// The prerequisites report for the summary: nil (shown as "not assessed") when no prerequisite
    /// catalog is loaded or the default status file is absent; an explicitly named file must exist.
    static func prerequisites(
        _ options: StatusOptions, catalogs: CatalogSet, result: ReviewResult?, limits: LoadLimits,
        explicitFile: Bool
    ) throws -> PrerequisiteReport? {
        guard !catalogs.prerequisites.isEmpty else { return nil }
        if !explicitFile && !FileManager.default.fileExists(atPath: options.statusFile) { return nil }
        let status = try statusFile(
            options.statusFile, prerequisites: catalogs.prerequisites.flatMap(\.prerequisites), limits: limits)
        let verdicts = result.map(FrameworkVerdictRecord.records) ?? []
        let tracker = PrerequisiteTracker(catalogs: catalogs.prerequisites, status: status, verdicts: verdicts)
        guard let day = options.asOf.flatMap(CalendarDay.init) ?? status.latestDate else { return nil }
        return tracker.report(asOf: day)
    }
}
