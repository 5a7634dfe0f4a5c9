/// Kleene's three-valued logic: `unknown` is what the description does not settle.
public enum Truth: String, Sendable, Hashable {
    case `true`, `false`, unknown

    static func and<S: Sequence>(_ values: S) -> Truth where S.Element == Truth {
        var result = Truth.true
        for value in values {
            if value == .false { return .false }
            if value == .unknown { result = .unknown }
        }
        return result
    }

    static func or<S: Sequence>(_ values: S) -> Truth where S.Element == Truth {
        var result = Truth.false
        for value in values {
            if value == .true { return .true }
            if value == .unknown { result = .unknown }
        }
        return result
    }

    var negated: Truth {
        switch self {
        case .true: return .false
        case .false: return .true
        case .unknown: return .unknown
        }
    }
}
