/// A `matches` pattern, compiled when its catalog is loaded.
///
/// Why not Swift's `Regex`: it backtracks and cannot be interrupted, so the catalog's pattern and
/// the description's text together could hold the review for minutes (a pattern within the old
/// syntactic rules, `a?a?a+b`, searched 300 names of 1 000 `a`s for 169 s). A pattern here is
/// compiled to a program that `search` runs over all its threads at once, one text position after
/// another (Thompson's construction, simulated as in Pike's VM): its work is at most the program's
/// length per character (lookaheads aside: each is searched once at each position it is asked
/// at, so quadratic at worst), it is counted, and it stops at a budget, so the review's step
/// limit bounds it too.
///
/// The language is a subset of Swift's regular expression syntax that means the same in both (the
/// tests run both on generated patterns and texts): it matches characters (grapheme clusters), as
/// `Regex` does by default. Everything else is refused by name when the catalog is loaded, not
/// read differently:
/// - characters, `.` (any character but a line break), `\d` `\w` `\s` and `\D` `\W` `\S`, `\n` `\t`,
///   and any ASCII punctuation escaped with `\` (no carriage return, which `Regex` joins to a line
///   feed after it, and no syntax character with a combining mark on it);
/// - classes `[…]` and `[^…]` of characters, ranges `a-z` of characters, and the escapes above (no
///   nested class, no set operation, no POSIX name);
/// - groups `(…)`, `(?:…)`, `(?<name>…)` (each name once), lookaheads `(?=…)` and `(?!…)`, and `|`;
/// - `*`, `+`, `?`, `{n}`, `{n,}`, `{,m}`, `{n,m}` (n, m ≤ 1 000), each may be lazy (`*?`): a
///   search only asks whether there is a match, so laziness changes nothing;
/// - `^` and `$`, the start and the end of the text.
public struct Pattern: Sendable, Hashable, CustomStringConvertible {
    /// The pattern as the catalog writes it.
    public let source: String
    let program: [Instruction]
    /// Whether it holds a lookahead, whose body is searched again at each position it is reached.
    public let looksAhead: Bool

    /// The longest program a pattern may compile to: counted repetitions copy what they repeat, and
    /// a search's work per character is bounded by the length.
    public static let maxInstructions = 10_000
    /// The most times `{n,m}` may name.
    public static let maxRepeat = 1_000
    /// Groups, lookaheads and classes nested in one another.
    public static let maxNesting = 16

    public init(_ source: String) throws(PatternError) {
        self.source = source
        var parser = PatternParser(Array(source))
        let tree = try parser.parse()
        var compiler = PatternCompiler()
        try compiler.emit(tree)
        compiler.program.append(.match)
        guard compiler.program.count <= Self.maxInstructions else { throw PatternCompiler.tooLong }
        program = compiler.program
        looksAhead = program.contains { if case .lookahead = $0 { true } else { false } }
    }

    public var description: String { source }

    /// The compiled program's length: a search visits each instruction at most twice per
    /// position of the text (once to follow it, once to step a thread on it), lookaheads aside.
    public var length: Int { program.count }

    public static func == (lhs: Pattern, rhs: Pattern) -> Bool { lhs.source == rhs.source }
    public func hash(into hasher: inout Hasher) { hasher.combine(source) }
}

/// Why a pattern is refused, and at which character of it (0-based).
public struct PatternError: Error, Sendable, Hashable {
    public var offset: Int
    public var reason: String
}

/// One step of a compiled pattern.
enum Instruction: Sendable, Hashable {
    /// Consumes this character.
    case character(Character)
    /// Consumes a character of the set.
    case set(CharacterClass)
    /// Consumes any character but a line break (`.`).
    case notNewline
    /// Goes on at both.
    case split(Int, Int)
    case jump(Int)
    /// `^` and `$`.
    case textStart, textEnd
    /// Goes on at `next` if the program from `body` matches at this position (or does not, when
    /// `negative`), consuming nothing.
    case lookahead(body: Int, next: Int, negative: Bool)
    case match
}

/// A bracketed class, or one of the escapes `\d` `\w` `\s` and their complements.
struct CharacterClass: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case digit, word, space
    }

    var characters: [Character] = []
    var ranges: [ClosedRange<Unicode.Scalar>] = []
    var kinds: [Kind] = []
    /// `\D`, `\W`, `\S`: the characters not of the kind.
    var complementedKinds: [Kind] = []
    var negated = false

    /// As `Regex` reads a class on a character (the tests compare the two): a range holds a
    /// character whose composed form (NFC) is one scalar in it, so `[à-ê]` holds an `e` followed
    /// by a combining acute accent and `[a-z]` does not; a character of several scalars even when
    /// composed is in no range, so `[^a-z]` holds it.
    func contains(_ c: Character, composed: Unicode.Scalar?) -> Bool {
        if characters.contains(c) || kinds.contains(where: { $0.holds(c) })
            || complementedKinds.contains(where: { !$0.holds(c) })
        {
            return !negated
        }
        guard let composed else { return negated }
        return ranges.contains { $0.contains(composed) } != negated
    }
}

extension Character {
    /// The one scalar this character is, or composes to (NFC).
    var composedScalar: Unicode.Scalar? {
        if unicodeScalars.count == 1 { return unicodeScalars.first }
        // The standard library's composition, which `Regex` uses too.
        var scalars = String(decoding: String(self)._nfcCodeUnits, as: UTF8.self).unicodeScalars.makeIterator()
        guard let only = scalars.next(), scalars.next() == nil else { return nil }
        return only
    }
}

extension CharacterClass.Kind {
    /// As `Regex` reads `\d`, `\w` and `\s` on characters.
    func holds(_ c: Character) -> Bool {
        switch self {
        case .digit: return c.isNumber
        case .word: return c.isLetter || c.isNumber || c == "_"
        case .space: return c.isWhitespace
        }
    }
}

/// A parsed pattern.
indirect enum PatternNode: Sendable {
    case empty
    case character(Character)
    case set(CharacterClass)
    case notNewline
    case textStart, textEnd
    case sequence([PatternNode])
    case alternatives([PatternNode])
    case lookahead(PatternNode, negative: Bool)
    /// `max` nil: no upper bound.
    case repeated(PatternNode, min: Int, max: Int?)
}
