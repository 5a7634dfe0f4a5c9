import YAMLDocument

/// How the review's time divides, from the best times of the operations the benchmark measured.
enum BenchBreakdown {
    /// Each stage is the difference between the operation that stops after it and the one before,
    /// all on one thread; then the review on every core. With the size of the JSON report against
    /// the input, which the report's share follows.
    static func printTable(_ corpora: [BenchCorpus], times: [String: [String: Double]], reviewing: BenchReview) {
        print("== where the review's time goes (differences of the rows above)")
        let widths = [20, 11, 8, 8, 8, 8, 11, 10, 24]
        let cores = "\(Concurrently.cores) cores"
        print(
            BenchTable.row(
                ["corpus", "libyaml", "load", "format", "engine", "report", "1 thread", cores, "JSON report"],
                widths: widths))
        for corpus in corpora {
            func time(_ key: String) -> Double? { times[key]?[corpus.name] }
            guard let load = time("load"), let validate = time("validate"), let engine = time("engine"),
                let single = time(BenchOperation.reviewOnOneThread.key), let review = time(BenchOperation.review.key),
                let loop = time("libyaml")
            else { continue }
            // In units of the libyaml loop, the yardstick of every target.
            func share(_ seconds: Double) -> String { BenchTable.fixed(seconds / loop, 2) + "×" }
            let out = Double(BenchOperation.reportBytes(corpus.files, with: reviewing))
            let size = "\(BenchTable.fixed(out / 1e6, 2)) MB, \(BenchTable.fixed(out / Double(corpus.bytes), 1))× input"
            let stages = [load, validate - load, engine - validate, single - engine, single, review].map(share)
            print(BenchTable.row([corpus.name, BenchTable.duration(loop)] + stages + [size], widths: widths))
        }
        print()
    }
}
