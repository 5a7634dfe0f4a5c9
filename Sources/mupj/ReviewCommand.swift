import ArgumentParser
import FoundationEssentials
import PolicyCatalog
import Reports

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
        let date = try ReportDate.resolve(output.date)
        let catalogSet = try ReviewInputs.catalogs(catalogs, limits: limits.limits, reviewLimits: reviewLimits.limits)
        let (sources, last) = try ReviewInputs.descriptionSources(paths, limits: limits.limits)
        var review = StreamedReview(
            catalogs: catalogSet, limits: limits.limits, reviewLimits: reviewLimits.limits, toolVersion: Mupj.version,
            date: date, workingDirectory: FileManager.default.currentDirectoryPath)
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
