import DocumentSchema
import PolicyCatalog

/// Evaluates check-language conditions over one subject of a description in three-valued logic,
/// recording an `Observation` for every field test so the decision can be explained.
struct ConditionEvaluator {
    let resolver: PathResolver
    /// Compiled once per review rather than once per value tested.
    let regexes = RegexCache()

    func evaluate(
        _ condition: Condition, subject: Value, subjectPath: String, phase: Observation.Phase,
        into observations: inout [Observation]
    ) -> Truth {
        switch condition {
        case .all(let items):
            // Every item is evaluated (no short cut) so the trace and evidence are complete.
            let truths = items.map {
                evaluate($0, subject: subject, subjectPath: subjectPath, phase: phase, into: &observations)
            }
            return Truth.and(truths)
        case .any(let items):
            let truths = items.map {
                evaluate($0, subject: subject, subjectPath: subjectPath, phase: phase, into: &observations)
            }
            return Truth.or(truths)
        case .not(let inner):
            return evaluate(inner, subject: subject, subjectPath: subjectPath, phase: phase, into: &observations)
                .negated
        case .test(let test):
            let reached = resolver.resolve(test.path, subject: subject, subjectPath: subjectPath)
            let truth = Self.apply(test.op, to: reached, regexes: regexes)
            observations.append(Observation(phase: phase, test: test, reached: reached, truth: truth))
            return truth
        }
    }

    static func apply(_ op: Operator, to reached: [Reached], regexes: RegexCache) -> Truth {
        var known: [Value] = []
        var missing = false
        for place in reached {
            switch place.state {
            case .known(let v): known.append(v)
            case .unknown, .absent: missing = true
            }
        }
        switch op {
        case .exists(let wanted):
            if reached.isEmpty { return wanted ? .false : .true }
            if wanted { return missing ? .unknown : .true }
            let absent = reached.allSatisfy { if case .absent = $0.state { return true } else { return false } }
            return absent ? .true : known.isEmpty ? .unknown : .false
        case .contains, .containsAll, .containsAny:
            let values = known.flatMap { $0.list ?? [$0] }
            // An item missing from a partial list may still be there: that is a gap, not a fact.
            if values.contains(where: \.isUnknown) || known.contains(where: \.partial) { missing = true }
            let present = { (literal: Literal) in values.contains { matches($0, literal) } }
            let wanted: [Literal]
            let needAll: Bool
            switch op {
            case .contains(let l): (wanted, needAll) = ([l], true)
            case .containsAll(let ls): (wanted, needAll) = (ls, true)
            case .containsAny(let ls): (wanted, needAll) = (ls, false)
            default: (wanted, needAll) = ([], true)
            }
            let satisfied = needAll ? wanted.allSatisfy(present) : wanted.contains(where: present)
            if satisfied { return .true }
            return missing ? .unknown : .false
        default:
            if reached.isEmpty { return .false }
            var truths = known.map { Truth(test(op, $0, regexes)) }
            if missing { truths.append(.unknown) }
            return Truth.and(truths)
        }
    }

    private static func test(_ op: Operator, _ value: Value, _ regexes: RegexCache) -> Bool {
        switch op {
        case .equals(let literal): return matches(value, literal)
        case .oneOf(let literals): return literals.contains { matches(value, $0) }
        case .atLeast(let bound): return number(value).map { $0 >= bound } ?? false
        case .atMost(let bound): return number(value).map { $0 <= bound } ?? false
        case .matches(let pattern):
            guard let text = value.string, let regex = regexes.regex(pattern) else { return false }
            return text.firstMatch(of: regex) != nil
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

extension Truth {
    init(_ bool: Bool) { self = bool ? .true : .false }
}

/// Compiled regular expressions by pattern. Local to one review (Regex is not Sendable).
final class RegexCache {
    private var compiled: [String: Regex<AnyRegexOutput>] = [:]

    func regex(_ pattern: String) -> Regex<AnyRegexOutput>? {
        if let regex = compiled[pattern] { return regex }
        // Patterns were compiled once already when the catalog was loaded; this cannot fail.
        guard let regex = try? Regex(pattern) else { return nil }
        compiled[pattern] = regex
        return regex
    }
}
