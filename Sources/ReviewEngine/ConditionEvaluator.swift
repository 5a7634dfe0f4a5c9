import DocumentSchema
import PolicyCatalog

/// Evaluates check-language conditions over one subject of a description in three-valued logic,
/// recording an `Observation` for every field test so the decision can be explained.
struct ConditionEvaluator {
    let resolver: PathResolver
    /// The resolver's: places, elements and pattern searches count on one meter.
    var meter: WorkMeter { resolver.meter }

    /// The truth of `condition`, each of its tests recorded in `observations`; `negated` says
    /// that it is read under an odd number of `not`s, and `nested` that it is a part of an `all`
    /// or `any`, for what decided it (`Observation.decides`).
    func evaluate(
        _ condition: Condition, subject: Value, subjectPath: String, phase: Observation.Phase,
        into observations: inout [Observation], negated: Bool = false, nested: Bool = false
    ) -> Truth {
        switch condition {
        case .all(let items), .any(let items):
            // Every item is evaluated (no short cut) so the trace is complete; `truth` below is the
            // short cut, for when only the outcome counts.
            var conjunctive = true
            if case .any = condition { conjunctive = false }
            var result = conjunctive ? Truth.true : Truth.false
            // Each part's truth and first observation, on the stack: marking what decided here,
            // where the parts' truths are known, spares a second walk of the catalog's conditions,
            // which two threads reviewing side by side share (and count references on).
            return withUnsafeTemporaryAllocation(of: (truth: Truth, start: Int).self, capacity: items.count) {
                parts in
                for (index, item) in items.enumerated() {
                    let start = observations.count
                    let truth = evaluate(
                        item, subject: subject, subjectPath: subjectPath, phase: phase, into: &observations,
                        negated: negated, nested: true)
                    parts.initializeElement(at: index, to: (truth, start))
                    result = conjunctive ? result.and(truth) : result.or(truth)
                }
                // See `Observation.decides`. Read as the message reads it: under a `not`, an `all`
                // is an `any` of the negated parts.
                let readsAll = conjunctive != negated
                let read = negated ? result.negated : result
                // A part of a larger condition that fails as an `all` fails by its false parts alone.
                let onlyFalse = nested && readsAll && read == .false
                for index in parts.indices {
                    let part = negated ? parts[index].truth.negated : parts[index].truth
                    let leftAside =
                        read == .true ? !readsAll && part != .true : part == .true || (onlyFalse && part == .unknown)
                    guard leftAside else { continue }
                    let end = index + 1 < parts.count ? parts[index + 1].start : observations.count
                    for observation in parts[index].start..<end { observations[observation].decides = false }
                }
                return result
            }
        case .not(let inner):
            return evaluate(
                inner, subject: subject, subjectPath: subjectPath, phase: phase, into: &observations,
                negated: !negated, nested: nested
            ).negated
        case .test(let test):
            var reached = resolver.resolve(test.path, subject: subject, subjectPath: subjectPath)
            let truth = Self.apply(test.op, to: reached, meter: meter)
            var unlisted = 0
            if reached.count > Observation.listedPlaces {
                unlisted = reached.count - Observation.listedPlaces
                reached = Self.listed(reached, test.op, truth, meter: meter)
            }
            var observation = Observation(phase: phase, test: test, reached: reached, truth: truth, unlisted: unlisted)
            for reference in test.path.references {
                observation.via += resolver.resolve(reference, subject: subject, subjectPath: subjectPath)
                    .prefix(Observation.listedPlaces)
            }
            observations.append(observation)
            return truth
        }
    }

    /// The truth of `condition` alone: settled as soon as it is known (`all` stops at its first
    /// false item, `any` at its first true one, which Kleene's logic allows whatever the other
    /// items hold), recording nothing and naming no place. Whether an element is selected at all,
    /// before the full evaluation that explains a selected one: a `where` that fails on its first
    /// test then never follows the rest, which may reach every element of a collection.
    func truth(_ condition: Condition, subject: Value) -> Truth {
        switch condition {
        case .all(let items): return Truth.and(items.lazy.map { truth($0, subject: subject) })
        case .any(let items): return Truth.or(items.lazy.map { truth($0, subject: subject) })
        case .not(let inner): return truth(inner, subject: subject).negated
        case .test(let test):
            switch resolver.followThroughObjects(test.path, subject: subject, subjectPath: nil) {
            case .nothing: return Self.apply(test.op, to: EmptyCollection(), meter: meter)
            case .one(let place): return Self.apply(test.op, to: CollectionOfOne(place), meter: meter)
            case .needsWalk:
                return Self.apply(
                    test.op, to: resolver.walk(test.path, subject: subject, subjectPath: nil), meter: meter)
            }
        }
    }

    static func apply(_ op: Operator, to reached: some Collection<Reached>, meter: WorkMeter) -> Truth {
        // The values are read in place, not gathered into an array first: a path through a whole
        // collection reaches every element of it. Places reached for sure decide; a possible place
        // (see `Reached.possible`) can only turn an answer into unknown, where it would change it.
        var missing = false
        var anyKnown = false
        var certain = 0
        var possibleGap = false
        for place in reached {
            let known: Bool
            if case .known = place.state { known = true } else { known = false }
            if place.possible {
                if !known { possibleGap = true }
                continue
            }
            certain += 1
            if known { anyKnown = true } else { missing = true }
        }
        switch op {
        case .exists(let wanted):
            if reached.isEmpty { return wanted ? .false : .true }
            if wanted { return certain == 0 || missing ? .unknown : .true }
            if anyKnown { return .false }
            // Not stated where it is reached for sure, unless one of those does not know.
            if reached.contains(where: { !$0.possible && !$0.isAbsent }) { return .unknown }
            // Not stated wherever it is reached for sure: a possible place that states it, or does
            // not know, may make that false.
            return reached.contains { $0.possible && !$0.isAbsent } ? .unknown : .true
        case .contains, .containsAll, .containsAny:
            // Which of the wanted values some stated item is, read in place: a path through a
            // derived field reaches every element that refers back, each a value or a list.
            let (wanted, needAll) = op.wanted
            var found = [Bool](repeating: false, count: wanted.count)
            var possiblyFound = possibleGap
            for place in reached {
                guard case .known(let v) = place.state else { continue }
                // An item missing from a partial list may still be there: that is a gap, not a fact.
                if v.partial { missing = true }
                meter.steps += v.itemCount * wanted.count / WorkMeter.comparisonsPerStep
                v.forEachItem { item in
                    if item.isUnknown { missing = true }
                    for (index, literal) in wanted.enumerated() where !found[index] && matches(item, literal) {
                        if place.possible { possiblyFound = true } else { found[index] = true }
                    }
                }
            }
            let satisfied = needAll ? !found.contains(false) : found.contains(true)
            if satisfied { return .true }
            return missing || possiblyFound ? .unknown : .false
        default:
            if reached.isEmpty { return .false }
            // Kleene's "and" over every stated value, with unknown for any gap.
            var possiblyFails = possibleGap
            for place in reached {
                guard case .known(let v) = place.state else { continue }
                if !test(op, v, meter) {
                    if !place.possible { return .false }
                    possiblyFails = true
                }
            }
            // Reached only possibly: there may be no such element (false) or only passing ones.
            if certain == 0 { return .unknown }
            return missing || possiblyFails ? .unknown : .true
        }
    }

    /// The `Observation.listedPlaces` of `reached` to list, in the order reached.
    static func listed(_ reached: [Reached], _ op: Operator, _ truth: Truth, meter: WorkMeter) -> [Reached] {
        decidingFirst(reached, op, truth, meter: meter).prefix(Observation.listedPlaces).sorted().map {
            reached[$0]
        }
    }

    /// The positions of `reached`, those that decide `truth` first (a value that makes the test
    /// false, a gap that makes it unknown; for a test that holds, the values a `contains…` found),
    /// each group in the order reached: what a finding lists, and names in its message.
    static func decidingFirst(_ reached: [Reached], _ op: Operator, _ truth: Truth, meter: WorkMeter) -> [Int] {
        let wanted = op.wanted.literals
        func decides(_ place: Reached) -> Bool {
            // A gap decides a test that is unknown; a test that fails is decided by stated values.
            // A possible place matters only where it made the test unknown.
            if place.possible { return truth == .unknown }
            guard case .known(let value) = place.state else { return truth == .unknown }
            switch (op, truth) {
            case (.exists, .false): return true  // stated where it should not be
            case (.exists, _): return false
            case (.contains, .true), (.containsAll, .true), (.containsAny, .true):
                return value.containsItem { item in wanted.contains { matches(item, $0) } }
            case (.contains, .unknown), (.containsAll, .unknown), (.containsAny, .unknown):
                return value.partial || value.containsItem(where: \.isUnknown)
            case (.contains, _), (.containsAll, _), (.containsAny, _): return false
            case (_, .false): return !test(op, value, meter)
            default: return false
            }
        }
        let deciding = reached.map(decides)
        return reached.indices.filter { deciding[$0] } + reached.indices.filter { !deciding[$0] }
    }

    private static func test(_ op: Operator, _ value: Value, _ meter: WorkMeter) -> Bool {
        switch op {
        case .equals(let literal): return matches(value, literal)
        case .oneOf(let literals):
            meter.steps += literals.count / WorkMeter.comparisonsPerStep
            return literals.contains { matches(value, $0) }
        case .atLeast(let bound): return number(value).map { $0 >= bound } ?? false
        case .atMost(let bound): return number(value).map { $0 <= bound } ?? false
        case .matches(let pattern):
            guard let text = value.string else { return false }
            return meter.search(pattern, in: text, at: value.range.start.offset)
        default: return false
        }
    }

    static func matches(_ value: Value, _ literal: Literal) -> Bool {
        switch literal {
        case .string(let s): return value.string == s
        case .number(let d): return number(value) == d
        case .boolean(let b): return value.boolean == b
        }
    }

    private static func number(_ value: Value) -> Double? {
        switch value.content {
        case .integer(let i): return Double(i)
        case .number(let d): return d
        default: return nil
        }
    }
}

extension Operator {
    /// For the `contains…` tests, the values looked for and whether all of them must be present;
    /// no values for the others.
    fileprivate var wanted: (literals: [Literal], all: Bool) {
        switch self {
        case .contains(let literal): return ([literal], true)
        case .containsAll(let literals): return (literals, true)
        case .containsAny(let literals): return (literals, false)
        default: return ([], true)
        }
    }
}

extension Value {
    /// Calls `body` with each item of a list, or with the value itself when it is not a list:
    /// what `contains` tests look through, without gathering the items into an array.
    fileprivate func forEachItem(_ body: (Value) -> Void) {
        if case .list(let items) = content { items.forEach(body) } else { body(self) }
    }

    /// How many items `forEachItem` calls its body with.
    fileprivate var itemCount: Int {
        if case .list(let items) = content { return items.count }
        return 1
    }

    /// Whether an item of a list, or the value itself when it is not a list, satisfies `predicate`.
    fileprivate func containsItem(where predicate: (Value) -> Bool) -> Bool {
        if case .list(let items) = content { return items.contains(where: predicate) }
        return predicate(self)
    }
}
