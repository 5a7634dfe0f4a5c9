import Foundation
import TestSupport
import Testing

@testable import PolicyCatalog

/// `Pattern` claims to mean what Swift's `Regex` means on the language it accepts, in time linear
/// in the text. These tests run both on generated patterns and texts, and count the work.
@Suite struct PatternTests {
    typealias Generator = SplitMix64

    /// Characters with something to tell apart: letters, an accent precomposed and combined, a
    /// non-ASCII digit and a number that is not a digit, a connector, spaces and line breaks. No
    /// carriage return: `Regex` reads a negated class with a range on a CR LF one way alone and
    /// another under a quantifier (`[^\n-z]` does not match "\r\n", yet `[^\n-z]{2,}` matches
    /// "1\r\n٣"), which no rule can follow; here a CR LF is in no range, as every character of
    /// several scalars. YAML makes line breaks line feeds; a CR comes only from a `\r` escape.
    static let textAlphabet: [String] = [
        "a", "b", "c", "A", "é", "e\u{301}", "e", "1", "٣", "²", "_", "‿", "-", " ", "\u{A0}", "\n", "\t", ".",
        "\u{85}", "a\u{308}\u{301}", "a\u{301}",
    ]

    static let patternAtoms: [String] = [
        "a", "b", "c", "e", "é", "1", "_", "-", " ", ".", "\\d", "\\w", "\\s", "\\D", "\\W", "\\S", "\\n", "\\.",
        "\\-", "[ab]", "[^a]", "[a-c]", "[\\d_]", "[^\\s]", "[é1-]", "[\\W]", "٣",
        // Ranges and negations on characters of several scalars (accents combined).
        "[à-ê]", "[^à-ê]", "[\\t-z]", "[^\\t-z]", "[^\\n]", "[^\\n-z]", "[\\n-z]", "[^a-z]", "[^\\t-\\n]",
        "[a-\u{1F1F8}]", "[^a\\n-z]",
    ]
    static let quantifiers = ["", "", "", "*", "+", "?", "{2}", "{1,3}", "{,2}", "{2,}", "*?", "+?", "??"]

    static func pattern(_ g: inout Generator, depth: Int = 0) -> String {
        var out = ""
        if g.next(6) == 0 { out += "^" }
        for _ in 0..<(1 + g.next(4)) {
            var atom: String
            switch depth < 3 ? g.next(10) : 9 {
            case 0: atom = "(" + pattern(&g, depth: depth + 1) + "|" + pattern(&g, depth: depth + 1) + ")"
            case 1: atom = "(?:" + pattern(&g, depth: depth + 1) + ")"
            case 2: atom = (g.next(2) == 0 ? "(?=" : "(?!") + pattern(&g, depth: depth + 1) + ")"
            default: atom = g.pick(patternAtoms)
            }
            if !atom.hasPrefix("(?=") && !atom.hasPrefix("(?!") { atom += g.pick(quantifiers) }
            out += atom
        }
        if g.next(6) == 0 { out += "$" }
        return out
    }

    static func text(_ g: inout Generator) -> String {
        (0..<g.next(12)).map { _ in g.pick(textAlphabet) }.joined()
    }

    static func compiled(_ source: String) -> Result<Pattern, PatternError> {
        do throws(PatternError) {
            return .success(try Pattern(source))
        } catch {
            return .failure(error)
        }
    }

    @Test func agreesWithRegexOnGeneratedPatternsAndTexts() throws {
        var g = Generator(state: 2007)
        var compared = 0
        var found = 0
        var refused = 0
        for _ in 0..<1_500 {
            let source = Self.pattern(&g)
            let pattern: Pattern
            switch Self.compiled(source) {
            // Counted repetitions nested three deep copy a pattern into thousands of instructions:
            // slow to compare in a debug build, and no new case.
            case .success(let compiled) where compiled.length > 400: continue
            case .success(let compiled): pattern = compiled
            case .failure(let error):
                // Refused where Regex reads it in its own way (see PatternParser.quantified).
                #expect(error.reason.hasPrefix("an anchor or a lookahead inside a repetition without bound"))
                refused += 1
                continue
            }
            let regex = try Regex(source)
            for _ in 0..<12 {
                let text = Self.text(&g)
                let expected = text.firstMatch(of: regex) != nil
                let search = pattern.search(text, budget: .max)
                #expect(search.found == expected, "pattern \(source.debugDescription), text \(text.debugDescription)")
                compared += 1
                if expected { found += 1 }
            }
        }
        #expect(refused < 500, "\(refused) generated patterns refused")
        // Both answers are common, or the comparison says little.
        #expect(found > compared / 5 && found < compared * 4 / 5, "\(found) of \(compared) found")
    }

    /// On a text longer than the characters a search first keeps for its lookaheads
    /// (`PatternMachine.firstSlots`), so that the slots grow while a lookahead reads ahead, the
    /// lookaheads read some characters where they were kept (with their composed scalars) and the
    /// others from the text, and the answers are `Regex`'s.
    @Test(arguments: [
        "^(?=[a-c]*é)[a-c]*éz", "(?=[a-c]{3}é)[a-c]+éz", "(?=a[à-ê])", "^(?![a-c]*d).*z$", "(?=[a-c]{2}d)",
    ])
    func lookaheadsOnATextLongerThanTheKeptCharacters(_ source: String) throws {
        let pattern = try Pattern(source)
        let regex = try Regex(source)
        let long = String(repeating: "a", count: 4 * PatternMachine.firstSlots + 5_000)
        for text in [long + "éz", long + "e\u{301}z", long + "déz", "z" + long + "é"] {
            let expected = text.firstMatch(of: regex) != nil
            #expect(
                pattern.search(text, budget: .max).found == expected,
                "pattern \(source.debugDescription), text ending \(text.suffix(4).debugDescription)")
        }
    }

    /// The shipped catalogs' patterns, on the values they are written for.
    @Test(arguments: [
        ("/Role=(?!NULL)[A-Za-z0-9_-]+", "/atlas/Role=pilot", true),
        ("/Role=(?!NULL)[A-Za-z0-9_-]+", "/atlas/Role=NULL/Capability=NULL", false),
        ("/Role=(?!NULL)[A-Za-z0-9_-]+", "/atlas/Role=NULLS", false),
        ("/Role=(?!NULL)[A-Za-z0-9_-]+", "/atlas/Role=lcgadmin", true),
        ("^0[0-7]00$", "0700", true),
        ("^0[0-7]00$", "0755", false),
        ("^0[0-7]00$", "00700", false),
    ])
    func shippedPatterns(_ source: String, _ text: String, _ expected: Bool) throws {
        #expect(try Pattern(source).search(text, budget: .max).found == expected)
        #expect((text.firstMatch(of: try Regex(source)) != nil) == expected)
    }

    /// Patterns that make a backtracking matcher take exponential or polynomial time are linear
    /// here: the work is bounded by the program's length for each character (these have no
    /// lookahead), and the answer is right.
    @Test(arguments: [
        ("^(a+)+$", false), ("(a|aa)*b", false), ("a?a?a+b", false), ("a?a?a?a?a?a?a?a?b", false),
        ("(a*)*(a*)*c", false), ("^(a|a?)+$", false), ("(a+)+!", true),
    ])
    func backtrackingPatternsAreLinear(_ source: String, _ expected: Bool) throws {
        let pattern = try Pattern(source)
        let text = String(repeating: "a", count: 20_000) + "!"
        let search = pattern.search(text, budget: .max)
        #expect(search.found == expected)
        #expect(search.work <= pattern.program.count * (text.count + 1) * 2, "\(search.work) units")
    }

    /// A lookahead's answer at a position is kept: nested lookaheads that reach the end of the
    /// text cost as one does, quadratic, not a power of the text's length per level (before,
    /// `(?=.*(?=.*b))` took 8.3 million units on 200 characters).
    @Test(arguments: ["(?=.*b)", "(?=.*(?=.*b))", "(?=.*(?=.*(?=.*b)))"])
    func nestedLookaheadsAreSearchedOncePerPosition(_ source: String) throws {
        let pattern = try Pattern(source)
        let small = pattern.search(String(repeating: "a", count: 200), budget: .max)
        let large = pattern.search(String(repeating: "a", count: 400), budget: .max)
        #expect(small.found == false && large.found == false)
        #expect(Double(large.work) / Double(small.work) < 4.5, "\(small.work) then \(large.work) units")
        #expect(large.work < 2 * pattern.length * 401 * 401, "\(large.work) units")
    }

    @Test func aSearchStopsAtItsBudget() throws {
        let pattern = try Pattern("(a|aa)*b")
        let text = String(repeating: "a", count: 10_000)
        let stopped = pattern.search(text, budget: 1_000)
        #expect(stopped.found == nil)
        #expect(stopped.work > 1_000 && stopped.work < 1_100)
        let whole = pattern.search(text, budget: .max)
        #expect(whole.found == false)
        #expect(whole.work > 10_000)
    }

    @Test(arguments: [
        ("a\\b", 2, "'\\b' is not in the language"),
        ("(?<=a)b", 1, "no lookbehind"),
        ("(?i)a", 1, "'(?' opens only"),
        ("a++", 3, "possessive"),
        ("a**", 3, "a quantifier on a quantifier"),
        ("[[:alpha:]]", 2, "a '[' in a class"),
        ("[a&&b]", 3, "class set operations"),
        ("(a", 1, "the group opened here is not closed"),
        ("a)", 2, "a ')' that closes no group"),
        ("[ab", 1, "the class opened here is not closed"),
        ("*a", 1, "'*' repeats nothing"),
        ("a{1001}", 2, "more than 1000 times"),
        ("a{3,2}", 2, "m less than n"),
        ("a{x}", 2, "a '{' that is not a repetition"),
        ("[z-a]", 2, "a range of characters that is empty"),
        ("\\1", 1, "'\\1' is not in the language"),
        ("(a{1000}){1000}", 1, "compiles to more than 10000 instructions"),
        (String(repeating: "(", count: 17) + String(repeating: ")", count: 17), 17, "nest more than 16 deep"),
        ("^*", 2, "a quantifier on an anchor"),
        ("\\r\\n", 1, "a carriage return (\\r) is not in the language"),
        ("[\\r\\n]", 2, "a carriage return (\\r) is not in the language"),
        ("a\r", 2, "a carriage return (\\r) is not in the language"),
        ("(?<1a>x)", 4, "a group name is letters, digits and '_', not first a digit"),
        ("(?<a>x)(?<a>y)", 8, "a second group named 'a'"),
        ("[\\d-z]", 4, "a range starts with a class escape"),
        ("[!--]", 4, "a range ends with '-'"),
        ("[!-[]", 4, "a range ends with '['"),
        ("a|\u{301}", 2, "'|' is joined to a combining character"),
        ("[\u{301}]", 1, "'[' is joined to a combining character"),
        ("(a{1000}){10}", 1, "compiles to more than 10000 instructions"),
        ("(^|a){2,}b", 6, "an anchor or a lookahead inside a repetition without bound"),
        ("(?:x(?=y))+", 11, "an anchor or a lookahead inside a repetition without bound"),
    ])
    func refusedByName(_ source: String, _ offset: Int, _ reason: String) {
        #expect(throws: PatternError.self) { try Pattern(source) }
        do {
            _ = try Pattern(source)
        } catch {
            #expect(error.offset + 1 == offset, "\(source): at \(error.offset + 1): \(error.reason)")
            #expect(error.reason.contains(reason), "\(source): \(error.reason)")
        }
    }

    /// What the refusals leave is what `Regex` compiles too.
    @Test(arguments: ["a{,3}", "(?<name>a)b", "[-a]", "[a-]", "\\[\\]\\{\\}\\(\\)", "x{0}", "()*", "(|a)+"])
    func acceptedLikeRegex(_ source: String) throws {
        _ = try Pattern(source)
        _ = try Regex(source)
    }
}
