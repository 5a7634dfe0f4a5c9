extension Benchmark {
    /// Whether 10× the input takes at most 11× the time, for each pair of corpora: measured in
    /// samples of equal work, the larger corpus run once in turn with the smaller one run as many
    /// times as it is smaller, best of each. The best single runs of the table would not do: the
    /// larger corpus gets a few runs in the time the smaller one gets many, and on a shared
    /// machine the best of many runs is lower than the best of a few (same binary, 2026-11-27:
    /// 100 → 1 000 descriptions read ×9.8–12.6 from best single runs, ×9.2–10.2 in equal samples).
    func scaling(_ operation: BenchOperation, corpora: [BenchCorpus], review: BenchReview) -> [(String, Bool)] {
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
                let (largeTime, batchTime, _, _) = BenchTiming.best(seconds: seconds) {
                    _ = operation.inProcess(large.files, review)
                } and: {
                    for _ in 0..<repeats { _ = operation.inProcess(small.files, review) }
                }
                best = (min(best.large, largeTime), min(best.batch, batchTime))
            }
            let factor = best.large / (best.batch / Double(repeats))
            // The target is 11× the time for 10× the input; a pair whose input grows by another
            // factor is held to the same proportion.
            let allowed = 1.1 * inputRatio
            print(
                "  \(smallName) → \(largeName): input ×\(BenchTable.fixed(inputRatio, 2)), "
                    + "time ×\(BenchTable.fixed(factor, 2)) "
                    + "(≤ ×\(BenchTable.fixed(allowed, 2)))\(BenchTable.mark(factor <= allowed))")
            let target = "\(operation.name) \(smallName) → \(largeName): time ≤ 1.1× the input ratio"
            verdicts.append((target, factor <= allowed))
        }
        return verdicts
    }
}
