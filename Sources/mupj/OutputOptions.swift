import ArgumentParser

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
