/// Refuses `matches` patterns that can take too long. Swift's regular expressions backtrack, and
/// cannot be interrupted: a group that repeats while its own content can also repeat or choose,
/// such as `(a+)+` or `(a|aa)*`, can be matched against a text in exponentially many ways before
/// the match fails (`^(a+)+$` on 24 `a`s and a `!` ran for more than 100 s), and repetitions side
/// by side multiply (`a*a*b` searched 1 024 `a`s for 14 s). The pattern is the catalog's, but the
/// text is the description's, so such a pattern would let a description hang the review.
///
/// The rules are syntactic and err on the safe side. With them, and values searched only up to
/// `maxSearchedLength` bytes (the evaluator's side), one search took at most 0.5 s on the worst
/// patterns allowed (`a?a?a+b` and `a?a?a?a?a?a?a?a?b` on 1 024 `a`s, release build):
/// - a repeated group (`*`, `+`, `{n,}`, `{n}` or `{n,m}` with n or m > 1) may contain no
///   quantifier (`?` included) and no alternative `|`: `(a?){25}` is as bad as `(a+)+`;
/// - at most one quantifier that repeats a variable number of times (`*`, `+`, `{n,}`, `{n,m}`
///   with m > n and m > 1) in the whole pattern;
/// - at most 8 choices (`?`, `{0,1}`, and each `|`), or 2 beside such a repetition;
/// - groups and classes nest at most 16 deep (Swift's parser overflowed its stack on 3 000
///   nested brackets), and the extended syntax `(?x)`, in which spaces are not characters, is not
///   accepted (it hid `(a+) +` from these rules).
public enum PatternSafety {
    /// The longest value a `matches` test searches, in UTF-8 bytes; a longer one makes the test
    /// unknown. Descriptions' values that patterns are meant for (roles, DNs, modes, URLs) are far
    /// shorter, and the rules above assume the bound.
    public static let maxSearchedLength = 1_024
    static let maxChoices = 8
    static let maxChoicesWithRepeat = 2
    static let maxNesting = 16

    /// Why `pattern` can take too long, or nil.
    static func risk(_ pattern: String) -> String? {
        var scanner = Scanner(Array(pattern.unicodeScalars))
        return scanner.run()
    }

    private struct Scanner {
        let scalars: [Unicode.Scalar]
        var index = 0
        /// For each open group (the whole pattern first): whether it holds a quantifier or an `|`.
        var groups: [Bool] = [false]
        /// Quantifiers that repeat a variable number of times, and choices, so far.
        var variableRepeats = 0
        var choices = 0

        init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

        func peek(_ offset: Int = 0) -> Unicode.Scalar? {
            index + offset < scalars.count ? scalars[index + offset] : nil
        }

        mutating func run() -> String? {
            while let scalar = peek() {
                index += 1
                switch scalar {
                case "\\":
                    index += 1  // the escaped character is an atom
                    noteQuantifier()
                case "[":
                    guard skipClass() else { return "its character classes nest more than \(maxNesting) deep" }
                    noteQuantifier()
                case "(":
                    if skipGroupPrefix() {
                        return "it uses the extended syntax (?x), in which spaces are not characters; write it without"
                    }
                    groups.append(false)
                    if groups.count > maxNesting + 1 { return "its groups nest more than \(maxNesting) deep" }
                case ")":
                    guard groups.count > 1 else { continue }  // unbalanced: Regex itself refuses it
                    let holdsChoice = groups.removeLast()
                    let found = quantifier()
                    if found.repeats && holdsChoice {
                        return "it repeats a group that holds a quantifier or alternatives, as (a+)+, (a?){9} or "
                            + "(a|b)* do, which on some texts takes exponential time; write it without the nesting "
                            + "(a+ for (a+)+, [ab]* for (a|b)*)"
                    }
                    groups[groups.count - 1] = groups[groups.count - 1] || holdsChoice || found.present
                case "|":
                    groups[groups.count - 1] = true
                    choices += 1
                default:
                    noteQuantifier()
                }
                if variableRepeats > 1 {
                    return "it has more than one quantifier that repeats a variable number of times (*, +, {n,}, "
                        + "{n,m}), whose searches multiply, as in a*a*b"
                }
                let allowed = variableRepeats > 0 ? maxChoicesWithRepeat : maxChoices
                if choices > allowed {
                    return "it has more than \(allowed) choices (?, {0,1} and |)"
                        + (variableRepeats > 0 ? " beside a repetition" : "") + ", whose searches multiply"
                }
            }
            return nil
        }

        /// After an atom: a quantifier marks the group that holds it.
        mutating func noteQuantifier() {
            if quantifier().present { groups[groups.count - 1] = true }
        }

        /// Reads the quantifier after an atom, if any (with its lazy or possessive mark), counting
        /// it; says whether there is one, and whether it repeats, that is allows more than one
        /// occurrence.
        mutating func quantifier() -> (present: Bool, repeats: Bool) {
            guard let scalar = peek() else { return (false, false) }
            var repeats: Bool
            switch scalar {
            case "*", "+":
                index += 1
                repeats = true
                variableRepeats += 1
            case "?":
                index += 1
                repeats = false
                choices += 1
            case "{":
                guard let bounds = braces() else { return (false, false) }
                repeats = bounds.repeats
                if bounds.variable { variableRepeats += 1 } else if !repeats { choices += 1 }
            default:
                return (false, false)
            }
            if let mark = peek(), mark == "?" || mark == "+" { index += 1 }
            // A quantifier on a quantifier (`a**`) is refused by Regex; count it as repeating.
            if let next = peek(), next == "*" || next == "+" || next == "{" { repeats = true }
            return (true, repeats)
        }

        /// `{n}`, `{n,}`, `{,m}` or `{n,m}` at `index`: consumed; whether it allows more than one
        /// occurrence, and whether that number varies; nil (nothing consumed) when the brace is a
        /// literal.
        mutating func braces() -> (repeats: Bool, variable: Bool)? {
            var end = index + 1
            var numbers: [Int?] = [nil]
            while end < scalars.count, scalars[end] != "}" {
                let scalar = scalars[end]
                if scalar == "," && numbers.count == 1 {
                    numbers.append(nil)
                } else if ("0"..."9").contains(scalar) {
                    let current = numbers[numbers.count - 1] ?? 0
                    numbers[numbers.count - 1] = min(current * 10 + Int(scalar.value - 48), 1_000_000)
                } else {
                    return nil
                }
                end += 1
            }
            guard end < scalars.count, numbers.contains(where: { $0 != nil }) else { return nil }
            index = end + 1
            let low = numbers[0] ?? 0
            if numbers.count == 1 { return (low > 1, false) }
            guard let high = numbers[1] else { return (true, true) }
            return (high > 1, high > low && high > 1)
        }

        /// Past a character class, whose brackets may nest (`[a-z&&[^aeiou]]`); a `]` first in the
        /// class is a literal. False when the classes nest deeper than `maxNesting`.
        mutating func skipClass() -> Bool {
            var depth = 1
            if peek() == "^" { index += 1 }
            if peek() == "]" { index += 1 }
            while let scalar = peek(), depth > 0 {
                index += 1
                switch scalar {
                case "\\": index += 1
                case "[":
                    depth += 1
                    if depth > maxNesting { return false }
                case "]": depth -= 1
                default: break
                }
            }
            return true
        }

        /// Past `?:`, `?=`, `?!`, `?<=`, `?<!`, `?<name>`, `?'name'`, `?>` or inline options at
        /// the start of a group; true when the options turn on the extended syntax (`x`, `xx`).
        mutating func skipGroupPrefix() -> Bool {
            guard peek() == "?" else { return false }
            index += 1
            guard let kind = peek() else { return false }
            switch kind {
            case "<" where peek(1) == "=" || peek(1) == "!":
                index += 2
            case "<", "'", "P":
                let close: Unicode.Scalar = kind == "'" ? "'" : ">"
                while let scalar = peek(), scalar != close { index += 1 }
                index += 1
            case ":", "=", "!", ">", "|":
                index += 1
            default:
                // Options such as `i-s:` or `i)`: up to the colon or the parenthesis. An `x` after a
                // `-` turns the syntax off, which is harmless.
                var turnsOn = true
                var extended = false
                while let scalar = peek(), scalar != ":" && scalar != ")" {
                    if scalar == "-" { turnsOn = false }
                    if scalar == "x" && turnsOn { extended = true }
                    index += 1
                }
                if peek() == ":" { index += 1 }
                return extended
            }
            return false
        }
    }
}
