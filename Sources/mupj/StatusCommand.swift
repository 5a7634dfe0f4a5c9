import ArgumentParser
import PolicyCatalog
import Reports
import ReviewEngine
import ReviewRecords
import YAMLDocument

extension StatusReportFormat: ExpressibleByArgument {}

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the MB prerequisites on a day, whether the policy is in effect, and their history.",
        discussion: """
            Each prerequisite of the prerequisite catalog (checklists/mb-prerequisites.yaml) is decided \
            from the dated evidence of the status file: met, partly met or not met, with the evidence \
            and what is missing. The policy is in effect only from an MB decision that declares it; \
            until then it is blocked by the prerequisites not met, or awaits the MB's agreement. \
            Exception windows that cover the day are listed. Dates are calendar days (UTC), \
            inclusive. The rules are in docs/prerequisites.md.

            The default day is the latest date the inputs record (an entry of the status file, and \
            with --frameworks a description's described_on or a verdict's last signature), never \
            today's date, so the same files always give the same output. --history lists every day \
            of change, up to --as-of when it is given.

            Examples:
              mupj status
              mupj status --as-of 2009-11-25
              mupj status --history
              mupj status --as-of 2009-11-25 --frameworks frameworks/ --format markdown

            Exit codes: 0 status shown; 1 invalid status file or description, or a status file longer than \
            --history reads (--max-history-entries, --max-history-statuses); 2 unreadable input, \
            catalog errors, a review limit passed or a usage error.
            """
    )

    @OptionGroup var statusOptions: StatusOptions

    @Option(help: "Output format.")
    var format: StatusReportFormat = .text

    @OptionGroup var catalogs: CatalogOptions

    @Option(
        name: .customLong("frameworks"),
        help: ArgumentHelp(
            "Descriptions to review (repeatable); a do-not-recommend findings verdict keeps a framework from "
                + "counting as positively recommended (PRE-2) from its described_on date, and a positive verdict the "
                + "reviewers signed (--tracking) counts as their recommendation from the day of the last signature.",
            valueName: "path"),
        completion: .file(extensions: ["yaml", "yml"]))
    var frameworks: [String] = []

    @OptionGroup var tracking: TrackingOptions

    @Flag(help: "List the days on which any status changed, up to --as-of, with the status after each change.")
    var history = false

    @Option(
        help: ArgumentHelp(
            "With --history: most entries in the status file. The history reads the status on each date, "
                + "so its time grows with the square of the entries.",
            valueName: "count"))
    var maxHistoryEntries = PrerequisiteStatusFile.defaultHistoryEntries

    @Option(
        help: ArgumentHelp(
            "With --history: most prerequisite statuses listed, the prerequisites times the entries in the status "
                + "file, as each change lists every prerequisite.",
            valueName: "count"))
    var maxHistoryStatuses = PrerequisiteStatusFile.defaultHistoryStatuses

    @OptionGroup var limits: LimitOptions

    @OptionGroup var reviewLimits: ReviewLimitOptions

    func validate() throws {
        try Limit.refuseBelowLeast([
            ("--max-history-entries", maxHistoryEntries, 1), ("--max-history-statuses", maxHistoryStatuses, 1),
        ])
    }

    func run() throws {
        let set = try loadCatalogs()
        let status = try ReviewInputs.statusFile(
            statusOptions.statusFile, prerequisites: set.prerequisites.flatMap(\.prerequisites), limits: limits.limits)
        var verdicts: [FrameworkVerdictRecord] = []
        if !frameworks.isEmpty {
            let descriptions = try ReviewInputs.descriptions(frameworks, limits: limits.limits)
            let trackingSet = try ReviewInputs.tracking(tracking, limits: limits.limits)
            let result = try ReviewInputs.within { () throws(ReviewLimitExceeded) in
                try Engine.review(descriptions, catalogs: set, toolVersion: Mupj.version, limits: reviewLimits.limits)
            }
            // Joined once: for the warnings and for the verdicts.
            let tracked = TrackedReview.all(result, tracking: trackingSet)
            DiagnosticPrinter.print(TrackedReview.warnings(tracked))
            verdicts = FrameworkVerdictRecord.records(tracked)
        }
        let tracker = PrerequisiteTracker(catalogs: set.prerequisites, status: status, verdicts: verdicts)
        let asOf = statusOptions.asOf.flatMap(CalendarDay.init)
        if history {
            if let refusal = status.historyLimit(
                maxEntries: maxHistoryEntries, maxStatuses: maxHistoryStatuses,
                prerequisites: tracker.prerequisites.count, verdicts: verdicts)
            {
                DiagnosticPrinter.print([refusal])
                throw ExitCode(1)
            }
            // Without --as-of, every day of change, those after the inputs' latest date too (the
            // end of an exception window).
            let changes = tracker.history().filter { change in asOf.map { change.date <= $0 } ?? true }
            Terminal.standardOutput.write(StatusRendering.render(history: changes, file: status.path, as: format))
            return
        }
        guard let day = asOf ?? tracker.defaultDay else {
            Terminal.standardError.write("\(status.path): error: the status file has no dates; give --as-of\n")
            throw ExitCode(1)
        }
        Terminal.standardOutput.write(StatusRendering.render(tracker.report(asOf: day), as: format))
    }

    /// The catalogs: a prerequisite catalog is needed; clause catalogs only to review --frameworks.
    func loadCatalogs() throws -> CatalogSet {
        try ReviewInputs.catalogs(
            catalogs, limits: limits.limits, reviewLimits: reviewLimits.limits, requireClauses: !frameworks.isEmpty,
            requirePrerequisites: true)
    }
}
