import ArgumentParser
import CLibYAML
import Corpora
import DocumentSchema
import FoundationEssentials
import FrameworkModel
import Glibc
import PolicyCatalog
import Reports
import ReviewEngine
import YAMLDocument

/// `mupj bench` (hidden): throughput, scaling, peak memory and start-up time of `validate` and of
/// the full review, on corpora generated from the template, against a plain libyaml event loop
/// over the same bytes; and, without targets, the review without its report and the YAML loader
/// alone, to show where the time goes. Run it from a release build: `scripts/bench.sh`.
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
                + "\(Self.profileRepeats) times by default, for a profiler (callgrind, perf): "
                + BenchOperation.profiled.map(\.key).joined(separator: ", ") + ".",
            valueName: "operation"))
    var profile: String?

    @Option(help: "With --profile: how many times.")
    var repeats = Self.profileRepeats

    static let profileRepeats = 20

    @Option(help: "Which part to run: throughput (the corpora), hostile (the hostile inputs), or all.")
    var part: BenchPart = .all

    /// Internal: run the command after `--` as a child, and write its exit status, wall time and
    /// peak memory to this file (see `Bench.measured`).
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
    }

    func run() throws {
        if let profile { return try Self.profile(profile, files: files, repeats: repeats) }
        if let reportChildTo {
            let result = try Bench.spawn(files, standardError: childStandardError)
            try "\(result.status) \(result.wall) \(result.maxRSSKilobytes)\n".write(
                toFile: reportChildTo, atomically: true, encoding: .utf8)
            return
        }
        let directory =
            keep
            ?? FileManager.default.temporaryDirectory.appendingPathComponent(
                "mupj-bench-\(ProcessInfo.processInfo.processIdentifier)"
            ).path
        defer { if keep == nil { try? FileManager.default.removeItem(atPath: directory) } }
        if BenchOperation.all.contains(where: \.needsCatalogs) { try Bench.requireCatalogs() }
        let executable = Bench.executablePath()
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
                let measured = try measure(operation, corpora: corpora, executable: executable, directory: directory)
                verdicts += measured.verdicts
                times[operation.key] = measured.times
                // The yardstick of the breakdown: the loop as timed beside the full review, so that
                // its total is the review's ratio above.
                if operation.key == BenchOperation.review.key { times["libyaml"] = measured.loops }
            }
            Self.printBreakdown(corpora, times: times)
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

    /// Runs one operation over the files `repeats` times and prints the best and the mean time of
    /// a run: what `valgrind --tool=callgrind` or `perf record` then see is that operation alone,
    /// without the corpora, the children and the libyaml loop of the benchmark.
    private static func profile(_ key: String, files paths: [String], repeats: Int) throws {
        guard let operation = BenchOperation.profiled.first(where: { $0.key == key }) else {
            throw ValidationError(
                "--profile takes one of \(BenchOperation.profiled.map(\.key).joined(separator: ", ")), got '\(key)'")
        }
        guard repeats > 0 else { throw ValidationError("--repeats must be at least 1") }
        guard !paths.isEmpty else { throw ValidationError("--profile needs the files to run it on") }
        var files: [SourceFile] = []
        for path in paths {
            do {
                files.append(try SourceFile.read(path, maxBytes: Int(UInt32.max)))
            } catch {
                DiagnosticPrinter.print([error.diagnostic])
                throw ExitCode(2)
            }
        }
        if operation.needsCatalogs { try Bench.requireCatalogs() }
        // Only what the operation completes is worth timing: its input is checked once before,
        // with every problem located.
        let problems = files.flatMap(operation.input.problems)
        guard problems.isEmpty else {
            DiagnosticPrinter.print(problems)
            Terminal.standardError.write("error: --profile \(key) times valid input only; fix the files first\n")
            throw ExitCode(1)
        }
        let clock = ContinuousClock()
        var best = Double.infinity
        var total = 0.0
        for _ in 0..<repeats {
            let start = clock.now
            let errors = operation.inProcess(files)
            let elapsed = (clock.now - start).seconds
            guard errors == 0 else { throw ValidationError("\(key) reported \(errors) errors on input it accepted") }
            best = min(best, elapsed)
            total += elapsed
        }
        let bytes = files.reduce(0) { $0 + $1.bytes.count }
        print(
            "\(key): \(repeats) runs over \(files.count) file\(files.count == 1 ? "" : "s") "
                + "(\(Bench.fixed(Double(bytes) / 1e6, 2)) MB): best \(Bench.duration(best)), "
                + "mean \(Bench.duration(total / Double(repeats)))")
    }

    private func measure(_ operation: BenchOperation, corpora: [BenchCorpus], executable: String, directory: String)
        throws -> (verdicts: [(String, Bool)], times: [String: Double], loops: [String: Double])
    {
        print("== \(operation.name)")
        let ratioHeader = operation.ratioTarget.map { "ratio≤\(Bench.fixed($0, 0))" } ?? "ratio"
        let header = ["corpus", "files", "MB", "B/event", "time", "MB/s", "files/s", "libyaml", ratioHeader, "CPU"]
        print(Bench.row(header + (operation.arguments == nil ? [] : ["CLI wall", "peak RSS", "limit"])))
        var verdicts: [(String, Bool)] = []
        for corpus in corpora {
            let errors = operation.inProcess(corpus.files)
            guard errors == 0 else {
                throw ValidationError("\(corpus.name): \(operation.name) reported \(errors) errors on a valid corpus")
            }
        }
        // Each corpus in every round, the rounds one after another: a slow spell of the machine
        // then spoils a figure only if it comes back at that row in every round.
        var bests = [(time: Double, loop: Double, cpu: Double)](
            repeating: (.infinity, .infinity, .infinity), count: corpora.count)
        var spreads: [Double] = []
        for _ in 0..<rounds {
            for (index, corpus) in corpora.enumerated() {
                let (time, loop, cpu, spread) = Bench.best(seconds: seconds) {
                    _ = operation.inProcess(corpus.files)
                } and: {
                    for file in corpus.files { _ = LibYAMLLoop.events(file.bytes) }
                }
                spreads.append(spread)
                let best = bests[index]
                bests[index] = (min(best.time, time), min(best.loop, loop), time < best.time ? cpu : best.cpu)
            }
        }
        var times: [String: Double] = [:]
        var loops: [String: Double] = [:]
        for (corpus, (time, loop, cpu)) in zip(corpora, bests) {
            times[corpus.name] = time
            loops[corpus.name] = loop
            let megabytes = Double(corpus.bytes) / 1e6
            let ratio = time / loop
            // Bytes per YAML event: libyaml's time grows with the bytes, the loader's and the walk's
            // with the events, so the denser the text, the higher the ratio for the same work.
            let events = corpus.files.reduce(0) { $0 + LibYAMLLoop.events($1.bytes) }
            var cells = [
                corpus.name, "\(corpus.files.count)", Bench.fixed(megabytes, 2),
                Bench.fixed(Double(corpus.bytes) / Double(max(events, 1)), 1), Bench.duration(time),
                Bench.fixed(megabytes / time, 1), Bench.fixed(Double(corpus.files.count) / time, 0),
                Bench.duration(loop),
                Bench.fixed(ratio, 2) + (operation.ratioTarget.map { Bench.mark(ratio <= $0) } ?? ""),
                // The processor time of the best run, all threads, in units of the libyaml loop.
                Bench.fixed(cpu / loop, 2) + "×",
            ]
            if let arguments = operation.arguments {
                let child = try Bench.measured(executable, arguments(corpus.paths), scratch: directory)
                guard child.status == 0 else {
                    throw ValidationError("\(corpus.name): `mupj \(operation.name)` exited with \(child.status)")
                }
                // Peak memory target: 4× the input plus 30 MB.
                let limit = 4 * megabytes + 30
                let peak = Double(child.maxRSSKilobytes) / 1e3
                cells += [
                    Bench.duration(child.wall), Bench.fixed(peak, 1) + " MB" + Bench.mark(peak <= limit),
                    Bench.fixed(limit, 1) + " MB",
                ]
                if operation.hasTargets {
                    verdicts.append(("\(operation.name) \(corpus.name): peak RSS ≤ 4× input + 30 MB", peak <= limit))
                }
            }
            print(Bench.row(cells))
            if let target = operation.ratioTarget {
                verdicts.append(
                    (
                        "\(operation.name) \(corpus.name): time ≤ \(Bench.fixed(target, 0))× libyaml loop",
                        ratio <= target
                    ))
            }
        }
        // How busy the machine was: a figure that misses its target by less than this may be the
        // machine's doing rather than the code's.
        if let least = spreads.min(), let most = spreads.max() {
            print(
                "machine: the loop's median run was \(Bench.fixed((least - 1) * 100, 0))–"
                    + "\(Bench.fixed((most - 1) * 100, 0)) % above its best, corpus by corpus and round by round")
        }

        if operation.hasTargets { verdicts += scaling(operation, corpora: corpora) }

        if let arguments = operation.arguments {
            let single = try BenchCorpus.single(from: corpora)
            var walls: [Double] = []
            for _ in 0..<max(runs, 1) {
                walls.append(try Bench.spawn([executable] + arguments([single])).wall)
            }
            walls.sort()
            let median = walls[walls.count / 2]
            print(
                "single description, `mupj \(operation.name)` wall over \(walls.count) runs: median "
                    + "\(Bench.duration(median)), min \(Bench.duration(walls[0])), max \(Bench.duration(walls.last!)) "
                    + "(target ≤ 30 ms)\(Bench.mark(median <= 0.030))")
            if operation.hasTargets {
                verdicts.append(("\(operation.name): single-description command ≤ 30 ms wall", median <= 0.030))
            }
        }
        print()
        return (verdicts, times, loops)
    }

    /// Whether 10× the input takes at most 11× the time, for each pair of corpora: measured in
    /// samples of equal work, the larger corpus run once in turn with the smaller one run as many
    /// times as it is smaller, best of each. The best single runs of the table would not do: the
    /// larger corpus gets a few runs in the time the smaller one gets many, and on a shared
    /// machine the best of many runs is lower than the best of a few (same binary, 2026-11-27:
    /// 100 → 1 000 descriptions read ×9.8–12.6 from best single runs, ×9.2–10.2 in equal samples).
    private func scaling(_ operation: BenchOperation, corpora: [BenchCorpus]) -> [(String, Bool)] {
        print("scaling (10× the input should take ≤ 11× the time; the larger corpus once against the smaller")
        print("one as many times as it is smaller, in turn, best of each):")
        var verdicts: [(String, Bool)] = []
        for (smallName, largeName) in BenchCorpus.scalingPairs {
            guard let small = corpora.first(where: { $0.name == smallName }),
                let large = corpora.first(where: { $0.name == largeName })
            else { continue }
            let inputRatio = Double(large.bytes) / Double(small.bytes)
            let repeats = max(1, Int(inputRatio.rounded()))
            var best = (large: Double.infinity, batch: Double.infinity)
            for _ in 0..<rounds {
                let (largeTime, batchTime, _, _) = Bench.best(seconds: seconds) {
                    _ = operation.inProcess(large.files)
                } and: {
                    for _ in 0..<repeats { _ = operation.inProcess(small.files) }
                }
                best = (min(best.large, largeTime), min(best.batch, batchTime))
            }
            let factor = best.large / (best.batch / Double(repeats))
            // The target is 11× the time for 10× the input; a pair whose input grows by another
            // factor is held to the same proportion.
            let allowed = 1.1 * inputRatio
            print(
                "  \(smallName) → \(largeName): input ×\(Bench.fixed(inputRatio, 2)), time ×\(Bench.fixed(factor, 2)) "
                    + "(≤ ×\(Bench.fixed(allowed, 2)))\(Bench.mark(factor <= allowed))")
            let target = "\(operation.name) \(smallName) → \(largeName): time ≤ 1.1× the input ratio"
            verdicts.append((target, factor <= allowed))
        }
        return verdicts
    }

    /// How the review's time divides, from the best times of the operations above: each stage is
    /// the difference between the operation that stops after it and the one before, all on one
    /// thread; then the review on every core. With the size of the JSON report against the
    /// input, which the report's share follows.
    private static func printBreakdown(_ corpora: [BenchCorpus], times: [String: [String: Double]]) {
        print("== where the review's time goes (differences of the rows above)")
        let widths = [20, 11, 8, 8, 8, 8, 11, 10, 24]
        let cores = "\(Concurrently.cores) cores"
        print(
            Bench.row(
                ["corpus", "libyaml", "load", "format", "engine", "report", "1 thread", cores, "JSON report"],
                widths: widths))
        for corpus in corpora {
            func time(_ key: String) -> Double? { times[key]?[corpus.name] }
            guard let load = time("load"), let validate = time("validate"), let engine = time("engine"),
                let single = time(BenchOperation.reviewOnOneThread.key), let review = time(BenchOperation.review.key),
                let loop = time("libyaml")
            else { continue }
            // In units of the libyaml loop, the yardstick of every target.
            func share(_ seconds: Double) -> String { Bench.fixed(seconds / loop, 2) + "×" }
            let out = Double(BenchOperation.reportBytes(corpus.files))
            let size = "\(Bench.fixed(out / 1e6, 2)) MB, \(Bench.fixed(out / Double(corpus.bytes), 1))× input"
            let stages = [load, validate - load, engine - validate, single - engine, single, review].map(share)
            print(Bench.row([corpus.name, Bench.duration(loop)] + stages + [size], widths: widths))
        }
        print()
    }
}

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
    /// Processes the files; returns the number of errors reported, which must be 0.
    var inProcess: @Sendable ([SourceFile]) -> Int
    /// The `mupj` arguments that do the same from the command line, if a command does.
    var arguments: (@Sendable ([String]) -> [String])?

    static let validate = BenchOperation(
        name: "validate", key: "validate", input: .description, hasTargets: true, ratioTarget: 2,
        inProcess: { files in
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
        inProcess: { streamed($0, threads: Concurrently.cores) },
        arguments: { ["review"] + $0 + ["--format", "json", "--fail-on", "never"] })

    /// The same on the calling thread alone: the review's work, without the cores that share it.
    static let reviewOnOneThread = BenchOperation(
        name: "review on one thread", key: "review-one-thread", input: .description, needsCatalogs: true,
        hasTargets: false, ratioTarget: nil, inProcess: { streamed($0, threads: 1) }, arguments: nil)

    /// The review on one thread without the report, to show how the review's time divides.
    static let engine = BenchOperation(
        name: "review without the report", key: "engine", input: .description, needsCatalogs: true,
        hasTargets: false, ratioTarget: nil,
        inProcess: { files in
            guard let catalogs = BenchCatalogs.shipped else { return 1 }
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
    private static func streamed(_ files: [SourceFile], threads: Int) -> Int {
        (try? stream(files, threads: threads)).map { files.count - $0.frameworks } ?? files.count
    }

    /// The size of the JSON report on `files`, as the review operation writes it.
    static func reportBytes(_ files: [SourceFile]) -> Int {
        (try? stream(files, threads: Concurrently.cores))?.bytes ?? 0
    }

    private static func stream(_ files: [SourceFile], threads: Int) throws(StreamedReview.Failure) -> (
        frameworks: Int, bytes: Int
    ) {
        guard let catalogs = BenchCatalogs.shipped, let stream = ReportStream(.json, colour: false) else {
            return (0, 0)
        }
        var review = StreamedReview(
            catalogs: catalogs, limits: .default, reviewLimits: .default, toolVersion: Mupj.version, date: nil,
            workingDirectory: nil)
        review.threads = threads
        var bytes = 0
        let summary = try review.run(files, into: stream) { bytes += $0.count }
        return (summary.frameworks, bytes)
    }

    /// The loader alone, to the table that validation reads (no format validation), to show how
    /// validate's time divides.
    static let load = BenchOperation(
        name: "load (YAML only)", key: "load", input: .yaml, hasTargets: false, ratioTarget: nil,
        inProcess: { files in
            files.reduce(0) { errors, file in
                errors + ((try? YAMLLoader.loadTable(file.bytes)) == nil ? 1 : 0)
            }
        },
        arguments: nil)

    static let all: [BenchOperation] = [validate, review, reviewOnOneThread, engine, load]

    /// The libyaml event loop alone, as an operation, for profiling it beside the others.
    static let libyaml = BenchOperation(
        name: "libyaml loop", key: "libyaml", input: .bytes, hasTargets: false, ratioTarget: nil,
        inProcess: { files in
            files.reduce(0) { errors, file in errors + (LibYAMLLoop.events(file.bytes) > 0 ? 0 : 1) }
        },
        arguments: nil)

    static let profiled = all + [libyaml]
}

/// What a benchmark operation reads.
enum BenchInput: Sendable {
    /// Any bytes (the libyaml loop reports what it cannot parse as the end of its events).
    case bytes
    /// One YAML document.
    case yaml
    /// A valid framework description.
    case description

    /// What keeps `file` from being this input, located.
    func problems(_ file: SourceFile) -> [Diagnostic] {
        switch self {
        case .bytes:
            return []
        case .yaml:
            do throws(Diagnostic) {
                _ = try file.load(limits: .default)
                return []
            } catch {
                return [error]
            }
        case .description:
            return DescriptionLoader.load(file).diagnostics.filter { $0.severity == .error }
        }
    }
}

/// The catalogs the review measurement uses: those `mupj review` would load from here.
enum BenchCatalogs {
    static let shipped: CatalogSet? = {
        guard let options = try? CatalogOptions.parse([]) else { return nil }
        let (sources, problems) = options.sources(maxBytes: LoadLimits.default.maxBytes)
        guard problems.isEmpty else { return nil }
        return CatalogSet.verified(sources, limits: .default, requireClauses: true).set
    }()
}

/// A set of generated descriptions on disk and in memory.
struct BenchCorpus {
    var name: String
    var paths: [String]
    var files: [SourceFile]
    var bytes: Int { files.reduce(0) { $0 + $1.bytes.count } }

    static let counts = [1, 10, 100, 1000]
    static let largeComponents = 10_000
    static let scalingPairs = [
        ("1 description", "10 descriptions"), ("10 descriptions", "100 descriptions"),
        ("100 descriptions", "1000 descriptions"),
    ]

    static func generate(in directory: String) throws -> [BenchCorpus] {
        let manager = FileManager.default
        var corpora: [BenchCorpus] = []
        for count in counts {
            let folder = directory + "/corpus-\(count)"
            try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
            var paths: [String] = []
            var files: [SourceFile] = []
            for i in 0..<count {
                let path = folder + "/framework-\(i).yaml"
                let bytes = Array(TemplateCorpus.variation(i).utf8)
                try Data(bytes).write(to: URL(fileURLWithPath: path))
                paths.append(path)
                files.append(SourceFile(path: path, bytes: bytes))
            }
            corpora.append(
                BenchCorpus(name: "\(count) description\(count == 1 ? "" : "s")", paths: paths, files: files))
        }
        let path = directory + "/large-\(largeComponents).yaml"
        let bytes = Array(TemplateCorpus.withComponents(largeComponents).utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        corpora.append(
            BenchCorpus(
                name: "\(largeComponents) components", paths: [path], files: [SourceFile(path: path, bytes: bytes)]))
        if let shipped = shipped() { corpora.append(shipped) }
        return corpora
    }

    /// The descriptions in `frameworks/`, when the benchmark runs from the project's root (as it
    /// must, for the catalogs): real descriptions, each 26–51 KB with its sources and notes, where
    /// every generated one is the 7 KB template, whose findings per byte are what the targets are
    /// missed on. Measured against the same targets, so that neither kind hides the other.
    static func shipped(directory: String = "frameworks") -> BenchCorpus? {
        let (paths, problems) = Inputs.expand([directory])
        let (files, unreadable) = SourceFile.read(paths, maxBytes: LoadLimits.default.maxBytes)
        guard problems.isEmpty, unreadable.isEmpty, !files.isEmpty else { return nil }
        return BenchCorpus(name: "\(files.count) shipped", paths: paths, files: files)
    }

    /// The one-description corpus's file, for start-up time.
    static func single(from corpora: [BenchCorpus]) throws -> String {
        guard let path = corpora.first?.paths.first else { throw ValidationError("no corpus generated") }
        return path
    }
}

/// Parse and discard: the libyaml event loop alone, the floor a loader on libyaml cannot beat.
enum LibYAMLLoop {
    static func events(_ bytes: [UInt8]) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, !buffer.isEmpty else { return 0 }
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return 0 }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_input_string(&parser, base, buffer.count)
            var event = yaml_event_t()
            var count = 0
            while yaml_parser_parse(&parser, &event) == 1 {
                let done = event.type == YAML_STREAM_END_EVENT
                yaml_event_delete(&event)
                count += 1
                if done { break }
            }
            return count
        }
    }
}

enum Bench {
    /// The review is measured with the shipped catalogs; without them there is nothing to measure.
    static func requireCatalogs() throws {
        guard BenchCatalogs.shipped == nil else { return }
        Terminal.standardError.write(
            "error: the review is measured with the catalogs `mupj review` would read here, and they do not "
                + "load; run `mupj clauses` to see why\n")
        throw ExitCode(2)
    }

    /// The 1 000 descriptions fit five runs of the review in a second, and the review's time varies
    /// more than the loop's (its mean is 1.3–1.8 times its best): the best of five was often a
    /// slow run, and their ratio read higher than that of 100 descriptions, whose best was of 50.
    static let minimumRuns = 10

    /// The best time of one run of each of `first` and `second`, run in turn for at least
    /// `seconds` (the two together) and `minimumRuns` times each. In turn, so that a slow spell of a
    /// shared machine falls on both rather than on one side of the ratio; the best of several runs
    /// is the one least disturbed.
    ///
    /// Also the processor time of `first`'s best run, summed over all its threads: a run spread
    /// over several cores takes less time than the work it does.
    ///
    /// And the median run of `second` over its best: how much the machine disturbed the runs
    /// (the libyaml loop's own time hardly varies on a quiet machine).
    static func best(seconds: Double, _ first: () -> Void, and second: () -> Void) -> (
        first: Double, second: Double, firstCPU: Double, secondSpread: Double
    ) {
        let clock = ContinuousClock()
        var best = (first: Double.infinity, firstCPU: Double.infinity)
        var spent = (0.0, 0.0)
        var secondRuns: [Double] = []
        while spent.0 + spent.1 < seconds || secondRuns.count < minimumRuns {
            var start = clock.now
            let cpu = processorTime()
            first()
            let a = (clock.now - start).seconds
            if a < best.first { (best.first, best.firstCPU) = (a, processorTime() - cpu) }
            start = clock.now
            second()
            let b = (clock.now - start).seconds
            secondRuns.append(b)
            spent = (spent.0 + a, spent.1 + b)
        }
        secondRuns.sort()
        return (best.first, secondRuns[0], best.firstCPU, secondRuns[secondRuns.count / 2] / secondRuns[0])
    }

    /// The processor time this process has used, all threads together, in seconds.
    static func processorTime() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    struct Child {
        var status: Int32
        var wall: Double
        var maxRSSKilobytes: Int
    }

    /// Runs a command with its output discarded (its standard error written to `standardError`
    /// if given); its wall time and peak resident memory (from wait4's rusage, which covers that
    /// child alone).
    static func spawn(_ argv: [String], standardError: String? = nil) throws -> Child {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, standardError ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        var cArguments = argv.map { strdup($0) } + [nil]
        defer { for pointer in cArguments { free(pointer) } }
        let clock = ContinuousClock()
        let start = clock.now
        var pid = pid_t()
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, &cArguments, environ)
        guard spawned == 0 else {
            throw ValidationError("cannot run \(argv[0]): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw ValidationError("wait4 failed: \(String(cString: strerror(errno)))") }
        }
        let wall = (clock.now - start).seconds
        let exitStatus = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return Child(status: exitStatus, wall: wall, maxRSSKilobytes: Int(usage.ru_maxrss))
    }

    /// Runs `mupj ARGUMENTS` through a helper `mupj bench --report-child-to FILE -- …` and reads
    /// the figures it writes. The helper is needed for the peak: a child's `ru_maxrss` starts from
    /// the high-water mark of the process it was spawned from, which here holds all the corpora;
    /// spawned from the small helper, it starts from that helper's mark (the binary's baseline,
    /// which the command reaches anyway).
    static func measured(
        _ executable: String, _ arguments: [String], scratch: String, standardError: String? = nil
    ) throws -> Child {
        let report = scratch + "/child-\(UUID().uuidString).txt"
        defer { try? FileManager.default.removeItem(atPath: report) }
        let capture = standardError.map { ["--child-standard-error", $0] } ?? []
        let helper = try spawn(
            [executable, "bench", "--report-child-to", report] + capture + ["--", executable] + arguments)
        guard helper.status == 0 else { throw ValidationError("the measuring helper exited with \(helper.status)") }
        let fields = try String(contentsOfFile: report, encoding: .utf8).split(whereSeparator: \.isWhitespace)
        guard fields.count == 3, let status = Int32(fields[0]), let wall = Double(fields[1]),
            let peak = Int(fields[2])
        else { throw ValidationError("cannot read the measuring helper's report") }
        return Child(status: status, wall: wall, maxRSSKilobytes: peak)
    }

    static func executablePath() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    static func fixed(_ value: Double, _ decimals: Int) -> String {
        guard value.isFinite else { return "-" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        var text = String(rounded)
        if text.hasSuffix(".0") && decimals == 0 { text.removeLast(2) }
        if let dot = text.firstIndex(of: ".") {
            let have = text.distance(from: dot, to: text.endIndex) - 1
            if have < decimals { text += String(repeating: "0", count: decimals - have) }
        } else if decimals > 0 {
            text += "." + String(repeating: "0", count: decimals)
        }
        return text
    }

    /// Three figures or more: a tenth of a microsecond below 1 ms, where the runs of one
    /// description lie and a hundredth of a millisecond is 4 % of a run.
    static func duration(_ seconds: Double) -> String {
        if seconds < 1e-3 { return fixed(seconds * 1e6, 1) + " µs" }
        return seconds < 1 ? fixed(seconds * 1000, 2) + " ms" : fixed(seconds, 3) + " s"
    }

    static func mark(_ ok: Bool) -> String { ok ? " ✓" : " ✗" }

    static func row(_ cells: String...) -> String { row(cells) }

    static func row(_ cells: [String], widths: [Int] = [20, 6, 7, 9, 11, 8, 9, 11, 9, 8, 11, 13, 9]) -> String {
        zip(cells, widths).map { cell, width in
            cell.count >= width ? cell + " " : cell + String(repeating: " ", count: width - cell.count)
        }.joined()
    }
}

/// The parts of the benchmark, run alone with `--part`.
enum BenchPart: String, ExpressibleByArgument, CaseIterable {
    case all, throughput, hostile
}

extension Duration {
    fileprivate var seconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) / 1e18
    }
}
