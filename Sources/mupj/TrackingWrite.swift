import ArgumentParser
import Reports
import ReviewEngine
import ReviewRecords
import YAMLDocument

extension Judgement.Kind: ExpressibleByArgument {}

/// What `judge` and `sign-off` share: the framework reviewed as the reports review it, and its
/// tracking file, held by a `TrackingFileWriter` for an entry to be added to it; here, what the
/// writer says and why it refused, in the commands' words and exits.
struct TrackingWrite {
    /// For the commands' help.
    static let turns = """
        Commands adding to files of one directory take turns: one that finds another at work waits \
        for it (up to 10 s, --wait), then adds to the file as the other left it. A tracking file \
        that is a symbolic link is replaced where it leads, and takes turns in that directory.
        """

    /// The tracking file, held from reading it to writing it.
    let writer: TrackingFileWriter

    var review: FrameworkReview { writer.review }
    var path: String { writer.path }
    /// The file as read, nil when it is to be made.
    var file: TrackingFile? { writer.file }

    init(
        _ options: TrackedFrameworkOptions, catalogs: CatalogOptions, limits: LoadLimits, reviewLimits: ReviewLimits
    ) throws {
        if case .success(.directory) = FileKind.of(options.framework) {
            DiagnosticPrinter.print([
                Diagnostic(
                    file: options.framework, location: nil,
                    message: "is a directory; --framework names the one description the entry is about")
            ])
            throw ExitCode(2)
        }
        let set = try ReviewInputs.catalogs(catalogs, limits: limits, reviewLimits: reviewLimits)
        guard let description = try ReviewInputs.descriptions([options.framework], limits: limits).first else {
            throw ExitCode(2)
        }
        let review = try ReviewInputs.within { () throws(ReviewLimitExceeded) in
            try Engine.review(description, catalogs: set, limits: reviewLimits)
        }
        do {
            writer = try TrackingFileWriter(
                for: review, tracking: options.tracking, otherwise: TrackingOptions.defaultDirectory,
                wait: .seconds(options.wait), limits: limits
            ) { notice in
                switch notice {
                case .waiting(let directory):
                    Terminal.standardError.write(
                        "waiting for another mupj command adding to a file in \(Escape.terminal(directory))\n")
                case .diagnostics(let diagnostics):
                    DiagnosticPrinter.print(diagnostics)
                }
            }
        } catch {
            throw Self.failed(error)
        }
    }

    /// Prints why nothing was added, or written; returns the exit that ends the run.
    static func failed(_ failure: TrackingFileWriter.Failure) -> ExitCode {
        switch failure {
        case .refused(let diagnostics):
            DiagnosticPrinter.print(diagnostics)
            return ExitCode(2)
        case .invalid(let diagnostics):
            DiagnosticPrinter.print(diagnostics)
            Terminal.standardError.write("error: invalid tracking file; nothing was added\n")
            return ExitCode(1)
        case .tooLarge(let diagnostic):
            DiagnosticPrinter.print([diagnostic])
            return ExitCode(1)
        case .noTurn(let failure):
            Terminal.standardError.write(Escape.terminal(failure.description) + "\n")
            return ExitCode(2)
        case .didNotReadBack(let path, let diagnostics):
            DiagnosticPrinter.print(diagnostics)
            Terminal.standardError.write(
                "\(Escape.terminal(path)): error: internal error: the entry did not read back; nothing was written\n")
            return ExitCode(2)
        case .changed(let path):
            Terminal.standardError.write(
                "\(Escape.terminal(path)): error: the file changed while the entry was being added; nothing was "
                    + "written, "
                    + "run the command again\n")
            return ExitCode(2)
        case .cannotWrite(let failure):
            Terminal.standardError.write(Escape.terminal("\(failure)") + "\n")
            return ExitCode(2)
        }
    }

    /// The finding with `id`, which must be open.
    func openFinding(_ id: String) throws -> Finding {
        guard let finding = review.findings.first(where: { $0.id == id }) else {
            throw refusal(
                nil,
                "no finding of \(review.name) (\(review.vo)) has the id \(id); the ids are in the reports "
                    + "(mupj review \(review.file))")
        }
        guard finding.status.isOpen else {
            throw refusal(
                nil,
                "finding \(id) (\(finding.ruleID)) is \(finding.status.rawValue); only open findings (violated, "
                    + "needs-information) are judged")
        }
        return finding
    }

    /// Says why nothing was added, located in the description or at `location` in the tracking
    /// file; returns the exit that ends the run.
    func refusal(_ location: SourceLocation?, _ message: String) -> ExitCode {
        DiagnosticPrinter.print([
            Diagnostic(
                file: location == nil ? review.file : path, location: location,
                message: message + "; nothing was added")
        ])
        return ExitCode(2)
    }

    /// Adds `items` to the list `section` (see `TrackingFileWriter.add`), and says the file was
    /// written; returns the file as written.
    func add(_ items: [[String]], to section: String, added: (TrackingFile) -> Bool) throws -> TrackingFile {
        do {
            let (file, replacement) = try writer.add(items, to: section, added: added)
            Terminal.wrote(path, replacement, verb: writer.source == nil ? "wrote" : "updated")
            return file
        } catch {
            throw Self.failed(error)
        }
    }

    /// The verdict with the file as written, for the command to print; says first, as every
    /// command reading the file does, which of its judgements no longer apply.
    func verdict(with file: TrackingFile) -> String {
        let tracked = TrackedReview(review, file: file)
        DiagnosticPrinter.print(TrackedReview.warnings([tracked]))
        let verdict = tracked.verdict
        // The names come from the description and the tracking file, written by others.
        return Escape.terminal("\(review.name) (\(review.vo)): \(verdict.verdict.phrase), \(verdict.signOff.phrase)")
            + "\n"
    }
}
