import ArgumentParser
import Reports

extension SummaryFormat: ExpressibleByArgument {}

struct SummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "The one-page summary for the WLCG Management Board.",
        discussion: """
            Per framework: the verdict (recommend, recommend with conditions, do not recommend, review \
            incomplete), signed by the reviewers or what the findings and their judgements support, \
            pending sign-off (the tracking files: --tracking, default reviews/tracking/, docs/tracking.md); \
            the open findings by severity and status; the three most important reasons in plain words. Then the MB prerequisites, \
            who acts next (the next steps), a legend, and the SHA-256 of every file read (catalogs, \
            descriptions, tracking files, and the status file and prerequisite catalog when given).

            Examples:
              mupj summary frameworks/ > summary.md
              mupj summary frameworks/ --format html > summary.html
              mupj summary frameworks/ --output-dir reports      (all three formats)
              mupj summary frameworks/ --output-dir reports --check

            Exit codes: 0 written (or up to date); 1 an invalid description or tracking file, or (with \
            --check) stale files; 2 unreadable input, catalog errors, a review limit passed, or a file in --output-dir \
            that mupj did not write, or that changed since it did (kept unless --force; see mupj review \
            --help).
            """
    )

    @Argument(help: ArgumentHelp(Inputs.pathsHelp), completion: .file(extensions: ["yaml", "yml"]))
    var paths: [String]

    @OptionGroup var catalogs: CatalogOptions

    @Option(name: .customLong("format"), help: "Output format (repeatable with --output-dir). Default: markdown.")
    var formats: [SummaryFormat] = []

    @OptionGroup var output: OutputOptions

    @OptionGroup var tracking: TrackingOptions

    @OptionGroup var status: StatusOptions

    @OptionGroup var limits: LimitOptions

    @OptionGroup var reviewLimits: ReviewLimitOptions

    func validate() throws { try output.validate(formats: formats.map(\.rawValue)) }

    func run() throws {
        let run = try ReportRun(
            paths, catalogs: catalogs, tracking: tracking, limits: limits.limits, reviewLimits: reviewLimits.limits,
            output: output)
        let summary = try run.summary(status, limits: limits.limits)
        if let outputDir = output.outputDir {
            let chosen = formats.isEmpty ? SummaryFormat.allCases : formats
            let files = chosen.map { format in RenderedFile(format.fileName) { summary.render(format) } }
            try ReportRun.emit(files, into: outputDir, output: output)
        } else {
            Terminal.standardOutput.write(summary.render(formats.first ?? .markdown))
        }
    }
}
