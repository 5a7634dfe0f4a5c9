/// Kleene's three-valued logic: `unknown` is what the description does not settle.
public enum Truth: String, Sendable, Hashable {
    case `true`, `false`, unknown

    /// The "and" of all `values`, reading no further than the first false one.
    static func and<S: Sequence>(_ values: S) -> Truth where S.Element == Truth {
        var result = Truth.true
        for value in values {
            result = result.and(value)
            if result == .false { break }
        }
        return result
    }

    /// The "or" of all `values`, reading no further than the first true one.
    static func or<S: Sequence>(_ values: S) -> Truth where S.Element == Truth {
        var result = Truth.false
        for value in values {
            result = result.or(value)
            if result == .true { break }
        }
        return result
    }

    /// Kleene's "and" of two truths: false wins, then unknown.
    func and(_ other: Truth) -> Truth {
        self == .false || other == .false ? .false : self == .unknown || other == .unknown ? .unknown : .true
    }

    /// Kleene's "or" of two truths: true wins, then unknown.
    func or(_ other: Truth) -> Truth {
        self == .true || other == .true ? .true : self == .unknown || other == .unknown ? .unknown : .false
    }

    var negated: Truth {
        switch self {
        case .true: return .false
        case .false: return .true
        case .unknown: return .unknown
        }
    }
}
