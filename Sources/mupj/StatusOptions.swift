import ArgumentParser
import ReviewRecords

/// The MB prerequisites status file and the day to report on, for `status`, `summary` and the
/// summary that `review --output-dir` writes.
struct StatusOptions: ParsableArguments {
    static let defaultStatusFile = "reviews/prerequisites.yaml"

    @Option(
        name: .customLong("status-file"),
        help: ArgumentHelp(
            "The MB prerequisites status file. Default: ./reviews/prerequisites.yaml (for the MB summary, a missing "
                + "default means the prerequisites are not assessed; a file named here must be there).",
            valueName: "path"),
        completion: .file(extensions: ["yaml", "yml"]))
    var named: String?

    /// The status file to read: the one named, else the default.
    var statusFile: String { named ?? Self.defaultStatusFile }

    /// Whether the user gave either option, for a command that reads them only in some runs.
    var given: Bool { named != nil || asOf != nil }

    @Option(
        help: ArgumentHelp(
            "The day to report the prerequisites on, YYYY-MM-DD (UTC). Default: the latest date the inputs record "
                + "(the status file's entries, the descriptions' described_on, the verdicts' last signatures; never "
                + "today, so the same files give the same output).",
            valueName: "date"))
    var asOf: String?

    func validate() throws {
        if named?.isEmpty == true { throw ValidationError("--status-file is empty; name the status file") }
        if let asOf, CalendarDay(asOf) == nil {
            throw ValidationError("--as-of takes a date YYYY-MM-DD, got '\(asOf)'")
        }
    }
}
