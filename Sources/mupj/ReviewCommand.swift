import ArgumentParser
import Foundation
import PolicyCatalog
import Reports
import ReviewEngine

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
            with the evidence (file:line:col of every fact used) and a recommendation.

            Examples:
              mupj review frameworks/panda.yaml
              mupj review frameworks/ --format json > review.json
              mupj review frameworks/ --format json --format text --output-dir reports
              mupj review frameworks/ --output-dir reports --check

            Exit codes: 0 no violated finding at or above --fail-on; 1 such a finding, an invalid \
            description, or (with --check) stale reports; 2 unreadable input or catalog errors.
            """
    )

    @Argument(help: "Description files or directories.", completion: .file(extensions: ["yaml", "yml"]))
    var paths: [String]

    @OptionGroup var catalogs: CatalogOptions

    @Option(name: .customLong("format"), help: "Output format (repeatable with --output-dir).")
    var formats: [ReportFormat] = []

    @Option(help: "Write each format to a file in this directory instead of standard output.")
    var outputDir: String?

    @Flag(help: "With --output-dir: compare instead of writing; exit 1 and name the files that differ.")
    var check = false

    @Option(help: "Exit 1 when a violated finding of this severity or higher exists (or never).")
    var failOn: FailOn = .high

    @Option(help: "Date to print in reports (YYYY-MM-DD). Default: $SOURCE_DATE_EPOCH, else none.")
    var date: String?

    @OptionGroup var limits: LimitOptions

    func validate() throws {
        if outputDir == nil && formats.count > 1 {
            throw ValidationError("several --format values need --output-dir")
        }
        if check && outputDir == nil {
            throw ValidationError("--check compares the files in --output-dir; give one")
        }
    }

    func run() throws {
        let catalogSet = try ReviewInputs.catalogs(catalogs, limits: limits.limits)
        let descriptions = try ReviewInputs.descriptions(paths, limits: limits.limits)
        let result = Engine.review(descriptions, catalogs: catalogSet, toolVersion: Mupj.version)
        let context = ReportContext(result: result, date: try ReportDate.resolve(date))
        if let outputDir {
            let chosen = formats.isEmpty ? ReportFormat.allCases : formats
            let rendered = chosen.map { ($0.fileName, $0.render(context)) }
            let stale: [String]
            do {
                stale = try ReportDirectory.sync(rendered, into: outputDir, check: check)
            } catch {
                Terminal.standardError.write("\(error)\n")
                throw ExitCode(2)
            }
            if check {
                for path in stale { Terminal.standardError.write("\(path): error: stale report; regenerate it\n") }
                if !stale.isEmpty { throw ExitCode(1) }
                print("\(rendered.count) report(s) in \(outputDir) are up to date")
            } else {
                print("wrote " + rendered.map { outputDir + "/" + $0.0 }.joined(separator: ", "))
            }
        } else {
            let format = formats.first ?? .text
            Terminal.standardOutput.write(format.render(context, colour: Terminal.standardOutput.colours))
        }
        if let threshold = failOn.severity,
            result.frameworks.contains(where: { review in
                review.findings.contains { $0.status == .violated && $0.severity >= threshold }
            })
        {
            throw ExitCode(1)
        }
    }
}

/// The report date: `--date`, else `SOURCE_DATE_EPOCH` (reproducible builds convention), else
/// none, so that reports are byte-identical by default.
enum ReportDate {
    static func resolve(_ explicit: String?) throws -> String? {
        if let explicit {
            guard explicit.count == 10, explicit.split(separator: "-").count == 3 else {
                throw ValidationError("--date takes YYYY-MM-DD")
            }
            return explicit
        }
        guard let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"] else { return nil }
        guard let seconds = TimeInterval(epoch) else {
            throw ValidationError("SOURCE_DATE_EPOCH must be a number of seconds")
        }
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.locale = Locale(identifier: "en_US_POSIX")
        return formatter.string(from: Date(timeIntervalSince1970: seconds))
    }
}
