import ArgumentParser
import Reports
import ReviewEngine
import ReviewRecords

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain a clause: its source, its checks in words and, with --framework, the decision trace.",
        discussion: """
            With --framework, each finding of the clause is traced on the description: the tests it ran, \
            the places they reached and what they found there. A finding the reviewers have judged in the \
            framework's tracking file shows their judgement under its message.

            Examples:
              mupj explain MUPJ-6
              mupj explain MUPJ-6 --framework frameworks/dirac.yaml
              mupj explain VO-4 --framework frameworks/examples/common-mistakes.yaml \\
                --tracking reviews/examples/shortcut.yaml

            Exit codes: 0 explained; 1 an invalid description or tracking file; 2 a usage error, no such \
            clause, unreadable input, catalog errors, or a review limit passed (--max-findings, --max-steps).
            """
    )

    @Argument(help: "Clause id, e.g. MUPJ-5 (case does not matter).")
    var clause: String

    @Option(
        help: "A description, or a directory of them, to trace the decision on.",
        completion: .file(extensions: ["yaml", "yml"]))
    var framework: String?

    @OptionGroup var catalogs: CatalogOptions
    @OptionGroup var limits: LimitOptions

    @OptionGroup var reviewLimits: ReviewLimitOptions

    @OptionGroup var tracking: TrackingOptions

    func validate() throws {
        if framework == nil && !tracking.tracking.isEmpty {
            throw ValidationError("--tracking needs --framework: judgements are on a framework's findings")
        }
    }

    func run() throws {
        let set = try ReviewInputs.catalogs(catalogs, limits: limits.limits, reviewLimits: reviewLimits.limits)
        guard let (catalog, found) = set.clause(clause) else {
            if let prerequisite = set.prerequisites.flatMap(\.prerequisites).first(where: {
                $0.id.lowercased() == clause.lowercased()
            }) {
                Terminal.standardError.write(
                    "error: \(prerequisite.id) is an MB prerequisite, not a clause; mupj status shows it, decided from "
                        + "the status file\n")
                throw ExitCode(2)
            }
            let ids = set.catalogs.flatMap { $0.clauses.map(\.id) }
            Terminal.standardError.write(
                "error: no clause '\(Escape.terminal(clause))'; known clauses: \(ids.joined(separator: ", "))\n")
            throw ExitCode(2)
        }
        // The description is read and evaluated before anything is printed: one that cannot be
        // read or is invalid gets its errors alone, not an explanation cut short.
        var traces: [String] = []
        let descriptions = try framework.map { try ReviewInputs.descriptions([$0], limits: limits.limits) } ?? []
        // Read once for all the descriptions of a directory: read for each, a tracking file's
        // diagnostics were printed once per description.
        let files = try descriptions.isEmpty ? .empty : ReviewInputs.tracking(tracking, limits: limits.limits)
        for description in descriptions {
            guard let file = files.file(framework: description.name, vo: description.vo) else {
                let result = try ReviewInputs.within { () throws(ReviewLimitExceeded) in
                    try Engine.evaluate(found, of: catalog, in: description, limits: reviewLimits.limits)
                }
                traces.append("\n" + Explanation.trace(result, file: description.file))
                continue
            }
            // A judgement is of a finding of the whole review: whether it still holds, or names a
            // finding that is gone, is decided against every finding, as the reports decide it.
            let review = try ReviewInputs.within { () throws(ReviewLimitExceeded) in
                try Engine.review(description, catalogs: set, limits: reviewLimits.limits)
            }
            let tracked = TrackedReview(review, file: file)
            DiagnosticPrinter.print(TrackedReview.warnings([tracked]))
            for result in review.clauses where result.clause.catalogID == catalog.id && result.clause.id == found.id {
                traces.append("\n" + Explanation.trace(result, file: description.file, tracking: tracked.tracking))
            }
        }
        Terminal.standardOutput.write(Explanation.clause(found, in: catalog) + traces.joined())
    }
}
