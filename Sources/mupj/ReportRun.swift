import ArgumentParser
import FoundationEssentials
import PolicyCatalog
import Reports
import ReviewEngine
import YAMLDocument

/// What `review` and `summary` share: loading and reviewing the inputs, the MB summary, and
/// writing (or checking) the report files.
struct ReportRun {
    var catalogs: CatalogSet
    var context: ReportContext

    init(
        _ paths: [String], catalogs options: CatalogOptions, tracking: TrackingOptions, limits: LoadLimits,
        reviewLimits: ReviewLimits, output: OutputOptions
    ) throws {
        // First: a date that cannot be used ends the run before anything is read or reviewed.
        let date = try ReportDate.resolve(output.date)
        let catalogs = try ReviewInputs.catalogs(options, limits: limits, reviewLimits: reviewLimits)
        self.catalogs = catalogs
        let descriptions = try ReviewInputs.descriptions(paths, limits: limits)
        let trackingSet = try ReviewInputs.tracking(tracking, limits: limits)
        let result = try ReviewInputs.within { () throws(ReviewLimitExceeded) in
            try Engine.review(descriptions, catalogs: catalogs, toolVersion: Mupj.version, limits: reviewLimits)
        }
        context = ReportContext(
            result: result, date: date, sources: descriptions.map(\.source),
            reportDirectory: output.outputDir ?? ".", workingDirectory: FileManager.default.currentDirectoryPath,
            tracking: trackingSet)
        DiagnosticPrinter.print(context.trackingWarnings)
    }

    /// The MB summary, with the prerequisites as of `--as-of` (default: the latest date the inputs record).
    /// `besideReview`: the reviewers' reports are written with it (`SummaryReport.besideReview`).
    func summary(_ status: StatusOptions, limits: LoadLimits, besideReview: Bool = false) throws -> SummaryReport {
        let report = try ReviewInputs.prerequisites(
            status, catalogs: catalogs, frameworks: context.tracked, limits: limits)
        return SummaryReport(
            context, prerequisites: report.map(PrerequisitesSection.init), besideReview: besideReview)
    }

    /// Writes the files atomically, or with `check` names those that differ and exits 1.
    static func emit(_ rendered: [RenderedFile], into outputDir: String, output: OutputOptions) throws {
        let directory = outputDir.hasSuffix("/") ? String(outputDir.dropLast()) : outputDir
        if output.check {
            let drift = try reporting { () throws(OutputFile.Failure) in
                try ReportDirectory.check(rendered, in: outputDir)
            }
            for file in drift {
                Terminal.standardError.write("\(Escape.terminal(file.path)): error: \(advice(file.kind))\n")
            }
            if !drift.isEmpty { throw ExitCode(1) }
            let shown = Escape.terminal(directory)
            Terminal.standardOutput.write("\(rendered.count) report(s) in \(shown) are up to date\n")
            return
        }
        // Two runs writing here at once would each list only their own files in the manifest.
        let lock: WriterLock
        do {
            lock = try WriterLock(forFileAt: directory + "/", timeout: .seconds(10)) { locked in
                Terminal.standardError.write(
                    "waiting for another mupj command writing reports in \(Escape.terminal(locked))\n")
            }
        } catch {
            Terminal.standardError.write(Escape.terminal(error.reportsDescription) + "\n")
            throw ExitCode(2)
        }
        let replaced = try withExtendedLifetime(lock) {
            try reporting { () throws(OutputFile.Failure) in
                try ReportDirectory.write(rendered, into: outputDir, force: output.force)
            }
        }
        let names: [String] = rendered.map(\.name) + [ReportManifest.fileName]
        let written = names.map { FileKind.path($0, in: directory) }.joined(separator: ", ")
        // On standard error, as every command that writes files says what it wrote: the results are
        // in the files, and standard output stays empty for a caller that reads it.
        Terminal.standardError.write("wrote \(Escape.terminal(written))\n")
        // A report with other names (hard links) is replaced by a new file, as a tracking file is,
        // and those names keep the old text: said the same way.
        for (path, replacement) in replaced {
            Terminal.standardError.write(replacement.warnings(Escape.terminal(path)))
        }
    }

    /// What `body` returns, or its failure printed, each line shown and not sent (a refused
    /// manifest's message quotes what was read from it), and exit 2.
    private static func reporting<T>(_ body: () throws(OutputFile.Failure) -> T) throws -> T {
        do {
            return try body()
        } catch {
            let lines = error.description.split(separator: "\n").map { Escape.terminal(String($0)) }
            Terminal.standardError.write(lines.joined(separator: "\n") + "\n")
            throw ExitCode(2)
        }
    }

    /// What to do about a report that is not what it renders to.
    private static func advice(_ kind: ReportDirectory.Drift.Kind) -> String {
        switch kind {
        case .missing: return "missing report; write it with the same command without --check"
        case .stale: return "stale report; regenerate it"
        case .changed:
            return "stale report, and changed since mupj wrote it (or not written by mupj); regenerate it with "
                + "--force, which replaces it"
        }
    }
}

extension WriterLock.Failure {
    /// The failure in the words of a command writing reports.
    var reportsDescription: String {
        switch self {
        case .busy(let directory, let seconds):
            return "\(directory): error: another mupj command has been writing reports here for \(seconds) s; no "
                + "report was written, run the command again when it has finished"
        case .cannotOpen(let directory, let reason):
            return "\(directory): error: cannot lock the directory for writing: \(reason); no report was written"
        }
    }
}
