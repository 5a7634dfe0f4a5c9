import ArgumentParser
import Benchmarking
import PolicyCatalog
import Reports
import ReviewRecords
import YAMLDocument

extension BenchPart: ExpressibleByArgument {}

/// `mupj bench` (hidden): throughput, scaling, peak memory and start-up time of `validate` and of
/// the full review, on corpora generated from the template, against a plain libyaml event loop
/// over the same bytes; and, without targets, the review without its report and the YAML loader
/// alone, to show where the time goes. Run it from a release build: `scripts/bench.sh`. The
/// benchmark itself is the Benchmarking module's; this is its command line.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure validate and review against their performance targets (for developers).",
        shouldDisplay: false
    )

    @Option(help: "Minimum seconds spent measuring each figure in each round (the best repetition counts).")
    var seconds: Double = 1

    @Option(
        help: """
            Rounds over all the corpora; each figure is the best of its rounds, so that a busy spell \
            of a shared machine must hit the same row in every round to show.
            """)
    var rounds: Int = 2

    @Option(help: "Runs of the single-description command whose median is reported.")
    var runs: Int = 21

    @Option(help: "Keep the generated corpora in this directory instead of a temporary one.")
    var keep: String?

    @Option(
        help: ArgumentHelp(
            "Instead of the benchmark, run one operation in process over the files given, "
                + "\(BenchProfile.defaultRepeats) times by default, for a profiler (callgrind, perf): "
                + BenchProfile.operations.joined(separator: ", ") + ".",
            valueName: "operation"))
    var profile: String?

    @Option(help: "With --profile: how many times.")
    var repeats = BenchProfile.defaultRepeats

    @Option(help: "Which part to run: throughput (the corpora), hostile (the hostile inputs), or all.")
    var part: BenchPart = .all

    /// Internal: run the command after `--` as a child, and write its exit status, wall time and
    /// peak memory to this file (see `BenchChild.measured`).
    @Option(help: .hidden)
    var reportChildTo: String?

    /// Internal, with --report-child-to: where the child's standard error goes (discarded without).
    @Option(help: .hidden)
    var childStandardError: String?

    /// With --profile, the files; with --report-child-to, the command, after `--`. A plain list
    /// (not one that captures everything) so that `--help` shows this help instead of being taken
    /// for part of a command to run.
    @Argument(help: ArgumentHelp("With --profile: the files to run it on.", valueName: "file"))
    var files: [String] = []

    func validate() throws {
        guard rounds >= 1 else { throw ValidationError("--rounds must be at least 1") }
        if profile == nil && reportChildTo == nil && !files.isEmpty {
            throw ValidationError("files are taken only with --profile; the benchmark generates its own corpora")
        }
        if reportChildTo != nil && files.isEmpty {
            throw ValidationError("--report-child-to needs the command to run, after --")
        }
        if let profile {
            guard BenchProfile.operations.contains(profile) else {
                throw ValidationError(
                    "--profile takes one of \(BenchProfile.operations.joined(separator: ", ")), got '\(profile)'")
            }
            guard repeats > 0 else { throw ValidationError("--repeats must be at least 1") }
            guard !files.isEmpty else { throw ValidationError("--profile needs the files to run it on") }
        }
    }

    func run() throws {
        do {
            if let profile {
                try BenchProfile.run(profile, files: files, repeats: repeats, setup: Self.setup)
            } else if let reportChildTo {
                try BenchChild.report(running: files, standardError: childStandardError, to: reportChildTo)
            } else {
                let benchmark = Benchmark(seconds: seconds, rounds: rounds, runs: runs, keep: keep, part: part)
                try benchmark.run(Self.setup)
            }
        } catch let error as BenchError {
            throw Self.exitCode(for: error)
        }
    }

    /// The review is measured as `mupj review` makes it here: with the catalogs it would load, and
    /// its version in the reports.
    static let setup = BenchSetup(catalogs: catalogs, toolVersion: Mupj.version)

    /// The catalogs `mupj review` would load from here; nil when they do not load.
    static func catalogs() -> CatalogSet? {
        guard let options = try? CatalogOptions.parse([]) else { return nil }
        let (sources, problems) = options.sources(maxBytes: LoadLimits.default.maxBytes)
        guard problems.isEmpty else { return nil }
        return CatalogSet.verified(sources, limits: .default, requireClauses: true).set
    }

    /// Says what stopped the benchmark, and how the run ends: exit 1 when the files given are not
    /// what the operation reads (as for an invalid description), 2 for any other failure. Not a
    /// usage error: the arguments were checked in `validate()`, and no usage is printed.
    static func exitCode(for error: BenchError) -> ExitCode {
        switch error {
        case .unreadable(let problem):
            DiagnosticPrinter.print([problem])
            return ExitCode(2)
        case .invalidInput(let problems, let message):
            DiagnosticPrinter.print(problems)
            Terminal.standardError.write("mupj: error: \(Escape.terminal(message))\n")
            return ExitCode(1)
        case .failed(let message):
            Terminal.standardError.write("mupj: error: \(Escape.terminal(message))\n")
            return ExitCode(2)
        }
    }
}
