import ArgumentParser
import ReviewRecords
import YAMLDocument

/// The reviewers' tracking files, for every command that gives a verdict: `--tracking` files or
/// directories, by default the `reviews/tracking` directory when it exists.
struct TrackingOptions: ParsableArguments {
    static let defaultDirectory = "reviews/tracking"

    @Option(
        name: .customLong("tracking"),
        help: ArgumentHelp(
            "Tracking file or directory (repeatable): the reviewers' judgements on findings and their sign-offs "
                + "(format mupj-tracking/1, docs/tracking.md). Default: ./reviews/tracking when it exists.",
            valueName: "path"),
        completion: .file(extensions: ["yaml", "yml"]))
    var tracking: [String] = []

    @Flag(help: "Read no tracking file, not even the default directory: the verdicts the findings alone support.")
    var noTracking = false

    func validate() throws {
        if noTracking && !tracking.isEmpty {
            throw ValidationError("--no-tracking and --tracking contradict each other; give one")
        }
    }
}

extension ReviewInputs {
    /// The tracking files the options name, each validated, at most one per framework.
    static func tracking(_ options: TrackingOptions, limits: LoadLimits) throws -> TrackingSet {
        if options.noTracking { return .empty }
        return try tracking(named: options.tracking, limits: limits).set
    }

    /// The tracking files `paths` name, or with none those of `directory`, each validated, at most
    /// one per framework, and the files as read (for a command that adds to one of them). Unreadable
    /// files end the run with exit 2, invalid ones with exit 1, before anything is reviewed;
    /// `outcome` says what the command then did not do.
    static func tracking(
        named paths: [String], otherwise directory: String = TrackingOptions.defaultDirectory, limits: LoadLimits,
        outcome: String = "no review was made"
    ) throws -> (set: TrackingSet, sources: [SourceFile]) {
        var (files, problems): ([String], [Diagnostic])
        if paths.isEmpty {
            // The directory is optional, and may hold no file yet: a project with no review under way
            // has none. Something else under its name is not passed over: the verdicts would be the
            // findings' alone, with nothing to say why.
            switch FileKind.of(directory) {
            case .success(.directory): break
            case .success(let other):
                DiagnosticPrinter.print([
                    Diagnostic(
                        file: directory, location: nil,
                        message: "is \(other.article), not a directory of tracking files; name the tracking file "
                            + "or directory with --tracking")
                ])
                throw ExitCode(2)
            case .failure: return (.empty, [])
            }
            guard let listed = FileKind.entries(of: directory, endingWith: [".yaml", ".yml"]) else {
                DiagnosticPrinter.print([
                    Diagnostic(file: directory, location: nil, message: "cannot read the directory")
                ])
                throw ExitCode(2)
            }
            (files, problems) = listed
        } else {
            (files, problems) = Inputs.expand(paths, kind: "a tracking file")
        }
        var sources: [SourceFile] = []
        var diagnostics: [Diagnostic] = []
        for path in files {
            do {
                sources.append(try SourceFile.read(path, maxBytes: limits.maxBytes))
            } catch .unreadable(let diagnostic) {
                problems.append(diagnostic)
            } catch .tooLarge(let diagnostic) {
                // Content, not the file system: an invalid file (exit 1), as for a description.
                diagnostics.append(diagnostic)
            }
        }
        if !problems.isEmpty {
            DiagnosticPrinter.print(problems)
            throw ExitCode(2)
        }
        var loaded: [TrackingFile] = []
        for source in sources {
            let read = TrackingFileLoader.load(source, limits: limits)
            diagnostics += read.diagnostics
            if let file = read.file { loaded.append(file) }
        }
        let (set, repeats) = TrackingSet.make(loaded)
        diagnostics += repeats
        DiagnosticPrinter.print(diagnostics)
        if diagnostics.contains(where: { $0.severity == .error }) {
            Terminal.standardError.write("error: invalid tracking file; \(outcome)\n")
            throw ExitCode(1)
        }
        return (set, sources)
    }
}
