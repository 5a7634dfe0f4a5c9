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
    /// The tracking files the options name, or with none those of the default directory, each
    /// validated, at most one per framework. Unreadable files end the run with exit 2, invalid ones
    /// with exit 1, before anything is reviewed.
    static func tracking(_ options: TrackingOptions, limits: LoadLimits) throws -> TrackingSet {
        if options.noTracking { return .empty }
        let read: TrackingFiles.Read
        do throws(TrackingFiles.Failure) {
            if options.tracking.isEmpty {
                read = try TrackingFiles.inDirectory(TrackingOptions.defaultDirectory, limits: limits)
            } else {
                let (files, problems) = Inputs.expand(options.tracking, kind: "a tracking file")
                read = try TrackingFiles.read(files, problems: problems, limits: limits)
            }
        } catch {
            switch error {
            case .unreadable(let problems):
                DiagnosticPrinter.print(problems)
                throw ExitCode(2)
            case .invalid(let diagnostics):
                DiagnosticPrinter.print(diagnostics)
                Terminal.standardError.write("error: invalid tracking file; no review was made\n")
                throw ExitCode(1)
            }
        }
        DiagnosticPrinter.print(read.warnings)
        return read.set
    }
}
