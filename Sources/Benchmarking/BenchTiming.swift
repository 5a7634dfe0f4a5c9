import Glibc

/// How the benchmark times work in process: the best of repeated runs, and the processor time
/// they took.
enum BenchTiming {
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
}

extension Duration {
    /// The duration in seconds, as the benchmark's figures are.
    var seconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) / 1e18
    }
}
