import YAMLDocument

/// Checks a node tree against a root `ObjectShape` and builds the typed `Value` tree.
///
/// It reports every problem it finds in one pass, in file order, rather than stopping at the
/// first: an experiment fixing its description should see the whole list at once.
public struct SchemaValidator: Sendable {
    public enum Mode: Sendable {
        /// A full document: required fields must be present.
        case complete
        /// A fragment (a catalog example): only what is written is checked.
        case fragment
    }

    /// Past this many errors in one file the rest would be noise (and a hostile file could
    /// produce millions).
    public static let maxDiagnostics = 500

    public let root: ObjectShape
    public let mode: Mode

    public init(root: ObjectShape, mode: Mode = .complete) {
        self.root = root
        self.mode = mode
    }

    public struct Result: Sendable {
        /// The validated tree; present when there were no errors.
        public var value: Value?
        public var diagnostics: [Diagnostic]
    }

    /// A document whose `format:` names another format than `expected` gets one clear message
    /// instead of dozens of unknown-key errors.
    public static func formatMismatch(_ node: Node, expected: String, file: String) -> Diagnostic? {
        guard let format = node["format"], let text = format.scalar?.text, text != expected else { return nil }
        return Diagnostic(
            file: file, location: format.start, message: "unsupported format '\(text)'; this mupj reads \(expected)")
    }

    /// Takes the tree (a caller that keeps using it keeps its own copy): each part is freed once
    /// converted, so a large document is not held twice, as nodes and as values.
    public func validate(_ node: consuming Node, file: String) -> Result {
        var walk = Walk(file: file, mode: mode)
        let value = walk.value(consume node, .object(root), unknown: false, context: Context(root.name))
        walk.checkReferences(root: value, shape: root)
        walk.diagnostics.sort()
        if walk.truncated {
            walk.diagnostics.append(
                Diagnostic(
                    file: file, location: nil, severity: .note,
                    message: "stopped after \(Self.maxDiagnostics) errors; fix these and run again"))
        }
        let ok = !walk.diagnostics.contains { $0.severity == .error }
        return Result(value: ok ? value : nil, diagnostics: walk.diagnostics)
    }
}

/// What error messages call the value being checked ("'retention_days'", "notes"). Kept as its
/// parts and spelled out only when a message is written: most values never need it.
private struct Context: CustomStringConvertible, ExpressibleByStringLiteral {
    private let name: String
    private let quoted: Bool

    init(_ name: String) {
        self.name = name
        quoted = false
    }

    init(stringLiteral name: String) { self.init(name) }

    /// A field, quoted: `'name'`.
    static func field(_ name: String) -> Context { Context(name: name, quoted: true) }

    private init(name: String, quoted: Bool) {
        self.name = name
        self.quoted = quoted
    }

    var description: String { quoted ? "'\(name)'" : name }

    /// The field's name, when this is a field.
    var fieldName: String? { quoted ? name : nil }
}

/// A set of field indices.
private struct FieldSet {
    private var bits: UInt64 = 0
    private var more: [Bool]

    init(count: Int) { more = count > 64 ? [Bool](repeating: false, count: count) : [] }

    mutating func insert(_ index: Int) {
        if more.isEmpty { bits |= 1 << UInt64(index) } else { more[index] = true }
    }

    func contains(_ index: Int) -> Bool { more.isEmpty ? bits & (1 << UInt64(index)) != 0 : more[index] }
}

/// The ids of one list's elements, with where each is first defined: a second definition is an
/// error.
private struct IDCheck {
    let idField: String
    let noun: String
    var seen: [String: SourceLocation] = [:]

    init(idField: String, noun: String, capacity: Int) {
        self.idField = idField
        self.noun = noun
        seen.reserveCapacity(capacity)
    }

    /// Records the element's id; returns the error when another element already has it.
    mutating func add(_ value: Value) -> (location: SourceLocation, message: String)? {
        // Read in place: the id and where it is, not a copy of its entry.
        guard let object = value.object, let id = object.id,
            let index = object.entries.firstIndex(where: { $0.name == idField })
        else { return nil }
        let location = object.entries[index].value.range.start
        // One hash lookup for a new id; a duplicate puts the first definition back.
        guard let first = seen.updateValue(location, forKey: id) else { return nil }
        seen[id] = first
        return (
            location, "duplicate \(noun) id '\(id)'; it was first defined at line \(first.line), column \(first.column)"
        )
    }
}

private struct PendingReference {
    var collection: String
    var id: String
    var range: SourceRange
}

private struct Walk {
    let file: String
    let mode: SchemaValidator.Mode
    var diagnostics: [Diagnostic] = []
    var truncated = false
    var references: [PendingReference] = []
    /// Mappings entered and not yet left: the root's fields are read at depth 1.
    var depth = 0
    /// The ids of each top-level collection, with where each is defined: gathered by the
    /// duplicate-id check, and what references are resolved against.
    var collectionIDs: [String: [String: SourceLocation]] = [:]

    init(file: String, mode: SchemaValidator.Mode) {
        self.file = file
        self.mode = mode
    }

    mutating func error(_ location: SourceLocation, _ message: String) {
        guard diagnostics.count < SchemaValidator.maxDiagnostics else {
            truncated = true
            return
        }
        diagnostics.append(Diagnostic(file: file, location: location, message: message))
    }

    // MARK: values

    mutating func value(_ node: consuming Node, _ shape: Shape, unknown: Bool, context: Context) -> Value? {
        if unknown, case .scalar(let s) = node.content, s.style == .plain, s.text == Annotation.unknown {
            return Value(.unknown(reason: nil), range: node.range)
        }
        switch shape {
        case .object(let object):
            return self.object(consume node, object, context: context)
        case .custom:
            let range = node.range
            return Value(.raw(node), range: range)
        default:
            break
        }
        if let pairs = node.pairs,
            pairs.contains(where: { $0.name == Annotation.value || $0.name == Annotation.unknown })
        {
            return wrapped(node, pairs, shape, unknown: unknown, context: context)
        }
        if case .list(let element, let minCount) = shape {
            return list(consume node, element, minCount: minCount, context: context)
        }
        return leaf(node, shape, context: context)
    }

    /// `{value: X, source: S}` or `{unknown: reason, source: S}`; a list may add `partial: true`.
    mutating func wrapped(_ node: Node, _ pairs: [Pair], _ shape: Shape, unknown: Bool, context: Context) -> Value? {
        var sources: [String] = []
        var partial = false
        var result: Value?
        var seenContent = false
        for pair in pairs {
            switch pair.name {
            case Annotation.source:
                sources = self.sources(pair.value)
            case Annotation.notes:
                _ = text(pair.value, context: "notes")
            case Annotation.partial:
                guard case .list = shape else {
                    error(pair.key.start, "'partial' applies to lists only: it says the list may be incomplete")
                    continue
                }
                guard case .bool(let flag)? = pair.value.resolved else {
                    error(pair.value.start, "expected true or false for 'partial'")
                    continue
                }
                partial = flag
            case Annotation.value:
                if seenContent {
                    error(pair.key.start, "a fact has either 'value' or 'unknown', not both")
                }
                seenContent = true
                result = value(pair.value, shape, unknown: false, context: context)
            case Annotation.unknown:
                if seenContent {
                    error(pair.key.start, "a fact has either 'value' or 'unknown', not both")
                }
                seenContent = true
                guard unknown else {
                    error(pair.key.start, "\(context) must be known; 'unknown' is not accepted here")
                    continue
                }
                let reason = text(pair.value, context: "the reason for unknown")
                result = Value(.unknown(reason: reason), range: node.range)
            default:
                error(
                    pair.key.start,
                    "unknown key '\(pair.name)' in a fact of \(context); expected value or unknown, with source, "
                        + "notes and (for lists) partial"
                        + Suggestion.phrase(for: pair.name, in: ["value", "unknown", "source", "notes", "partial"]))
            }
        }
        guard var result else { return nil }
        result.sources += sources
        result.partial = partial && !result.isUnknown
        return result
    }

    mutating func sources(_ node: Node) -> [String] {
        if let items = node.items {
            return items.compactMap { text($0, context: "a source") }
        }
        return text(node, context: "source").map { [$0] } ?? []
    }

    /// Free text: any scalar but an empty one (a plain `2008` in a note is still text to a reader).
    mutating func text(_ node: Node, context: Context) -> String? {
        if let scalar = node.scalar, node.resolved != .null { return scalar.text }
        error(node.start, "expected text for \(context), found \(describe(node))")
        return nil
    }

    mutating func list(_ node: consuming Node, _ element: Shape, minCount: Int, context: Context) -> Value? {
        guard node.items != nil else {
            error(
                node.start,
                "expected \(Shape.list(element, minCount: minCount).expectation) for \(context), found \(describe(node))"
            )
            return nil
        }
        let range = node.range
        var items = (consume node).takeItems() ?? []
        if items.count < minCount, mode == .complete {
            error(
                range.start,
                "\(context) needs at least \(minCount) \(minCount == 1 ? "entry" : "entries"), found \(items.count)")
        }
        var values: [Value] = []
        values.reserveCapacity(items.count)
        // Elements with ids are checked for duplicates as each is made, while it is still in the
        // cache: a second pass over ten thousand elements spread through memory cost as much again.
        var ids: IDCheck?
        if case .object(let object) = element, let idField = object.idField {
            ids = IDCheck(idField: idField, noun: object.name, capacity: items.count)
        }
        for index in items.indices {
            // Moved out of the list, so that the item's nodes are freed once it is converted.
            var item = Node.vacant
            swap(&item, &items[index])
            guard let v = value(consume item, element, unknown: false, context: context) else { continue }
            if let duplicate = ids?.add(v) { error(duplicate.location, duplicate.message) }
            values.append(v)
        }
        if let ids, depth == 1, let collection = context.fieldName { collectionIDs[collection] = ids.seen }
        return Value(.list(values), range: range)
    }

    mutating func object(_ node: consuming Node, _ shape: ObjectShape, context: Context) -> Value? {
        guard node.pairs != nil else {
            error(node.start, "expected a mapping (\(shape.name)) for \(context), found \(describe(node))")
            return nil
        }
        let (start, range) = (node.start, node.range)
        depth += 1
        defer { depth -= 1 }
        var pairs = (consume node).takePairs() ?? []
        var entries: [ObjectValue.Entry] = []
        entries.reserveCapacity(pairs.count)
        var sources: [String] = []
        var notes: String?
        // Which fields the mapping has, for the required-field check (one pass over the pairs); a
        // bit mask, so that no array is allocated per mapping (an array only past 64 fields).
        var present = FieldSet(count: shape.fields.count)
        for pairIndex in pairs.indices {
            // Moved out of the mapping, so that the value's nodes are freed once converted.
            var pair = Pair(key: .vacant, value: .vacant)
            swap(&pair, &pairs[pairIndex])
            let name = pair.name
            if let index = shape.fields.firstIndex(where: { $0.name == name }) {
                present.insert(index)
                let (key, valueNode) = (consume pair).take()
                // The field's parts read in place: a copy of the whole field costs three reference counts.
                let allowsUnknown = shape.fields[index].allowsUnknown
                if let v = value(
                    consume valueNode, shape.fields[index].shape, unknown: allowsUnknown, context: .field(name))
                {
                    entries.append(ObjectValue.Entry(name: name, keyRange: key.range, value: v))
                }
            } else if shape.annotations && name == Annotation.source {
                sources = self.sources(pair.value)
            } else if shape.annotations && name == Annotation.notes {
                notes = text(pair.value, context: "notes")
            } else if diagnostics.count >= SchemaValidator.maxDiagnostics {
                // What `error` does past the cap, without first computing a suggestion nobody sees
                // (a hostile mapping may hold a million unknown keys).
                truncated = true
            } else {
                let candidates = shape.fields.map(\.name) + shape.annotationKeys
                error(
                    pair.key.start,
                    "unknown key '\(name)' in \(shape.name)" + Suggestion.phrase(for: name, in: candidates))
            }
        }
        if mode == .complete {
            for (index, field) in shape.fields.enumerated() where field.required && !present.contains(index) {
                let hint = field.allowsUnknown ? " (write unknown if it is not known)" : ""
                error(
                    start,
                    "missing required field '\(field.name)' in \(shape.name): expected \(field.shape.expectation)\(hint)"
                )
            }
        }
        let id = shape.idField.flatMap { f in entries.first { $0.name == f }?.value.string }
        let object = ObjectValue(shapeName: shape.name, entries: entries, notes: notes, id: id)
        return Value(.object(object), range: range, sources: sources)
    }

    // MARK: leaves

    mutating func leaf(_ node: Node, _ shape: Shape, context: Context) -> Value? {
        guard let scalar = node.scalar, let resolved = node.resolved else {
            error(node.start, "expected \(shape.expectation) for \(context), found \(describe(node))")
            return nil
        }
        let range = node.range
        func mismatch(_ extra: String = "") -> Value? {
            error(node.start, "expected \(shape.expectation) for \(context), found \(describe(node))\(extra)")
            return nil
        }
        if case .null = resolved {
            return mismatch("; write unknown if it is not known")
        }
        switch shape {
        case .string, .text:
            guard case .string(let s) = resolved else {
                return mismatch("; put it in quotes if it is meant as text")
            }
            return Value(.string(s), range: range)
        case .integer(let minimum):
            guard case .int(let i) = resolved else { return mismatch() }
            if let minimum, i < minimum { return mismatch() }
            return Value(.integer(i), range: range)
        case .number(let minimum):
            let d: Double
            switch resolved {
            case .int(let i): d = Double(i)
            case .float(let f) where f.isFinite: d = f
            default: return mismatch()
            }
            if let minimum, d < minimum { return mismatch() }
            return Value(.number(d), range: range)
        case .boolean:
            if case .bool(let b) = resolved { return Value(.boolean(b), range: range) }
            let word = scalar.text.lowercased()
            if scalar.style == .plain, ["yes", "no", "on", "off", "y", "n"].contains(word) {
                let replacement = ["yes", "on", "y"].contains(word) ? "true" : "false"
                error(
                    node.start,
                    "'\(scalar.text)' is a string in YAML 1.2, not a boolean; write \(replacement) for \(context)")
                return nil
            }
            if scalar.style != .plain, ["true", "false"].contains(word) {
                return mismatch("; remove the quotes")
            }
            return mismatch()
        case .date:
            guard case .string(let s) = resolved, Self.isDate(s) else { return mismatch() }
            return Value(.date(s), range: range)
        case .fileMode:
            if case .int(let i) = resolved, scalar.style == .plain {
                error(
                    node.start,
                    "expected a quoted octal file mode for \(context); unquoted, \(scalar.text) is read as the "
                        + "number \(i): write \"\(scalar.text)\"")
                return nil
            }
            guard case .string(let s) = resolved, Self.isFileMode(s) else { return mismatch() }
            return Value(.string(s.count == 3 ? "0" + s : s), range: range)
        case .enumeration(let words):
            guard case .string(let s) = resolved else { return mismatch() }
            guard words.contains(s) else {
                error(
                    node.start,
                    "'\(s)' is not allowed for \(context); expected one of: \(words.joined(separator: ", "))"
                        + Suggestion.phrase(for: s, in: words))
                return nil
            }
            return Value(.string(s), range: range)
        case .constant(let expected):
            guard case .string(let s) = resolved, s == expected else { return mismatch() }
            return Value(.string(s), range: range)
        case .reference(let collection):
            guard case .string(let s) = resolved else { return mismatch() }
            references.append(PendingReference(collection: collection, id: s, range: range))
            return Value(.reference(collection: collection, id: s), range: range)
        case .list, .object, .custom:
            return mismatch()
        }
    }

    static func isDate(_ s: String) -> Bool {
        guard s.utf8.count == 10 else { return false }
        var (y, m, d) = (0, 0, 0)
        for (i, byte) in s.utf8.enumerated() {
            if i == 4 || i == 7 {
                guard byte == UInt8(ascii: "-") else { return false }
                continue
            }
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return false }
            let digit = Int(byte - UInt8(ascii: "0"))
            if i < 4 {
                y = y * 10 + digit
            } else if i < 7 {
                m = m * 10 + digit
            } else {
                d = d * 10 + digit
            }
        }
        guard (1...12).contains(m) else { return false }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return (1...days[m - 1]).contains(d)
    }

    static func isFileMode(_ s: String) -> Bool {
        let digits = s.count == 4 && s.hasPrefix("0") ? String(s.dropFirst()) : s
        return digits.count == 3 && digits.allSatisfy { ("0"..."7").contains($0) }
    }

    func describe(_ node: Node) -> String {
        switch node.content {
        case .sequence: return "a sequence"
        case .mapping: return "a mapping"
        case .scalar(let s):
            switch node.resolved {
            case .null?: return "nothing (an empty value)"
            case .bool(let b)?: return "the boolean \(b)"
            case .int?, .bigInt?: return "the integer \(s.text)"
            case .float?: return "the number \(s.text)"
            default:
                let shown = s.text.count > 40 ? String(s.text.prefix(40)) + "…" : s.text
                return "the string '\(shown)'"
            }
        }
    }

    // MARK: references

    /// Every reference must name an element of its collection, a top-level list of the root.
    mutating func checkReferences(root: Value?, shape: ObjectShape) {
        for reference in references where collectionIDs[reference.collection]?[reference.id] == nil {
            let singular =
                reference.collection.hasSuffix("s") ? String(reference.collection.dropLast()) : reference.collection
            // The ids in file order, for the suggestion: only when a reference is wrong.
            let idField = shape.fields.lazy.compactMap { field -> String? in
                guard field.name == reference.collection, case .list(.object(let element), _) = field.shape else {
                    return nil
                }
                return element.idField
            }.first
            let ids = root?.object?[reference.collection]?.list?.compactMap { element in
                idField.flatMap { element.object?[$0]?.string }
            }
            error(
                reference.range.start,
                "no \(singular) with id '\(reference.id)' is defined in \(reference.collection)"
                    + Suggestion.phrase(for: reference.id, in: ids ?? []))
        }
    }
}
