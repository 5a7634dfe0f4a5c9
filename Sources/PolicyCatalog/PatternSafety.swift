/// Refuses `matches` patterns that can take exponential time. Swift's regular expressions
/// backtrack, and a group that repeats while its own content can also repeat or choose, such as
/// `(a+)+` or `(a|aa)*`, can be matched against a text in exponentially many ways before the match
/// fails: `^(a+)+$` on 24 `a`s and a `!` ran for more than 100 s. The pattern is the catalog's,
/// but the text is the description's, so a catalog with such a pattern lets any description hang
/// the review.
///
/// The rule is syntactic and errs on the safe side: a group that is repeated (`*`, `+`, `{n,}`,
/// `{n,m}` with m > 1) may contain neither a repetition nor an alternative `|`. Such a pattern can
/// nearly always be written without the nesting (`a+`, `[ab]*`). Repetitions side by side
/// (`a*b*`) are allowed: they cost polynomial time, not exponential.
enum PatternSafety {
    /// Why `pattern` can take exponential time, or nil.
    static func exponentialRisk(_ pattern: String) -> String? {
        var scanner = Scanner(Array(pattern.unicodeScalars))
        return scanner.run()
    }

    private struct Scanner {
        let scalars: [Unicode.Scalar]
        var index = 0
        /// For each open group (the whole pattern first): whether it holds a repetition or an `|`.
        var groups: [Bool] = [false]

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
                    skipClass()
                    noteQuantifier()
                case "(":
                    skipGroupPrefix()
                    groups.append(false)
                case ")":
                    guard groups.count > 1 else { continue }  // unbalanced: Regex itself refuses it
                    let holdsChoice = groups.removeLast()
                    let repeated = quantifier()
                    if repeated && holdsChoice {
                        return "it repeats a group that itself repeats or has alternatives, as (a+)+ or (a|b)* do"
                    }
                    groups[groups.count - 1] = groups[groups.count - 1] || holdsChoice || repeated
                case "|":
                    groups[groups.count - 1] = true
                default:
                    noteQuantifier()
                }
            }
            return nil
        }

        /// After an atom: a repetition marks the group that holds it.
        mutating func noteQuantifier() {
            if quantifier() { groups[groups.count - 1] = true }
        }

        /// Reads the quantifier after an atom, if any (with its lazy or possessive mark); returns
        /// whether it repeats, that is allows more than one occurrence.
        mutating func quantifier() -> Bool {
            guard let scalar = peek() else { return false }
            var repeats: Bool
            switch scalar {
            case "*", "+":
                index += 1
                repeats = true
            case "?":
                index += 1
                repeats = false
            case "{":
                guard let bounds = braces() else { return false }
                repeats = bounds
            default:
                return false
            }
            if let mark = peek(), mark == "?" || mark == "+" { index += 1 }
            // A quantifier on a quantifier (`a**`) is refused by Regex; count it as repeating.
            if let next = peek(), next == "*" || next == "+" || next == "{" { repeats = true }
            return repeats
        }

        /// `{n}`, `{n,}`, `{,m}` or `{n,m}` at `index`: consumed, and whether it allows more than
        /// one occurrence; nil (nothing consumed) when the brace is a literal.
        mutating func braces() -> Bool? {
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
            if numbers.count == 1 { return (numbers[0] ?? 0) > 1 }
            return numbers[1].map { $0 > 1 } ?? true
        }

        /// Past a character class, whose brackets may nest (`[a-z&&[^aeiou]]`); a `]` first in the
        /// class is a literal.
        mutating func skipClass() {
            var depth = 1
            if peek() == "^" { index += 1 }
            if peek() == "]" { index += 1 }
            while let scalar = peek(), depth > 0 {
                index += 1
                switch scalar {
                case "\\": index += 1
                case "[": depth += 1
                case "]": depth -= 1
                default: break
                }
            }
        }

        /// Past `?:`, `?=`, `?!`, `?<=`, `?<!`, `?<name>`, `?'name'`, `?>` or inline options at
        /// the start of a group.
        mutating func skipGroupPrefix() {
            guard peek() == "?" else { return }
            index += 1
            guard let kind = peek() else { return }
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
                // Options such as `i-s:` or `i)`: up to the colon or the parenthesis.
                while let scalar = peek(), scalar != ":" && scalar != ")" { index += 1 }
                if peek() == ":" { index += 1 }
            }
        }
    }
}
