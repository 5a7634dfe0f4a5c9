import PolicyCatalog

/// Which of a condition's tests decided its truth, read from the observations the evaluator
/// recorded for it (one per test, in the order of the condition). The finding cites those tests'
/// places as its evidence; the trace keeps every test.
///
/// An `all` that holds rests on every part, and an `any` that fails on every part; otherwise a
/// condition rests on the parts that have its own truth: the false parts of a failed `all`, the
/// alternatives that hold of an `any`, the undecided parts of an undecided one. So a proxy that is
/// limited is cited for that, and not for the lifetime that the other alternative would have
/// needed; a directory of mode 0777 is cited for its mode, not for the owner that was right.
enum DecidingTests {
    /// Marks in `deciding` (indexed from `observations.startIndex`) the tests that decided
    /// `condition`, whose observations start at `index`; returns the index after them.
    @discardableResult
    static func mark(
        _ condition: Condition, _ observations: ArraySlice<Observation>, from index: Int, into deciding: inout [Bool]
    ) -> Int {
        switch condition {
        case .test:
            guard index < observations.endIndex else { return index }
            deciding[index - observations.startIndex] = true
            return index + 1
        case .not(let inner):
            return mark(inner, observations, from: index, into: &deciding)
        case .all(let items), .any(let items):
            var conjunctive = true
            if case .any = condition { conjunctive = false }
            // The parts' truths are read twice, for the whole and then part by part, rather than
            // kept in an array: a condition has a handful of tests, and this runs for every finding.
            let (truth, end) = self.truth(condition, observations, from: index)
            let everyPart = conjunctive ? truth == .true : truth == .false
            var next = index
            for item in items {
                let (part, after) = self.truth(item, observations, from: next)
                if everyPart || part == truth { mark(item, observations, from: next, into: &deciding) }
                next = after
            }
            return end
        }
    }

    /// The truth of `condition` by its observations from `index` on, and the index after them;
    /// unknown for tests that were not recorded (a review stopped at a limit records no more).
    static func truth(
        _ condition: Condition, _ observations: ArraySlice<Observation>, from index: Int
    ) -> (Truth, Int) {
        switch condition {
        case .test:
            guard index < observations.endIndex else { return (.unknown, index) }
            return (observations[index].truth, index + 1)
        case .not(let inner):
            let (truth, end) = self.truth(inner, observations, from: index)
            return (truth.negated, end)
        case .all(let items), .any(let items):
            var conjunctive = true
            if case .any = condition { conjunctive = false }
            var result = conjunctive ? Truth.true : Truth.false
            var next = index
            for item in items {
                let (truth, end) = self.truth(item, observations, from: next)
                result = conjunctive ? result.and(truth) : result.or(truth)
                next = end
            }
            return (result, next)
        }
    }
}
