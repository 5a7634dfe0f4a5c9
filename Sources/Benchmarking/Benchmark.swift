import FoundationEssentials
import YAMLDocument

/// `mupj bench`: throughput, scaling, peak memory and start-up time of `validate` and of the full
/// review, on corpora generated from the template, against a plain libyaml event loop over the
/// same bytes; and, without targets, the review without its report and the YAML loader alone, to
/// show where the time goes; then the hostile inputs, timed as child processes. Run it from a
/// release build: `scripts/bench.sh`.
public struct Benchmark: Sendable {
    /// Minimum seconds spent measuring each figure in each round (the best repetition counts).
    public var seconds: Double
    /// Rounds over all the corpora; each figure is the best of its rounds, so that a busy spell of
    /// a shared machine must hit the same row in every round to show.
    public var rounds: Int
    /// Runs of the single-description command whose median is reported.
    public var runs: Int
    /// Where the generated corpora are kept; nil for a temporary directory, removed after.
    public var keep: String?
    public var part: BenchPart

    public init(seconds: Double, rounds: Int, runs: Int, keep: String?, part: BenchPart) {
        self.seconds = seconds
        self.rounds = rounds
        self.runs = runs
        self.keep = keep
        self.part = part
    }

    /// Runs the parts asked for, printing their tables and the tallies of targets met.
    public func run(_ setup: BenchSetup) throws {
        let directory =
            keep
            ?? FileManager.default.temporaryDirectory.appendingPathComponent(
                "mupj-bench-\(ProcessInfo.processInfo.processIdentifier)"
            ).path
        defer { if keep == nil { try? FileManager.default.removeItem(atPath: directory) } }
        // Both parts review: the operations in process, and the hostile inputs' children, with the
        // catalogs `mupj review` reads here.
        let review = try setup.review()
        let executable = BenchChild.executablePath()
        print(
            "mupj bench: \(Concurrently.cores) CPUs, best of repetitions over \(seconds) s, "
                + "best of \(rounds) round\(rounds == 1 ? "" : "s")")
        print("binary: \(executable)")
        if part != .hostile {
            print(
                "time and MB/s: in process over bytes in memory (the review on every core, as the command makes it;\n"
                    + "the rest on one thread); libyaml: its event loop alone over the same bytes, on one thread;\n"
                    + "CPU: the processor time of all the threads, in units of the loop;\n"
                    + "CLI wall and peak RSS: the command run as a child process on the corpus files")
        }
        print()

        var verdicts: [(String, Bool)] = []
        if part != .hostile {
            let corpora = try BenchCorpus.generate(in: directory)
            var times: [String: [String: Double]] = [:]
            for operation in BenchOperation.all {
                let measured = try measure(
                    operation, corpora: corpora, review: review, executable: executable, directory: directory)
                verdicts += measured.verdicts
                times[operation.key] = measured.times
                // The yardstick of the breakdown: the loop as timed beside the full review, so that
                // its total is the review's ratio above.
                if operation.key == BenchOperation.review.key { times["libyaml"] = measured.loops }
            }
            BenchBreakdown.printTable(corpora, times: times, reviewing: review)
            try BenchMainJob.measure(corpora, executable: executable, directory: directory)
        }
        var hostile: [(String, Bool)] = []
        if part != .throughput {
            hostile = try BenchHostile.measure(executable: executable, directory: directory)
        }
        // Two tallies: the throughput targets, and the hostile inputs' bounds, so that each
        // stays comparable from run to run when only the other part is run.
        for (title, results) in [("targets met", verdicts), ("hostile inputs within bounds", hostile)]
        where !results.isEmpty {
            print("\(title): \(results.filter(\.1).count) of \(results.count)")
            for (target, ok) in results where !ok { print("  missed: \(target)") }
        }
    }
}
