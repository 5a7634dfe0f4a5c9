import YAMLDocument

extension Benchmark {
    /// One operation's table: on each corpus, its time in process against the libyaml loop over
    /// the same bytes, and, where a command does the same, that command's wall time and peak
    /// memory as a child process; then its scaling and its start-up time on one description.
    /// Returns the verdicts on its targets, and the best times by corpus of the operation and of
    /// the loop beside it.
    func measure(
        _ operation: BenchOperation, corpora: [BenchCorpus], review: BenchReview, executable: String,
        directory: String
    ) throws -> (verdicts: [(String, Bool)], times: [String: Double], loops: [String: Double]) {
        print("== \(operation.name)")
        let ratioHeader = operation.ratioTarget.map { "ratio≤\(BenchTable.fixed($0, 0))" } ?? "ratio"
        let header = ["corpus", "files", "MB", "B/event", "time", "MB/s", "files/s", "libyaml", ratioHeader, "CPU"]
        print(BenchTable.row(header + (operation.arguments == nil ? [] : ["CLI wall", "peak RSS", "limit"])))
        var verdicts: [(String, Bool)] = []
        for corpus in corpora {
            let errors = operation.inProcess(corpus.files, review)
            guard errors == 0 else {
                throw BenchError.failed("\(corpus.name): \(operation.name) reported \(errors) errors on a valid corpus")
            }
        }
        // Each corpus in every round, the rounds one after another: a slow spell of the machine
        // then spoils a figure only if it comes back at that row in every round.
        var bests = [(time: Double, loop: Double, cpu: Double)](
            repeating: (.infinity, .infinity, .infinity), count: corpora.count)
        var spreads: [Double] = []
        for _ in 0..<rounds {
            for (index, corpus) in corpora.enumerated() {
                let (time, loop, cpu, spread) = BenchTiming.best(seconds: seconds) {
                    _ = operation.inProcess(corpus.files, review)
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
                corpus.name, "\(corpus.files.count)", BenchTable.fixed(megabytes, 2),
                BenchTable.fixed(Double(corpus.bytes) / Double(max(events, 1)), 1), BenchTable.duration(time),
                BenchTable.fixed(megabytes / time, 1), BenchTable.fixed(Double(corpus.files.count) / time, 0),
                BenchTable.duration(loop),
                BenchTable.fixed(ratio, 2) + (operation.ratioTarget.map { BenchTable.mark(ratio <= $0) } ?? ""),
                // The processor time of the best run, all threads, in units of the libyaml loop.
                BenchTable.fixed(cpu / loop, 2) + "×",
            ]
            if let arguments = operation.arguments {
                let child = try BenchChild.measured(executable, arguments(corpus.paths), scratch: directory)
                guard child.status == 0 else {
                    throw BenchError.failed("\(corpus.name): `mupj \(operation.name)` exited with \(child.status)")
                }
                // Peak memory target: 4× the input plus 30 MB.
                let limit = 4 * megabytes + 30
                let peak = Double(child.maxRSSKilobytes) / 1e3
                cells += [
                    BenchTable.duration(child.wall),
                    BenchTable.fixed(peak, 1) + " MB" + BenchTable.mark(peak <= limit),
                    BenchTable.fixed(limit, 1) + " MB",
                ]
                if operation.hasTargets {
                    verdicts.append(("\(operation.name) \(corpus.name): peak RSS ≤ 4× input + 30 MB", peak <= limit))
                }
            }
            print(BenchTable.row(cells))
            if let target = operation.ratioTarget {
                verdicts.append(
                    (
                        "\(operation.name) \(corpus.name): time ≤ \(BenchTable.fixed(target, 0))× libyaml loop",
                        ratio <= target
                    ))
            }
        }
        // How busy the machine was: a figure that misses its target by less than this may be the
        // machine's doing rather than the code's.
        if let least = spreads.min(), let most = spreads.max() {
            print(
                "machine: the loop's median run was \(BenchTable.fixed((least - 1) * 100, 0))–"
                    + "\(BenchTable.fixed((most - 1) * 100, 0)) % above its best, corpus by corpus and round by round")
        }

        if operation.hasTargets { verdicts += scaling(operation, corpora: corpora, review: review) }

        if let arguments = operation.arguments {
            let single = try BenchCorpus.single(from: corpora)
            var walls: [Double] = []
            for _ in 0..<max(runs, 1) {
                walls.append(try BenchChild.spawn([executable] + arguments([single])).wall)
            }
            walls.sort()
            let median = walls[walls.count / 2]
            print(
                "single description, `mupj \(operation.name)` wall over \(walls.count) runs: median "
                    + "\(BenchTable.duration(median)), min \(BenchTable.duration(walls[0])), "
                    + "max \(BenchTable.duration(walls.last!)) (target ≤ 30 ms)\(BenchTable.mark(median <= 0.030))")
            if operation.hasTargets {
                verdicts.append(("\(operation.name): single-description command ≤ 30 ms wall", median <= 0.030))
            }
        }
        print()
        return (verdicts, times, loops)
    }
}
