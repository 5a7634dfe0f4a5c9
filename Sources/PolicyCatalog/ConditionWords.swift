import DocumentSchema

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
    /// How many literals of a list (`one_of`, `contains_all`, `contains_any`) the words name; the
    /// rest are counted. Every finding's message quotes its test: a `one_of` of 1 000 ids of 100
    /// bytes, on 10 000 components, made 1 GB of text in 10.7 s. The shipped catalogs list up to
    /// 12 (the traceability fields), which are named whole.
    public static let listedLiterals = 20

    static func phrase(_ path: FieldPath, _ op: Operator, negated: Bool) -> String {
        let p = "`\(path)`"
        let be = negated ? "is not" : "is"
        let list = { (values: [Literal]) in listWords(values) }
        let one = { (value: Literal) in Value.shown(value.description) }
        switch op {
        case .exists(let wanted): return wanted != negated ? "\(p) is stated" : "\(p) is not stated"
        case .equals(let l): return "\(p) \(be) \(one(l))"
        case .oneOf(let ls): return "\(p) \(be) one of \(list(ls))"
        case .atLeast(let n):
            return negated ? "\(p) is below \(Literal.number(n))" : "\(p) is at least \(Literal.number(n))"
        case .atMost(let n):
            return negated ? "\(p) is above \(Literal.number(n))" : "\(p) is at most \(Literal.number(n))"
        case .matches(let pattern):
            return "\(p) \(negated ? "does not match" : "matches") the pattern `\(Value.shown(pattern.source))`"
        case .contains(let l): return "\(p) \(negated ? "does not include" : "includes") \(one(l))"
        case .containsAll(let ls): return "\(p) \(negated ? "lacks one of" : "includes all of") \(list(ls))"
        case .containsAny(let ls): return "\(p) \(negated ? "includes none of" : "includes one of") \(list(ls))"
        }
    }

    /// "a, b, c", or the first `listedLiterals` and how many more ("a, b, …, t and 980 more"), each
    /// literal cut as values are (`Value.shown`); the list stops early once it holds
    /// `Value.displayLimit` bytes, so its words stay within a few KB whatever the catalog wrote.
    static func listWords(_ values: [Literal]) -> String {
        var out = ""
        var listed = 0
        for value in values {
            guard listed < listedLiterals, out.utf8.count < Value.displayLimit else { break }
            if listed > 0 { out += ", " }
            out += Value.shown(value.description)
            listed += 1
        }
        if listed < values.count { out += " and \(values.count - listed) more" }
        return out
    }
}
