import DocumentSchema
import YAMLDocument

/// Parses the check language from catalog nodes, checking every path against the description
/// format and every operand against the field it is compared with, so that a misspelt field or
/// value is a located catalog error at load time and never a check that silently passes.
struct ConditionParser {
    let file: String
    /// At most `SchemaValidator.maxDiagnostics`, as the shape's errors.
    var diagnostics: CappedDiagnostics

    init(file: String) {
        self.file = file
        diagnostics = CappedDiagnostics(file: file)
    }

    /// The aliases what is being read was reached through: an error inside names them. The
    /// catalog's reader notes those of the lists and elements a check or an example is read from.
    var aliases = AliasTrail()

    mutating func error(_ location: SourceLocation, _ message: String) {
        guard diagnostics.hasRoom() else { return }
        diagnostics.append(
            Diagnostic(
                file: file, location: location,
                message: aliases.message(message, at: location)))
    }

    /// Notes `node` as an alias what is below it was reached through, when it is one (see
    /// `AliasTrail.enter`).
    private mutating func enterAlias(_ node: Node) -> Bool {
        aliases.enter(node.start, if: node.isAliasCopy)
    }

    /// How deep `all`, `any` and `not` may nest. The parser, the evaluator and the explanations
    /// recurse on the condition: 100 000 nested `not`s, with the file's nesting limit raised,
    /// overflowed the stack. A real check nests two or three deep.
    static let maxNesting = 64

    mutating func parse(_ node: Node, subject: ObjectShape, depth: Int = 0) -> Condition? {
        let entered = enterAlias(node)
        defer { aliases.leave(entered) }
        guard depth <= Self.maxNesting else {
            error(node.start, "conditions nest more than \(Self.maxNesting) deep here; a check needs far fewer")
            return nil
        }
        guard let pairs = node.pairs, !pairs.isEmpty else {
            error(node.start, "expected a condition: a mapping with all, any, not, or field and a test")
            return nil
        }
        let keys = pairs.map(\.name)
        for combinator in ["all", "any", "not"] where keys.contains(combinator) {
            guard pairs.count == 1 else {
                error(node.start, "'\(combinator)' must be alone in its mapping; nest the other tests inside it")
                return nil
            }
            let inner = pairs[0].value
            if combinator == "not" { return parse(inner, subject: subject, depth: depth + 1).map(Condition.not) }
            guard let items = inner.items, !items.isEmpty else {
                error(inner.start, "'\(combinator)' takes a non-empty list of conditions")
                return nil
            }
            let enteredList = enterAlias(inner)
            defer { aliases.leave(enteredList) }
            let parsed = items.compactMap { parse($0, subject: subject, depth: depth + 1) }
            guard parsed.count == items.count else { return nil }
            return combinator == "all" ? .all(parsed) : .any(parsed)
        }
        guard let fieldPair = pairs.first(where: { $0.name == "field" }) else {
            let unknown = keys.first { !Operator.keywords.contains($0) } ?? keys[0]
            error(
                node.start,
                "a condition needs 'field' and one test, or all / any / not; found \(Diagnostic.quote(unknown))"
                    + Suggestion.phrase(for: unknown, in: ["field", "all", "any", "not"] + Operator.keywords))
            return nil
        }
        let operators = pairs.filter { $0.name != "field" }
        guard operators.count == 1, let opPair = operators.first else {
            error(
                node.start,
                "a field test needs exactly one of: \(Operator.keywords.joined(separator: ", ")); found "
                    + (operators.isEmpty ? "none" : operators.map { Diagnostic.quote($0.name) }.joined(separator: ", "))
            )
            return nil
        }
        guard case .string(let pathText)? = fieldPair.value.resolved, !pathText.isEmpty else {
            error(fieldPair.value.start, "'field' takes a path such as payload_execution.environment_cleaned")
            return nil
        }
        // Every message below quotes the path whole: a path longer than any the format has is
        // refused first, quoted short (one of a megabyte was quoted whole, twice over).
        guard pathText.utf8.count <= 200 else {
            error(
                fieldPair.value.start,
                "'field' path \(Diagnostic.quote(pathText)) is longer than 200 bytes; no field of the format is")
            return nil
        }
        // Field names joined by single dots, after an optional `$.`: an empty name was dropped, and
        // `.` or `$.` named the whole description, on which `exists: true` always held.
        let names = (pathText.hasPrefix("$.") ? String(pathText.dropFirst(2)) : pathText)
            .split(separator: ".", omittingEmptySubsequences: false)
        guard !names.contains(where: \.isEmpty) else {
            error(
                fieldPair.value.start,
                "'field' path '\(pathText)' has an empty name; write field names joined by single "
                    + "dots, such as payload_execution.environment_cleaned")
            return nil
        }
        var path = FieldPath(pathText)
        let type: PathType
        switch PathTyping.type(of: path, from: subject) {
        case .success(let t): type = t
        case .failure(let failure):
            error(fieldPair.value.start, "unknown field in path '\(pathText)': \(failure.message)")
            return nil
        }
        path.references = type.references.map {
            FieldPath(fromRoot: path.fromRoot, segments: Array(path.segments.prefix($0)))
        }
        guard let op = parseOperator(opPair, type: type, pathText: pathText) else { return nil }
        return .test(FieldTest(path: path, op: op, range: node.range))
    }

    private mutating func parseOperator(_ pair: Pair, type: PathType, pathText: String) -> Operator? {
        let node = pair.value
        let leaf: Shape
        let isList: Bool
        if case .list(let element, _) = type.shape {
            (leaf, isList) = (element, true)
        } else {
            (leaf, isList) = (type.shape, false)
        }
        func literal(_ node: Node) -> Literal? { self.literal(node, for: leaf, pathText: pathText) }
        func literals(_ node: Node) -> [Literal]? {
            guard let items = node.items, !items.isEmpty else {
                error(node.start, "'\(pair.name)' takes a non-empty list")
                return nil
            }
            let entered = enterAlias(node)
            defer { aliases.leave(entered) }
            let values = items.compactMap(literal)
            return values.count == items.count ? values : nil
        }
        let keyword = pair.name
        let collective = ["contains", "contains_all", "contains_any"].contains(keyword)
        if collective && !(isList || type.multiValued) {
            error(
                pair.key.start,
                "'\(keyword)' needs a list, but '\(pathText)' is \(type.shape.expectation); use equals")
            return nil
        }
        if !collective && keyword != "exists" && isList {
            error(
                pair.key.start,
                "'\(pathText)' is a list; use contains, contains_all or contains_any instead of \(keyword)"
            )
            return nil
        }
        switch keyword {
        case "exists":
            guard case .bool(let b)? = node.resolved else {
                error(node.start, "'exists' takes true or false")
                return nil
            }
            return .exists(b)
        case "equals": return literal(node).map(Operator.equals)
        case "one_of": return literals(node).map(Operator.oneOf)
        case "contains": return literal(node).map(Operator.contains)
        case "contains_all": return literals(node).map(Operator.containsAll)
        case "contains_any": return literals(node).map(Operator.containsAny)
        case "at_least", "at_most":
            guard leaf.isNumeric else {
                error(
                    pair.key.start,
                    "'\(keyword)' compares numbers, but '\(pathText)' is \(leaf.expectation)")
                return nil
            }
            let number: Double
            switch node.resolved {
            case .int(let i)?: number = Double(i)
            case .float(let d)? where d.isFinite: number = d
            default:
                error(node.start, "'\(keyword)' takes a number")
                return nil
            }
            return keyword == "at_least" ? .atLeast(number) : .atMost(number)
        case "matches":
            guard leaf.isTextual else {
                error(
                    pair.key.start,
                    "'matches' applies to text, but '\(pathText)' is \(leaf.expectation)")
                return nil
            }
            guard case .string(let pattern)? = node.resolved else {
                error(node.start, "'matches' takes a pattern (docs/check-language.md), as a string")
                return nil
            }
            let compiled: Pattern
            do throws(PatternError) {
                compiled = try Pattern(pattern)
            } catch {
                self.error(
                    node.start, "'matches' pattern refused at character \(error.offset + 1): \(error.reason)")
                return nil
            }
            return .matches(compiled)
        default:
            error(
                pair.key.start,
                "unknown test \(Diagnostic.quote(keyword)); expected one of: \(Operator.keywords.joined(separator: ", "))"
                    + Suggestion.phrase(for: keyword, in: Operator.keywords))
            return nil
        }
    }

    private mutating func literal(_ node: Node, for shape: Shape, pathText: String) -> Literal? {
        let value: Literal
        switch node.resolved {
        case .string(let s)?: value = .string(s)
        case .int(let i)?: value = .number(Double(i))
        case .float(let d)? where d.isFinite: value = .number(d)
        case .bool(let b)?: value = .boolean(b)
        default:
            let found: String
            switch node.resolved {
            case .null?: found = "null"
            case .float?: found = "a number that is not finite"
            default: found = node.kindName
            }
            error(node.start, "expected a value to compare '\(pathText)' with, found \(found)")
            return nil
        }
        switch (shape, value) {
        case (.enumeration(let words), .string(let s)):
            guard words.contains(s) else {
                error(
                    node.start,
                    "\(Diagnostic.quote(s)) is not a value '\(pathText)' can take; expected one of: \(words.joined(separator: ", "))"
                        + Suggestion.phrase(for: s, in: words))
                return nil
            }
            return value
        case (.constant(let c), .string(let s)) where c == s: return value
        // A value the field can never hold would make the check always fail, never a catalog error.
        case (.date, .string(let s)) where !SchemaValidator.isDate(s),
            (.fileMode, .string(let s)) where !SchemaValidator.isFileMode(s):
            error(node.start, "'\(pathText)' is \(shape.expectation); it can never be \(Diagnostic.quote(s))")
            return nil
        case (.fileMode, .string(let s)):
            // As descriptions' modes are read: "600" is "0600".
            return .string(s.count == 3 ? "0" + s : s)
        case (.integer, .number(let d)) where d != d.rounded():
            error(node.start, "'\(pathText)' is \(shape.expectation); it can never be \(value)")
            return nil
        case (.string, .string), (.text, .string), (.date, .string), (.reference, .string),
            (.integer, .number), (.number, .number), (.boolean, .boolean):
            return value
        default:
            let written: String
            switch value {
            case .string(let s): written = "the text \(Diagnostic.quote(s))"
            case .number: written = "the number \(value)"
            case .boolean: written = "\(value)"
            }
            error(node.start, "'\(pathText)' is \(shape.expectation); it cannot equal \(written)")
            return nil
        }
    }
}

extension Shape {
    var isNumeric: Bool {
        switch self {
        case .integer, .number: return true
        default: return false
        }
    }

    var isTextual: Bool {
        switch self {
        case .string, .text, .date, .fileMode, .reference, .enumeration, .constant: return true
        default: return false
        }
    }
}
