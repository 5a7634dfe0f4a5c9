import ArgumentParser
import FoundationEssentials
import FrameworkModel
import PolicyCatalog
import Reports
import ReviewEngine
import ReviewRecords
import YAMLDocument

extension ReportFormat: ExpressibleByArgument {}

enum FailOn: String, ExpressibleByArgument, CaseIterable {
    case low, medium, high, critical, never

    var severity: Severity? { Severity(rawValue: rawValue) }
}

struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Evaluate framework descriptions against the policy catalogs.",
        discussion: """
            Every clause of every catalog is decided for each description: satisfied, violated, \
            needs-information (the description is silent or says it does not know) or not-applicable, \
            with the evidence (file:line:col of every fact that decided it) and a recommendation. The reviewers' \
            judgements and sign-offs come from the tracking files (--tracking, default reviews/tracking/ \
            when it exists; docs/tracking.md): a judged finding shows its judgement, and each verdict \
            whether it is signed.

            Formats: text (terminal, the default), json (schema mupj-report/1, docs/report-json.md), \
            markdown, html (one self-contained file), sarif (2.1.0, for code-scanning services). With \
            --output-dir they are written to review.txt, review.json, review.md, review.html and \
            review.sarif; links in Markdown and HTML are relative to that directory. With --output-dir \
            and no --format, the MB summary (summary.md, summary.html, summary.json, with the \
            prerequisites from --status-file as of --as-of) is written too: the full report set. The \
            directory also gets mupj-reports.sha256, the digest of every file mupj wrote there: a file \
            there that is not listed in it as it is now, nor already what it is to be (one of yours, or \
            a report edited by hand), is kept, and nothing is written, unless --force; a symbolic link \
            there is never written through, even with --force.

            Text and JSON on standard output are written one framework at a time, after every \
            description has been checked: memory does not grow with the number of descriptions, and \
            an invalid description still means no report at all. Descriptions are checked, reviewed \
            and rendered side by side on every core; the report is the same, byte for byte, as on \
            one. A review limit passed by a later \
            description (--max-findings, --max-steps) cuts the output after the frameworks before it, \
            with exit 2.

            Examples:
              mupj review frameworks/panda.yaml
              mupj review frameworks/ --format json > review.json
              mupj review frameworks/ --format json --format text --output-dir reports
              mupj review frameworks/ --format sarif > review.sarif
              mupj review frameworks/ --output-dir reports    (every format, MB summary)
              mupj review frameworks/ --output-dir reports --check --fail-on never

            Exit codes: 0 no violated finding at or above --fail-on; 1 such a finding, an invalid \
            description or tracking file, or (with --check) stale reports; 2 unreadable input, catalog errors, or a review \
            limit passed (--max-findings, --max-steps: the output stops before the framework that passed it, \
            and --output-dir writes nothing), or a file in --output-dir that \
            mupj did not write or that changed since it did (nothing is written then).
            """
    )

    @Argument(help: ArgumentHelp(Inputs.pathsHelp), completion: .file(extensions: ["yaml", "yml"]))
    var paths: [String]

    @OptionGroup var catalogs: CatalogOptions

    @Option(name: .customLong("format"), help: "Output format (repeatable with --output-dir).")
    var formats: [ReportFormat] = []

    @OptionGroup var output: OutputOptions

    @Option(help: "Exit 1 when a violated finding of this severity or higher exists (or never).")
    var failOn: FailOn = .high

    @OptionGroup var tracking: TrackingOptions

    @OptionGroup var status: StatusOptions

    @OptionGroup var limits: LimitOptions

    @OptionGroup var reviewLimits: ReviewLimitOptions

    func validate() throws {
        try output.validate(formats: formats.map(\.rawValue))
        // Read only for the MB summary, which only the full report set holds: given otherwise,
        // they would be passed over without a word.
        if status.given && (output.outputDir == nil || !formats.isEmpty) {
            throw ValidationError(
                "--status-file and --as-of are for the MB summary, which review writes only with --output-dir and "
                    + "no --format (or use mupj summary)")
        }
    }

    func run() throws {
        let format = formats.first ?? .text
        if output.outputDir == nil,
            let stream = ReportStream(format, colour: format == .text && Terminal.standardOutput.colours)
        {
            return try self.stream(stream)
        }
        let run = try ReportRun(
            paths, catalogs: catalogs, tracking: tracking, limits: limits.limits, reviewLimits: reviewLimits.limits,
            output: output)
        let context = run.context
        if let outputDir = output.outputDir {
            var files = (formats.isEmpty ? ReportFormat.allCases : formats).map { format in
                RenderedFile(format.fileName) { emit in format.render(context, emit: emit) }
            }
            if formats.isEmpty {
                // The full set: the reviewers' reports and the MB summary, from the same result.
                let summary = try run.summary(status, limits: limits.limits, besideReview: true)
                files += SummaryFormat.allCases.map { format in
                    RenderedFile(format.fileName) { summary.render(format) }
                }
            }
            try ReportRun.emit(files, into: outputDir, output: output)
        } else {
            // Markdown, HTML or SARIF (text and JSON are streamed above), written as it is made.
            (formats.first ?? .text).render(context) { Terminal.standardOutput.write($0) }
        }
        if context.result.frameworks.contains(where: { fails($0.worstViolation) }) { throw ExitCode(1) }
    }

    /// JSON or text on standard output, one framework at a time: every description is checked
    /// first (so an invalid one still means no report at all), then each is decoded again (all
    /// but the last, still at hand), reviewed and written, and its findings dropped, with the
    /// descriptions after it reviewed meanwhile on the other cores (`StreamedReview`). The opening
    /// is written after the first review: a review stopped at a limit, of one description or of
    /// the first, leaves standard output empty.
    private func stream(_ stream: ReportStream) throws {
        let catalogSet = try ReviewInputs.catalogs(catalogs, limits: limits.limits, reviewLimits: reviewLimits.limits)
        let (sources, last) = try ReviewInputs.descriptionSources(paths, limits: limits.limits)
        var review = StreamedReview(
            catalogs: catalogSet, limits: limits.limits, reviewLimits: reviewLimits.limits, toolVersion: Mupj.version,
            date: try ReportDate.resolve(output.date), workingDirectory: FileManager.default.currentDirectoryPath)
        review.tracking = try ReviewInputs.tracking(tracking, limits: limits.limits)
        let out = Terminal.standardOutput
        let summary: StreamedReview.Summary
        do {
            summary = try review.run(sources, last: last, into: stream) { out.write($0) }
        } catch .limit(let exceeded) {
            throw ReviewInputs.refusal(exceeded)
        } catch .noLongerLoads(let path) {
            Terminal.standardError.write("\(path): error: internal error: the description no longer loads\n")
            throw ExitCode(2)
        }
        DiagnosticPrinter.print(summary.trackingWarnings)
        if fails(summary.worstViolation) { throw ExitCode(1) }
    }

    /// Whether a violated finding of `worst` severity reaches `--fail-on`.
    private func fails(_ worst: Severity?) -> Bool {
        guard let threshold = failOn.severity, let worst else { return false }
        return worst >= threshold
    }
}

/// Where reports go, for `review` and `summary`.
struct OutputOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Write each format to a file in this directory instead of standard output (made if missing, with the "
                + "directories on its path)."))
    var outputDir: String?

    @Flag(
        help: ArgumentHelp(
            "With --output-dir: compare instead of writing; exit 1 and name the files that differ (for review, "
                + "findings at or above --fail-on exit 1 too)."))
    var check = false

    @Flag(
        help: ArgumentHelp(
            "With --output-dir: replace the files there even if mupj did not write them, or they changed since it "
                + "did (by default those are left as they are, and nothing is written)."))
    var force = false

    @Option(help: "Date to print in reports (YYYY-MM-DD). Default: $SOURCE_DATE_EPOCH, else none.")
    var date: String?

    func validate(formats: [String]) throws {
        let formatCount = formats.count
        if let twice = formats.enumerated().first(where: { formats[..<$0.offset].contains($0.element) }) {
            throw ValidationError("--format \(twice.element) is given twice")
        }
        // Here, not when the report is written, so that the usage shown is the command's.
        _ = try ReportDate.resolve(date)
        if outputDir?.isEmpty == true {
            throw ValidationError("--output-dir is empty; name a directory ('.' for this one)")
        }
        if outputDir == nil && formatCount > 1 {
            throw ValidationError("several --format values need --output-dir")
        }
        if check && outputDir == nil {
            throw ValidationError("--check compares the files in --output-dir; give one")
        }
        if force && outputDir == nil {
            throw ValidationError("--force replaces files in --output-dir; give one")
        }
        if force && check {
            throw ValidationError("--force and --check contradict each other: --check writes nothing; give one")
        }
    }
}

/// What `review` and `summary` share: loading and reviewing the inputs, the MB summary, and
/// writing (or checking) the report files.
struct ReportRun {
    var catalogs: CatalogSet
    var context: ReportContext

    init(
        _ paths: [String], catalogs options: CatalogOptions, tracking: TrackingOptions, limits: LoadLimits,
        reviewLimits: ReviewLimits, output: OutputOptions
    ) throws {
        let catalogs = try ReviewInputs.catalogs(options, limits: limits, reviewLimits: reviewLimits)
        self.catalogs = catalogs
        let descriptions = try ReviewInputs.descriptions(paths, limits: limits)
        let trackingSet = try ReviewInputs.tracking(tracking, limits: limits)
        let result = try ReviewInputs.within { () throws(ReviewLimitExceeded) in
            try Engine.review(descriptions, catalogs: catalogs, toolVersion: Mupj.version, limits: reviewLimits)
        }
        context = ReportContext(
            result: result, date: try ReportDate.resolve(output.date), sources: descriptions.map(\.source),
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

/// The report date: `--date`, else `SOURCE_DATE_EPOCH` (reproducible builds convention), else
/// none, so that reports are byte-identical by default.
enum ReportDate {
    static func resolve(_ explicit: String?) throws -> String? {
        if let explicit {
            guard let day = CalendarDay(explicit) else {
                throw ValidationError("--date takes a date YYYY-MM-DD, got '\(explicit)'")
            }
            return day.description
        }
        return try epochDay()?.description
    }

    /// The day `SOURCE_DATE_EPOCH` names, nil when it is not set.
    static func epochDay() throws -> CalendarDay? {
        guard let seconds = try epoch() else { return nil }
        guard let day = CalendarDay(secondsSinceEpoch: seconds) else {
            throw ValidationError("SOURCE_DATE_EPOCH is out of the range of dates mupj writes, got '\(seconds)'")
        }
        return day
    }

    /// `SOURCE_DATE_EPOCH` in seconds, nil when not set.
    static func epoch() throws -> Int64? {
        guard let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"] else { return nil }
        guard let seconds = Int64(epoch) else {
            throw ValidationError(
                "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC, got '\(epoch)'")
        }
        return seconds
    }
}
