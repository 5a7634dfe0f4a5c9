/// The check language read aloud, for `mupj explain`, messages and reports.
extension Condition {
    public var words: String { words(negated: false) }

    public func words(negated: Bool) -> String {
        switch self {
        case .test(let test): return test.words(negated: negated)
        case .not(let inner): return inner.words(negated: !negated)
        case .all(let items):
            let joiner = negated ? " or " : " and "
            return items.map { $0.wrappedWords(negated: negated) }.joined(separator: joiner)
        case .any(let items):
            let joiner = negated ? " and " : " or "
            return items.map { $0.wrappedWords(negated: negated) }.joined(separator: joiner)
        }
    }

    /// In parentheses when it reads as several parts: an `all` or `any` of more than one, also
    /// under `not`, which only turns its "and" into "or" (without them, "not (A and B) and C" read
    /// as "not A or not B and C").
    private func wrappedWords(negated: Bool) -> String {
        var core = self
        while case .not(let inner) = core { core = inner }
        switch core {
        case .all(let items) where items.count > 1, .any(let items) where items.count > 1:
            return "(" + words(negated: negated) + ")"
        default: return words(negated: negated)
        }
    }
}

extension FieldTest {
    static func phrase(_ path: FieldPath, _ op: Operator, negated: Bool) -> String {
        let p = "`\(path)`"
        let be = negated ? "is not" : "is"
        let list = { (values: [Literal]) in values.map(\.description).joined(separator: ", ") }
        switch op {
        case .exists(let wanted): return wanted != negated ? "\(p) is stated" : "\(p) is not stated"
        case .equals(let l): return "\(p) \(be) \(l)"
        case .oneOf(let ls): return "\(p) \(be) one of \(list(ls))"
        case .atLeast(let n):
            return negated ? "\(p) is below \(Literal.number(n))" : "\(p) is at least \(Literal.number(n))"
        case .atMost(let n):
            return negated ? "\(p) is above \(Literal.number(n))" : "\(p) is at most \(Literal.number(n))"
        case .matches(let pattern): return "\(p) \(negated ? "does not match" : "matches") the pattern `\(pattern)`"
        case .contains(let l): return "\(p) \(negated ? "does not include" : "includes") \(l)"
        case .containsAll(let ls): return "\(p) \(negated ? "lacks one of" : "includes all of") \(list(ls))"
        case .containsAny(let ls): return "\(p) \(negated ? "includes none of" : "includes one of") \(list(ls))"
        }
    }
}
