/// Reads a pattern's characters into a `PatternNode`, refusing, by name, whatever is outside the
/// language `Pattern` describes.
struct PatternParser {
    let characters: [Character]
    var index = 0
    var depth = 0
    var names: Set<String> = []

    init(_ characters: [Character]) { self.characters = characters }

    mutating func parse() throws(PatternError) -> PatternNode {
        for (offset, c) in characters.enumerated() {
            // `Regex` joins a carriage return to a following line feed, even across an escape
            // (`\r\n`, `[\r\n]`), and then reads classes in its own way; YAML turns line breaks
            // into line feeds anyway.
            if c.unicodeScalars.contains("\r") {
                throw fail("a carriage return (\\r) is not in the language; match \\n or \\s", at: offset)
            }
            // A syntax character with a combining mark on it is one character here, and refused
            // by `Regex` as confusable.
            if c.unicodeScalars.count > 1, let first = c.unicodeScalars.first, first.isASCII,
                !(first.properties.isAlphabetic || ("0"..."9").contains(first))
            {
                throw fail("'\(first)' is joined to a combining character; escape it or write it apart", at: offset)
            }
        }
        let node = try alternatives()
        if index < characters.count {
            // Only a `)` stops `alternatives` early.
            throw fail("a ')' that closes no group; write \\) for the character")
        }
        return node
    }

    private func fail(_ reason: String, at offset: Int? = nil) -> PatternError {
        PatternError(offset: offset ?? index, reason: reason)
    }

    private func peek(_ ahead: Int = 0) -> Character? {
        index + ahead < characters.count ? characters[index + ahead] : nil
    }

    private mutating func alternatives() throws(PatternError) -> PatternNode {
        var branches = [try sequence()]
        while peek() == "|" {
            index += 1
            branches.append(try sequence())
        }
        return branches.count == 1 ? branches[0] : .alternatives(branches)
    }

    private mutating func sequence() throws(PatternError) -> PatternNode {
        var items: [PatternNode] = []
        while let c = peek(), c != "|", c != ")" {
            let start = index
            let atom = try self.atom()
            items.append(try quantified(atom, start: start))
        }
        switch items.count {
        case 0: return .empty
        case 1: return items[0]
        default: return .sequence(items)
        }
    }

    private mutating func atom() throws(PatternError) -> PatternNode {
        let c = characters[index]
        index += 1
        switch c {
        case ".": return .notNewline
        case "^": return .textStart
        case "$": return .textEnd
        case "(": return try group()
        case "[": return .set(try characterClass())
        case "\\": return try escape(inClass: false)
        case "*", "+", "?":
            throw fail("'\(c)' repeats nothing; write \\\(c) for the character", at: index - 1)
        case "{":
            throw fail("a '{' that repeats nothing; write \\{ for the character", at: index - 1)
        case "}", "]":
            throw fail("a lone '\(c)'; write \\\(c) for the character", at: index - 1)
        default: return .character(c)
        }
    }

    private mutating func group() throws(PatternError) -> PatternNode {
        let open = index - 1
        var lookahead: Bool?
        if peek() == "?" {
            switch peek(1) {
            case ":": index += 2
            case "=", "!":
                lookahead = peek(1) == "!"
                index += 2
            case "<" where peek(2) != "=" && peek(2) != "!":
                index += 2
                let nameStart = index
                while let n = peek(), n.isASCII, n.isLetter || n.isNumber || n == "_" { index += 1 }
                guard index > nameStart, peek() == ">", !characters[nameStart].isNumber else {
                    throw fail(
                        "a group name is letters, digits and '_', not first a digit, closed by '>'", at: nameStart)
                }
                let name = String(characters[nameStart..<index])
                guard names.insert(name).inserted else { throw fail("a second group named '\(name)'", at: open) }
                index += 1
            default:
                throw fail(
                    "'(?' opens only (?:…), (?<name>…), (?=…) and (?!…) here (no lookbehind, option or atomic group)",
                    at: open)
            }
        }
        depth += 1
        guard depth <= Pattern.maxNesting else {
            throw fail("groups and classes nest more than \(Pattern.maxNesting) deep", at: open)
        }
        let inner = try alternatives()
        depth -= 1
        guard peek() == ")" else { throw fail("the group opened here is not closed", at: open) }
        index += 1
        if let negative = lookahead { return .lookahead(inner, negative: negative) }
        // A group is an atom of its own: `(^)*` is not the `^*` that `quantified` refuses.
        return .sequence([inner])
    }

    private mutating func characterClass() throws(PatternError) -> CharacterClass {
        let open = index - 1
        var result = CharacterClass()
        if peek() == "^" {
            result.negated = true
            index += 1
        }
        if peek() == "]" {
            throw fail("a class cannot start with ']': write \\] for the character, or close it", at: open)
        }
        while let c = peek(), c != "]" {
            index += 1
            var item: Character = c
            switch c {
            case "[":
                throw fail(
                    "a '[' in a class (a nested class or a POSIX name); write \\[ for the character", at: index - 1)
            case "&" where peek() == "&", "-" where peek() == "-", "~" where peek() == "~":
                throw fail("class set operations (&&, --, ~~) are not in the language", at: index - 1)
            case "\\":
                switch try escape(inClass: true) {
                case .character(let escaped): item = escaped
                case .set(let set):
                    if peek() == "-", let next = peek(1), next != "]" {
                        throw fail("a range starts with a class escape; write \\- for the character", at: index)
                    }
                    result.kinds += set.kinds
                    result.complementedKinds += set.complementedKinds
                    continue
                default: continue
                }
            default: break
            }
            // A range `a-z`; a '-' first or last is the character.
            if peek() == "-", let next = peek(1), next != "]" {
                let first = index - 1
                index += 1
                var upper = characters[index]
                index += 1
                if upper == "-" || upper == "[" {
                    throw fail("a range ends with '\(upper)'; write \\\(upper) for the character", at: index - 1)
                }
                if upper == "\\" {
                    guard case .character(let escaped) = try escape(inClass: true) else {
                        throw fail("a range ends with a character, not a class", at: first)
                    }
                    upper = escaped
                }
                guard let low = item.singleScalar, let high = upper.singleScalar, low <= high else {
                    throw fail("a range of characters that is empty or not of single characters", at: first)
                }
                result.ranges.append(low...high)
            } else {
                result.characters.append(item)
            }
        }
        guard peek() == "]" else { throw fail("the class opened here is not closed", at: open) }
        index += 1
        return result
    }

    /// After a `\`: the character or class it writes.
    private mutating func escape(inClass: Bool) throws(PatternError) -> PatternNode {
        let at = index - 1
        guard let c = peek() else { throw fail("a '\\' ends the pattern", at: at) }
        index += 1
        func kind(_ kind: CharacterClass.Kind, complemented: Bool) -> PatternNode {
            var set = CharacterClass()
            if complemented { set.complementedKinds = [kind] } else { set.kinds = [kind] }
            return .set(set)
        }
        switch c {
        case "d": return kind(.digit, complemented: false)
        case "D": return kind(.digit, complemented: true)
        case "w": return kind(.word, complemented: false)
        case "W": return kind(.word, complemented: true)
        case "s": return kind(.space, complemented: false)
        case "S": return kind(.space, complemented: true)
        case "n": return .character("\n")
        case "t": return .character("\t")
        case "r": throw fail("a carriage return (\\r) is not in the language; match \\n or \\s", at: at)
        default:
            if c.isASCII && (c.isPunctuation || c.isSymbol) { return .character(c) }
            throw fail(
                "'\\\(c)' is not in the language (escapes are \\d \\w \\s \\D \\W \\S \\n \\t \\r and ASCII "
                    + "punctuation)", at: at)
        }
    }

    /// The quantifier after an atom, if any.
    private mutating func quantified(_ atom: PatternNode, start: Int) throws(PatternError) -> PatternNode {
        guard let c = peek() else { return atom }
        let at = index
        var bounds: (min: Int, max: Int?)
        switch c {
        case "*": bounds = (0, nil)
        case "+": bounds = (1, nil)
        case "?": bounds = (0, 1)
        case "{": bounds = try braces()
        default: return atom
        }
        if c != "{" { index += 1 }
        switch atom {
        case .textStart, .textEnd, .lookahead:
            throw fail("a quantifier on an anchor or a lookahead", at: at)
        default: break
        }
        // `Regex` fails `(^|a){2,}b` on "ab" though `(^|a){2,3}b` matches it: it ends a repetition
        // without bound on a pass that matched only an anchor. Refused, not read otherwise.
        if bounds.max == nil && atom.hasAssertion {
            throw fail("an anchor or a lookahead inside a repetition without bound (*, +, {n,})", at: at)
        }
        if peek() == "?" {
            index += 1  // lazy: the same answer to whether there is a match
        } else if peek() == "+" {
            throw fail("possessive quantifiers (*+, ++, ?+) are not in the language", at: index)
        }
        if let next = peek(), next == "*" || next == "+" || next == "?" || next == "{" {
            throw fail("a quantifier on a quantifier; put the first in a group", at: index)
        }
        return .repeated(atom, min: bounds.min, max: bounds.max)
    }

    /// `{n}`, `{n,}`, `{,m}` or `{n,m}` at `index`, consumed.
    private mutating func braces() throws(PatternError) -> (min: Int, max: Int?) {
        let open = index
        index += 1
        func number() -> Int? {
            var value: Int?
            while let d = peek(), let digit = d.wholeNumberValue, d.isASCII {
                value = min((value ?? 0) * 10 + digit, Pattern.maxRepeat + 1)
                index += 1
            }
            return value
        }
        let low = number()
        var high = low
        if peek() == "," {
            index += 1
            high = number()
            if low == nil && high == nil { throw fail("'{,}' names no number of times", at: open) }
        }
        guard peek() == "}", low != nil || high != nil else {
            throw fail("a '{' that is not a repetition {n}, {n,}, {,m} or {n,m}; write \\{ for the character", at: open)
        }
        index += 1
        let minimum = low ?? 0
        if minimum > Pattern.maxRepeat || (high ?? 0) > Pattern.maxRepeat {
            throw fail("a repetition of more than \(Pattern.maxRepeat) times", at: open)
        }
        if let high, high < minimum { throw fail("a repetition {n,m} with m less than n", at: open) }
        return (minimum, high)
    }
}

extension PatternNode {
    /// Whether it holds `^`, `$` or a lookahead.
    var hasAssertion: Bool {
        switch self {
        case .textStart, .textEnd, .lookahead: return true
        case .empty, .character, .set, .notNewline: return false
        case .sequence(let items), .alternatives(let items): return items.contains { $0.hasAssertion }
        case .repeated(let body, _, _): return body.hasAssertion
        }
    }
}

extension Character {
    /// The scalar of a character of one scalar.
    fileprivate var singleScalar: Unicode.Scalar? {
        unicodeScalars.count == 1 ? unicodeScalars.first : nil
    }
}

/// Turns a `PatternNode` into a program for `Pattern.search`.
struct PatternCompiler {
    var program: [Instruction] = []

    static let tooLong = PatternError(
        offset: 0,
        reason: "it compiles to more than \(Pattern.maxInstructions) instructions (counted repetitions copy "
            + "what they repeat)")

    mutating func emit(_ node: PatternNode) throws(PatternError) {
        guard program.count <= Pattern.maxInstructions else { throw Self.tooLong }
        switch node {
        case .empty: break
        case .character(let c): program.append(.character(c))
        case .set(let set): program.append(.set(set))
        case .notNewline: program.append(.notNewline)
        case .textStart: program.append(.textStart)
        case .textEnd: program.append(.textEnd)
        case .sequence(let items):
            for item in items { try emit(item) }
        case .alternatives(let branches):
            // split L1, next; L1: branch; jump end; next: split L2, … ; the last branch alone.
            var jumps: [Int] = []
            for (n, branch) in branches.enumerated() {
                if n < branches.count - 1 {
                    let split = program.count
                    program.append(.split(split + 1, 0))
                    try emit(branch)
                    jumps.append(program.count)
                    program.append(.jump(0))
                    program[split] = .split(split + 1, program.count)
                } else {
                    try emit(branch)
                }
            }
            for jump in jumps { program[jump] = .jump(program.count) }
        case .lookahead(let body, let negative):
            let at = program.count
            program.append(.lookahead(body: at + 1, next: 0, negative: negative))
            try emit(body)
            program.append(.match)
            program[at] = .lookahead(body: at + 1, next: program.count, negative: negative)
        case .repeated(let body, let minimum, let maximum):
            for _ in 0..<minimum { try emit(body) }
            if let maximum {
                // Each optional copy: split into it or past all of them.
                var splits: [Int] = []
                for _ in minimum..<maximum {
                    splits.append(program.count)
                    program.append(.split(0, 0))
                    try emit(body)
                }
                for split in splits { program[split] = .split(split + 1, program.count) }
            } else {
                // L: split body, end; body; jump L. An empty body cannot loop: `search` visits
                // each instruction once per position.
                let loop = program.count
                program.append(.split(0, 0))
                try emit(body)
                program.append(.jump(loop))
                program[loop] = .split(loop + 1, program.count)
            }
        }
    }
}
