import FrameworkModel
import Reports
import ReviewEngine
import YAMLDocument

/// One operation the benchmark measures on every corpus: in process over bytes already in memory
/// (throughput, compared with the libyaml loop), and as a command (wall time and peak memory).
struct BenchOperation: Sendable {
    var name: String
    /// The name `--profile` takes.
    var key: String
    /// What it reads, checked before it is timed.
    var input: BenchInput
    /// Whether it reviews, with the catalogs `mupj review` would load from here.
    var needsCatalogs = false
    /// Whether the performance targets apply (memory, scaling, start-up; set for validate and review).
    var hasTargets: Bool
    /// Most time allowed, as a multiple of the libyaml loop over the same bytes.
    var ratioTarget: Double?
    /// Processes the files, reviewing with the catalogs given (nil only to an operation that does
    /// not review); returns the number of errors reported, which must be 0.
    var inProcess: @Sendable ([SourceFile], BenchReview?) -> Int
    /// The `mupj` arguments that do the same from the command line, if a command does.
    var arguments: (@Sendable ([String]) -> [String])?

    static let validate = BenchOperation(
        name: "validate", key: "validate", input: .description, hasTargets: true, ratioTarget: 2,
        inProcess: { files, _ in
            files.reduce(0) { errors, file in
                errors + DescriptionLoader.load(file).diagnostics.filter { $0.severity == .error }.count
            }
        },
        arguments: { ["validate"] + $0 })

    /// The full review: every shipped catalog (loaded once, as the command does), the engine, and
    /// the complete JSON report, one per corpus as `mupj review FILES --format json` writes it:
    /// the same stream, on every core (`StreamedReview`).
    static let review = BenchOperation(
        name: "review", key: "review", input: .description, needsCatalogs: true, hasTargets: true, ratioTarget: 3,
        inProcess: { streamed($0, with: $1, threads: Concurrently.cores) },
        arguments: { ["review"] + $0 + ["--format", "json", "--fail-on", "never"] })

    /// The same on the calling thread alone: the review's work, without the cores that share it.
    static let reviewOnOneThread = BenchOperation(
        name: "review on one thread", key: "review-one-thread", input: .description, needsCatalogs: true,
        hasTargets: false, ratioTarget: nil, inProcess: { streamed($0, with: $1, threads: 1) }, arguments: nil)

    /// The review on one thread without the report, to show how the review's time divides.
    static let engine = BenchOperation(
        name: "review without the report", key: "engine", input: .description, needsCatalogs: true,
        hasTargets: false, ratioTarget: nil,
        inProcess: { files, review in
            guard let catalogs = review?.catalogs else { return 1 }
            return files.reduce(0) { errors, file in
                guard let description = DescriptionLoader.load(file).description,
                    let review = try? Engine.review(description, catalogs: catalogs), !review.clauses.isEmpty
                else { return errors + 1 }
                return errors
            }
        },
        arguments: nil)

    /// Reviews the files as `mupj review --format json` does; returns the number of files that
    /// gave no report.
    private static func streamed(_ files: [SourceFile], with review: BenchReview?, threads: Int) -> Int {
        (try? stream(files, with: review, threads: threads)).map { files.count - $0.frameworks } ?? files.count
    }

    /// The size of the JSON report on `files`, as the review operation writes it.
    static func reportBytes(_ files: [SourceFile], with review: BenchReview?) -> Int {
        (try? stream(files, with: review, threads: Concurrently.cores))?.bytes ?? 0
    }

    private static func stream(_ files: [SourceFile], with review: BenchReview?, threads: Int)
        throws(StreamedReview.Failure) -> (frameworks: Int, bytes: Int)
    {
        guard let review, let stream = ReportStream(.json, colour: false) else { return (0, 0) }
        var streamed = StreamedReview(
            catalogs: review.catalogs, limits: .default, reviewLimits: .default, toolVersion: review.toolVersion,
            date: nil, workingDirectory: nil)
        streamed.threads = threads
        var bytes = 0
        let summary = try streamed.run(files, into: stream) { bytes += $0.count }
        return (summary.frameworks, bytes)
    }

    /// The loader alone, to the table that validation reads (no format validation), to show how
    /// validate's time divides.
    static let load = BenchOperation(
        name: "load (YAML only)", key: "load", input: .yaml, hasTargets: false, ratioTarget: nil,
        inProcess: { files, _ in
            files.reduce(0) { errors, file in
                errors + ((try? YAMLLoader.loadTable(file.bytes)) == nil ? 1 : 0)
            }
        },
        arguments: nil)

    static let all: [BenchOperation] = [validate, review, reviewOnOneThread, engine, load]

    /// The libyaml event loop alone, as an operation, for profiling it beside the others.
    static let libyaml = BenchOperation(
        name: "libyaml loop", key: "libyaml", input: .bytes, hasTargets: false, ratioTarget: nil,
        inProcess: { files, _ in
            files.reduce(0) { errors, file in errors + (LibYAMLLoop.events(file.bytes) > 0 ? 0 : 1) }
        },
        arguments: nil)

    static let profiled = all + [libyaml]
}
