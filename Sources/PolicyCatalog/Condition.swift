import DocumentSchema
import YAMLDocument

/// A path into a framework description: field names separated by dots. It starts at the check's
/// subject (the element of `for_each`, or the description) unless it begins with `$.`, which
/// starts at the description. Lists are traversed element by element; references (a channel's
/// `from`) and derived fields (a credential's `held_by`) lead to the elements they name.
public struct FieldPath: Sendable, Hashable, CustomStringConvertible {
    public let fromRoot: Bool
    public let segments: [String]
    /// The segments joined by dots, made once: the engine names every place a path reaches by it.
    public let dotted: String
    /// The beginnings of this path that end on a reference it follows, shortest first
    /// (`payload_execution.identity_switching.credential` in `….credential.identity`): set when the
    /// catalog is loaded, so that a finding cites the reference, with its sources, as well as the
    /// place it leads to.
    public internal(set) var references: [FieldPath] = []

    public init(_ text: String) {
        let fromRoot = text.hasPrefix("$.")
        self.init(
            fromRoot: fromRoot,
            segments: (fromRoot ? text.dropFirst(2) : Substring(text)).split(separator: ".").map(String.init))
    }

    init(fromRoot: Bool, segments: [String]) {
        self.fromRoot = fromRoot
        self.segments = segments
        dotted = segments.joined(separator: ".")
    }

    public var description: String { (fromRoot ? "$." : "") + dotted }
}

/// A constant written in a check.
public enum Literal: Sendable, Hashable, CustomStringConvertible {
    case string(String)
    case number(Double)
    case boolean(Bool)

    public var description: String {
        switch self {
        case .string(let s): return s
        case .number(let d): return formatNumber(d)
        case .boolean(let b): return String(b)
        }
    }
}

/// The test applied to the values a path reaches.
public enum Operator: Sendable, Hashable {
    /// `exists: true`: the fact is stated (neither absent nor unknown).
    case exists(Bool)
    case equals(Literal)
    case oneOf([Literal])
    case atLeast(Double)
    case atMost(Double)
    /// A pattern that must match somewhere in the value.
    case matches(Pattern)
    /// The values reached (lists flattened) include this one.
    case contains(Literal)
    case containsAll([Literal])
    case containsAny([Literal])

    public static let keywords = [
        "exists", "equals", "one_of", "at_least", "at_most", "matches", "contains", "contains_all", "contains_any",
    ]
}

/// A class, not a struct: every observation the engine records holds its test, and a test is
/// read out of its condition for every element a check is run on. A struct's copy retained each
/// of its strings and arrays; a class's copy is one reference.
public final class FieldTest: Sendable {
    public let path: FieldPath
    public let op: Operator
    /// Where the test is written in the catalog.
    public let range: SourceRange
    /// The test in words, and its negation, written once: every finding's message and decision
    /// trace quote them, for every description reviewed.
    private let phrases: (affirmed: String, negated: String)

    public init(path: FieldPath, op: Operator, range: SourceRange) {
        self.path = path
        self.op = op
        self.range = range
        phrases = (Self.phrase(path, op, negated: false), Self.phrase(path, op, negated: true))
    }

    /// The test in words ("`zone` is one of site-edge, central"), or its negation.
    public func words(negated: Bool) -> String { negated ? phrases.negated : phrases.affirmed }
}

/// The check language: tests on fields combined with all / any / not. Evaluated in three-valued
/// logic (true, false, unknown), where unknown means the description does not say.
public indirect enum Condition: Sendable {
    case all([Condition])
    case any([Condition])
    case not(Condition)
    case test(FieldTest)

    /// Every field test in the condition, in writing order.
    public var tests: [FieldTest] {
        switch self {
        case .all(let items), .any(let items): return items.flatMap(\.tests)
        case .not(let inner): return inner.tests
        case .test(let test): return [test]
        }
    }

    /// How many field tests the condition holds (`tests.count`, without gathering them).
    public var testCount: Int {
        switch self {
        case .all(let items), .any(let items): return items.reduce(0) { $0 + $1.testCount }
        case .not(let inner): return inner.testCount
        case .test: return 1
        }
    }
}
