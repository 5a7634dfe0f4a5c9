import ArgumentParser
import FrameworkModel
import PolicyCatalog
import Reports
import ReviewEngine
import ReviewRecords
import YAMLDocument

/// Loading what a review needs, with every problem printed as a diagnostic. Unreadable files
/// and catalog errors end the run with exit 2; invalid descriptions with exit 1.
enum ReviewInputs {
    /// What `review` returns, or the limit it passed printed, located at the check, and exit 2: a
    /// review stopped part way makes no report.
    static func within<T>(_ review: () throws(ReviewLimitExceeded) -> T) throws -> T {
        do {
            return try review()
        } catch {
            throw refusal(error)
        }
    }

    /// Prints a review limit passed, located at the check; returns the exit that ends the run.
    static func refusal(_ exceeded: ReviewLimitExceeded) -> ExitCode {
        DiagnosticPrinter.print([exceeded.diagnostic])
        return ExitCode(2)
    }

    /// The catalogs; `requireClauses` is false for commands that need only the prerequisites. The
    /// examples of each catalog are run together within `reviewLimits`, or the default limits
    /// where those are higher: a limit lowered for the descriptions does not refuse the catalogs.
    static func catalogs(
        _ options: CatalogOptions, limits: LoadLimits, reviewLimits: ReviewLimits = .default,
        requireClauses: Bool = true, requirePrerequisites: Bool = false
    ) throws -> CatalogSet {
        let (sources, problems) = options.sources(maxBytes: limits.maxBytes)
        var diagnostics = problems
        let (set, loadDiagnostics) = CatalogSet.verified(
            sources, limits: limits, reviewLimits: reviewLimits, requireClauses: requireClauses)
        diagnostics += loadDiagnostics
        DiagnosticPrinter.print(diagnostics)
        guard let set, diagnostics.allSatisfy({ $0.severity != .error }) else {
            Terminal.standardError.write("error: the catalogs could not be loaded, and nothing was done\n")
            throw ExitCode(2)
        }
        if requirePrerequisites && set.prerequisites.isEmpty {
            Terminal.standardError.write(
                "error: no prerequisite catalog (a file with 'prerequisites:') among "
                    + options.paths.joined(separator: ", ") + "\n")
            throw ExitCode(2)
        }
        return set
    }

    /// The one file at `path`, or its error printed and the run ended: exit 2 when it cannot be
    /// read, 1 when it is too large (the content's fault: an invalid file, as a description is).
    static func read(_ path: String, limits: LoadLimits) throws -> SourceFile {
        do {
            return try SourceFile.read(path, maxBytes: limits.maxBytes)
        } catch {
            switch error {
            case .unreadable(let diagnostic):
                DiagnosticPrinter.print([diagnostic])
                throw ExitCode(2)
            case .tooLarge(let diagnostic):
                DiagnosticPrinter.print([diagnostic])
                throw ExitCode(1)
            }
        }
    }

    /// The prerequisites status file, checked against the prerequisite catalogs.
    static func statusFile(_ path: String, prerequisites: [Prerequisite], limits: LoadLimits) throws
        -> PrerequisiteStatusFile
    {
        let source = try read(path, limits: limits)
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
        try checkedDescriptions(paths, limits: limits, keeping: .all).compactMap(\.description)
    }

    /// The files of valid descriptions, read once and kept as bytes, with every description
    /// checked but only the last one kept decoded: a review that writes one framework at a time
    /// decodes the others again when their turn comes, so memory holds the input bytes and a few
    /// descriptions at most, and a single description is decoded once.
    static func descriptionSources(_ paths: [String], limits: LoadLimits) throws -> (
        sources: [SourceFile], last: FrameworkDescription?
    ) {
        let checked = try checkedDescriptions(paths, limits: limits, keeping: .last)
        return (checked.map(\.source), checked.last?.description)
    }

    /// A valid description, decoded if the caller asked to keep it so.
    private struct Checked: Sendable {
        var source: SourceFile
        var description: FrameworkDescription?
    }

    /// The framework a valid description describes, and where its name is written.
    struct Described: Sendable {
        var name: String
        var vo: String
        var nameLocation: SourceLocation?

        var key: FrameworkKey { FrameworkKey(name: name, vo: vo) }
    }

    /// Which valid descriptions loading keeps decoded.
    enum Keep: Sendable {
        case all, last, none

        func keeps(_ index: Int, of count: Int) -> Bool {
            switch self {
            case .all: return true
            case .last: return index == count - 1
            case .none: return false
            }
        }
    }

    /// What loading one file gave; a valid description may still have warnings.
    enum LoadedFile: Sendable {
        case unreadable(Diagnostic)
        /// With the file as read, unless it was too large to read, and the other kind of file it
        /// is, when it is one of mupj's other files.
        case invalid(path: String, [Diagnostic], SourceFile?, other: InputKind?)
        case valid(SourceFile, [Diagnostic], Described, FrameworkDescription?)
    }

    /// Reads and loads `files`, side by side on every core, in their order, keeping decoded the
    /// valid descriptions that `keeping` names.
    static func load(_ files: [String], limits: LoadLimits, keeping: Keep) -> [LoadedFile] {
        Concurrently.map(files.count) { index -> LoadedFile in
            do throws(SourceFile.ReadFailure) {
                let source = try SourceFile.read(files[index], maxBytes: limits.maxBytes)
                let outcome = DescriptionLoader.load(source, limits: limits)
                guard let description = outcome.description else {
                    let other = InputKind.other(source, refusedWith: outcome.diagnostics, limits: limits)
                    return .invalid(path: files[index], outcome.diagnostics, source, other: other)
                }
                let framework = Described(
                    name: description.name, vo: description.vo,
                    nameLocation: description.root.object?["framework"]?.object?["name"]?.range.start)
                let kept = keeping.keeps(index, of: files.count) ? description : nil
                return .valid(source, outcome.diagnostics, framework, kept)
            } catch {
                switch error {
                case .unreadable(let diagnostic): return .unreadable(diagnostic)
                case .tooLarge(let diagnostic): return .invalid(path: files[index], [diagnostic], nil, other: nil)
                }
            }
        }
    }

    /// Why a file is not a description: its errors as one, or, when it is another of mupj's
    /// files (a tracking file kept among the descriptions), that alone, with what reads it.
    private static func refused(path: String, _ diagnostics: [Diagnostic], other: InputKind?) -> [Diagnostic] {
        guard let other, let readBy = other.readBy else { return diagnostics }
        let location = diagnostics.count == 1 ? diagnostics[0].location : .start
        return [
            Diagnostic(
                file: path, location: location,
                message: "this is a \(other.noun(1)), not a framework description; \(readBy) (and keep it apart "
                    + "from the descriptions, if it is in their directory)")
        ]
    }

    /// Loads every description, keeping decoded those that `keeping` names; prints every
    /// diagnostic, in the order of the files, then ends the run when a file is unreadable (exit 2)
    /// or a description is invalid (exit 1).
    private static func checkedDescriptions(_ paths: [String], limits: LoadLimits, keeping: Keep) throws
        -> [Checked]
    {
        let (files, problems) = Inputs.expand(paths)
        let loaded = load(files, limits: limits, keeping: keeping)
        var unreadable = problems
        var diagnostics: [Diagnostic] = []
        var checked: [Checked] = []
        // One description per framework, matched as tracking files are (`FrameworkKey`): the MB
        // reads one verdict per framework, and a tracking file would apply to both. (Two copies of
        // a description also gave the same ids to both, so links in the reports jumped to the other
        // one: ids are made from the VO and the name, so only the same framework shares them.)
        var described: [FrameworkKey: String] = [:]
        for file in loaded {
            switch file {
            case .unreadable(let diagnostic):
                unreadable.append(diagnostic)
            case .invalid(let path, let problems, _, let other):
                diagnostics += refused(path: path, problems, other: other)
            case .valid(let source, let problems, let framework, let description):
                diagnostics += problems
                if let first = described[framework.key] {
                    diagnostics.append(
                        Diagnostic(
                            file: source.path, location: framework.nameLocation,
                            message: "\(first) already describes \(framework.name) (\(framework.vo)); a review takes "
                                + "one description per framework"))
                    continue
                }
                described[framework.key] = source.path
                checked.append(Checked(source: source, description: description))
            }
        }
        DiagnosticPrinter.print(unreadable + diagnostics)
        if !unreadable.isEmpty { throw ExitCode(2) }
        if diagnostics.contains(where: { $0.severity == .error }) {
            Terminal.standardError.write("error: the descriptions cannot be reviewed as they are; no review was made\n")
            throw ExitCode(1)
        }
        return checked
    }
}

extension ReviewInputs {
    /// The prerequisites report for the summary, with the verdicts of `frameworks` (the reviewed
    /// frameworks joined with their tracking files, as the reports show them): nil (shown as "not
    /// assessed") when no prerequisite catalog is loaded or the default status file is absent; a
    /// file named must exist.
    static func prerequisites(
        _ options: StatusOptions, catalogs: CatalogSet, frameworks: [TrackedReview], limits: LoadLimits
    ) throws -> PrerequisiteReport? {
        guard !catalogs.prerequisites.isEmpty else { return nil }
        // Only the default may be missing, and only when nothing at all is there: a file the user
        // named, or a link at the default's place that leads nowhere, is read and its problem
        // reported.
        if options.named == nil && FileKind.nothingAt(options.statusFile) { return nil }
        let status = try statusFile(
            options.statusFile, prerequisites: catalogs.prerequisites.flatMap(\.prerequisites), limits: limits)
        let verdicts = FrameworkVerdictRecord.records(frameworks)
        let tracker = PrerequisiteTracker(catalogs: catalogs.prerequisites, status: status, verdicts: verdicts)
        guard let day = options.asOf.flatMap(CalendarDay.init) ?? tracker.defaultDay else { return nil }
        return tracker.report(asOf: day)
    }
}
