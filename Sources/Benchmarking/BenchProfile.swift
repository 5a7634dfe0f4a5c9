import YAMLDocument

/// `mupj bench --profile`: one operation run in process over the files given, for a profiler
/// (callgrind, perf) to see it alone, without the corpora, the children and the libyaml loop of
/// the benchmark.
public enum BenchProfile {
    /// The operations `--profile` takes, by name.
    public static let operations = BenchOperation.profiled.map(\.key)

    /// How many times an operation runs unless told.
    public static let defaultRepeats = 20

    /// Runs one operation over the files `repeats` times and prints the best and the mean time of
    /// a run: what `valgrind --tool=callgrind` or `perf record` then see is that operation alone,
    /// without the corpora, the children and the libyaml loop of the benchmark. `key` is one of
    /// `operations` and `repeats` at least 1 (the command checks both as its arguments).
    public static func run(_ key: String, files paths: [String], repeats: Int, setup: BenchSetup) throws(BenchError) {
        guard let operation = BenchOperation.profiled.first(where: { $0.key == key }), repeats > 0 else {
            throw .failed(
                "cannot profile \(key) \(repeats) times; the operations are \(operations.joined(separator: ", "))")
        }
        var files: [SourceFile] = []
        for path in paths {
            do {
                files.append(try SourceFile.read(path, maxBytes: Int(UInt32.max)))
            } catch {
                throw .unreadable(error.diagnostic)
            }
        }
        let review = operation.needsCatalogs ? try setup.review() : nil
        // Only what the operation completes is worth timing: its input is checked once before,
        // with every problem located.
        let problems = files.flatMap(operation.input.problems)
        guard problems.isEmpty else {
            throw .invalidInput(problems, "--profile \(key) times valid input only; fix the files first")
        }
        let clock = ContinuousClock()
        var best = Double.infinity
        var total = 0.0
        for _ in 0..<repeats {
            let start = clock.now
            let errors = operation.inProcess(files, review)
            let elapsed = (clock.now - start).seconds
            guard errors == 0 else { throw .failed("\(key) reported \(errors) errors on input it accepted") }
            best = min(best, elapsed)
            total += elapsed
        }
        let bytes = files.reduce(0) { $0 + $1.bytes.count }
        print(
            "\(key): \(repeats) runs over \(files.count) file\(files.count == 1 ? "" : "s") "
                + "(\(BenchTable.fixed(Double(bytes) / 1e6, 2)) MB): best \(BenchTable.duration(best)), "
                + "mean \(BenchTable.duration(total / Double(repeats)))")
    }
}
