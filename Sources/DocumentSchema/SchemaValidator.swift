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

    /// The note that ends a file's diagnostics when they stopped at `maxDiagnostics`.
    public static func truncationNote(file: String) -> Diagnostic {
        Diagnostic(
            file: file, location: nil, severity: .note,
            message: "stopped after \(maxDiagnostics) errors; fix these and run again")
    }

    /// How many ids, in all, the "did you mean" of wrong references compares in one file. Each
    /// wrong reference is compared with every id of its collection: 500 misspelt references to
    /// 40 000 components took 20–26 s. With the template's handful of ids every error gets its
    /// suggestion; with tens of thousands, the first few do.
    public static let suggestionComparisons = 200_000

    /// The longest id, or reference to one, in bytes. Ids are looked up by hash, and a string's
    /// hash reads it whole (normalised, for text that is not ASCII): 500 references by alias to
    /// one id of 400 KB took 9.6 s to look up.
    public static let maxIDBytes = 256

    /// The error for an id or a reference longer than `maxIDBytes`.
    static func idTooLong(_ id: String) -> String {
        "an id is at most \(maxIDBytes) bytes; this one, \(Diagnostic.quote(id)), has \(id.utf8.count)"
    }

    public let root: ObjectShape
    public let mode: Mode
    /// The aliases the document itself was reached through, outermost first: a fragment of a
    /// larger file (a catalog example) pasted by an alias. Its errors name them.
    public var reachedThrough = AliasTrail()

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
    public static func formatMismatch(_ table: NodeTable, expected: String, file: String) -> Diagnostic? {
        guard let (text, location) = declaredFormat(table), text != expected else { return nil }
        return Diagnostic(
            file: file, location: location,
            message: "unsupported format \(Diagnostic.quote(text)); this mupj reads \(expected)")
    }

    /// What the document's root `format:` says, and where; nil without one.
    public static func declaredFormat(_ table: NodeTable) -> (format: String, location: SourceLocation)? {
        guard let format = table.value(forKey: "format", in: NodeTable.root), let text = table.text(format) else {
            return nil
        }
        return (text, table.start(format))
    }

    /// A tree built elsewhere (a fragment of a larger document) is checked through its table.
    public func validate(_ node: Node, file: String) -> Result {
        validate(NodeTable(node), file: file)
    }

    /// The document as the loader reads it (`YAMLLoader.loadTable`), walked in place.
    public func validate(_ table: NodeTable, file: String) -> Result {
        var walk = Walk(file: file, mode: mode, table: table)
        walk.aliases = reachedThrough
        walk.outerAliases = reachedThrough.count
        let value = walk.value(NodeTable.root, .object(root), unknown: false, context: Context(root.name))
        if !walk.truncated { walk.checkReferences(root: value, shape: root) }
        walk.diagnostics.sort()
        if walk.truncated { walk.diagnostics.append(Self.truncationNote(file: file)) }
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

    /// Records the element's id; returns the error when another element already has it, or when
    /// it is too long to be one.
    mutating func add(_ value: Value) -> (location: SourceLocation, message: String)? {
        // Read in place: the id and where it is, not a copy of its entry.
        guard let object = value.object, let id = object.id,
            let index = object.entries.firstIndex(where: { $0.name == idField })
        else { return nil }
        var location = object.entries[index].value.range.start
        // An element reached through an alias is where the alias is: its id is written at the
        // anchor, where the first definition may be too.
        if !value.range.contains(location) { location = value.range.start }
        guard id.utf8.count <= SchemaValidator.maxIDBytes else { return (location, SchemaValidator.idTooLong(id)) }
        // One hash lookup for a new id; a duplicate puts the first definition back.
        guard let first = seen.updateValue(location, forKey: id) else { return nil }
        seen[id] = first
        return (
            location,
            "duplicate \(noun) id \(Diagnostic.quote(id)); it was first defined at line \(first.line), column \(first.column)"
        )
    }
}

private struct PendingReference {
    var id: String
    var start: SourceLocation
    /// The collection, as its position in `Walk.referencedCollections`: a description can hold
    /// millions of references, and a name and a range each made the array of them twice as large.
    var collection: UInt16
}

/// The walk reads the document's table by index: a node is its position in `table`.
private struct Walk {
    let file: String
    let mode: SchemaValidator.Mode
    let table: NodeTable
    var diagnostics: [Diagnostic] = []
    var truncated = false
    var references: [PendingReference] = []
    var referencedCollections: [String] = []
    /// Mappings entered and not yet left: the root's fields are read at depth 1.
    var depth = 0
    /// The ids of each top-level collection, with where each is defined: gathered by the
    /// duplicate-id check, and what references are resolved against.
    var collectionIDs: [String: [String: SourceLocation]] = [:]
    /// What is left of `SchemaValidator.suggestionComparisons`.
    var suggestionBudget = SchemaValidator.suggestionComparisons

    init(file: String, mode: SchemaValidator.Mode, table: NodeTable) {
        self.file = file
        self.mode = mode
        self.table = table
    }

    mutating func error(_ location: SourceLocation, _ message: String) {
        guard diagnostics.count < SchemaValidator.maxDiagnostics else {
            truncated = true
            return
        }
        diagnostics.append(
            Diagnostic(
                file: file, location: location,
                message: aliases.message(message, at: location)))
    }

    // MARK: values

    /// A key's text (keys are always scalars: the loader rejects any other key).
    func name(_ key: Int) -> String { table.text(key) ?? "" }

    /// The aliases the value being checked was reached through: an error inside names them.
    var aliases = AliasTrail()
    /// The aliases each reference was reached through, by its position in `references`, for
    /// those reached through any: they are checked after the walk.
    var referenceAliases: [Int: AliasTrail] = [:]
    /// How many of `aliases` the document itself was reached through (`reachedThrough`).
    var outerAliases = 0
    /// The trees of the anchored nodes made for values kept as nodes (`Shape.custom`), shared by
    /// all of them (see `NodeTable.node(at:anchored:)`).
    var anchoredTrees: [Int: Node] = [:]

    /// Notes `node` as an alias the walk goes through, when it is one (see `AliasTrail.enter`).
    mutating func enterAlias(_ node: Int) -> Bool {
        aliases.enter(table.start(node), if: table.isAlias(node))
    }

    mutating func value(_ node: Int, _ shape: Shape, unknown: Bool, context: Context) -> Value? {
        guard enterAlias(node) else { return valueInPlace(node, shape, unknown: unknown, context: context) }
        defer { aliases.leave(true) }
        var result = valueInPlace(node, shape, unknown: unknown, context: context)
        // Cited where the alias is, as a value of any other kind is: a fact's value was marked
        // where its `value` is written, at the anchor.
        result?.range = table.range(node)
        return result
    }

    private mutating func valueInPlace(_ node: Int, _ shape: Shape, unknown: Bool, context: Context) -> Value? {
        // Past the cap the walk only unwinds: nothing more would be reported, and no value is
        // returned once there are errors. A hostile list of millions of wrong items took seconds
        // building messages nobody sees.
        if truncated { return nil }
        if table.entries[node].style == .plain, table.text(node) == Annotation.unknown {
            if unknown { return Value(.unknown(reason: nil), range: table.range(node)) }
            // An id, a name or a reference that may not be unknown: read as text, the word would
            // name an element `unknown`, and a reference to it would resolve as if it were known.
            switch shape {
            case .string, .reference:
                error(
                    table.range(node).start,
                    "\(context) cannot be unknown: ids, names and references must be known "
                        + "(write \"unknown\" in quotes if that is the real name)")
                return nil
            default: break
            }
        }
        switch shape {
        case .object(let object):
            return self.object(node, object, context: context)
        case .custom:
            return Value(.raw(table.node(at: node, anchored: &anchoredTrees)), range: table.range(node))
        default:
            break
        }
        if isFact(node) { return wrapped(node, shape, unknown: unknown, context: context) }
        if case .list(let element, let minCount) = shape {
            return list(node, element, minCount: minCount, context: context)
        }
        return leaf(node, shape, unknown: unknown, context: context)
    }

    /// Whether the node is a mapping with a `value` or `unknown` key: a fact written out with
    /// its source (see `wrapped`).
    func isFact(_ node: Int) -> Bool {
        guard table.kind(node) == .mapping else { return false }
        var key = table.firstChild(node)
        let end = table.childrenEnd(node)
        while key < end {
            let name = self.name(key)
            if name == Annotation.value || name == Annotation.unknown { return true }
            key = table.end(table.end(key))
        }
        return false
    }

    /// `{value: X, source: S}` or `{unknown: reason, source: S}`; a list may add `partial: true`.
    mutating func wrapped(_ node: Int, _ shape: Shape, unknown: Bool, context: Context) -> Value? {
        var sources: [String] = []
        var notes: String?
        var partial = false
        var result: Value?
        var seenContent = false
        for (key, value) in table.pairs(node) {
            let name = self.name(key)
            switch name {
            case Annotation.source:
                sources = self.sources(value)
            case Annotation.notes:
                notes = text(value, context: "notes")
            case Annotation.partial:
                guard case .list = shape else {
                    error(table.start(key), "'partial' applies to lists only: it says the list may be incomplete")
                    continue
                }
                guard case .bool(let flag)? = table.resolved(value) else {
                    error(table.start(value), "expected true or false for 'partial'")
                    continue
                }
                partial = flag
            case Annotation.value:
                if seenContent {
                    error(table.start(key), "a fact has either 'value' or 'unknown', not both")
                }
                seenContent = true
                result = self.value(value, shape, unknown: false, context: context)
            case Annotation.unknown:
                if seenContent {
                    error(table.start(key), "a fact has either 'value' or 'unknown', not both")
                }
                seenContent = true
                guard unknown else {
                    error(table.start(key), "\(context) must be known; 'unknown' is not accepted here")
                    continue
                }
                let reason = text(value, context: "the reason for unknown")
                result = Value(.unknown(reason: reason), range: table.range(node))
            default:
                error(
                    table.start(key),
                    "unknown key \(Diagnostic.quote(name)) in a fact of \(context); expected value or unknown, with source, "
                        + "notes and (for lists) partial"
                        + Suggestion.phrase(for: name, in: ["value", "unknown", "source", "notes", "partial"]))
            }
        }
        guard var result else { return nil }
        result.annotate(sources: sources, notes: notes)
        result.partial = partial && !result.isUnknown
        return result
    }

    mutating func sources(_ node: Int) -> [String] {
        let entered = enterAlias(node)
        defer { aliases.leave(entered) }
        if table.kind(node) == .sequence {
            return table.children(node).compactMap { text($0, context: "a source") }
        }
        return text(node, context: "source").map { [$0] } ?? []
    }

    /// Free text: any scalar but an empty one (a plain `2008` in a note is still text to a reader).
    mutating func text(_ node: Int, context: Context) -> String? {
        if let text = table.text(node), table.resolved(node) != .null { return text }
        error(table.start(node), "expected text for \(context), found \(describe(node))")
        return nil
    }

    mutating func list(_ node: Int, _ element: Shape, minCount: Int, context: Context) -> Value? {
        guard table.kind(node) == .sequence else {
            error(
                table.start(node),
                "expected \(Shape.list(element, minCount: minCount).expectation) for \(context), found \(describe(node))"
            )
            return nil
        }
        let range = table.range(node)
        let count = table.childCount(node)
        if count < minCount, mode == .complete {
            error(
                range.start,
                "\(context) needs at least \(minCount) \(minCount == 1 ? "entry" : "entries"), found \(count)")
        }
        var values: [Value] = []
        values.reserveCapacity(count)
        // Elements with ids are checked for duplicates as each is made, while it is still in the
        // cache: a second pass over ten thousand elements spread through memory cost as much again.
        var ids: IDCheck?
        if case .object(let object) = element, let idField = object.idField {
            ids = IDCheck(idField: idField, noun: object.name, capacity: count)
        }
        var item = table.firstChild(node)
        let end = table.childrenEnd(node)
        while item < end {
            defer { item = table.end(item) }
            guard let v = value(item, element, unknown: false, context: context) else { continue }
            if let duplicate = ids?.add(v) { error(duplicate.location, duplicate.message) }
            values.append(v)
        }
        if let ids, depth == 1, let collection = context.fieldName { collectionIDs[collection] = ids.seen }
        return Value(.list(values), range: range)
    }

    /// The index of the field called `name`, searched from `start` round to just before it.
    private static func field(named name: String, in fields: [Field], from start: Int) -> Int? {
        let count = fields.count
        var index = start < count ? start : 0
        for _ in 0..<count {
            if fields[index].name == name { return index }
            index = index + 1 < count ? index + 1 : 0
        }
        return nil
    }

    mutating func object(_ node: Int, _ shape: ObjectShape, context: Context) -> Value? {
        guard table.kind(node) == .mapping else {
            // At the root the context is the shape itself, which would be named twice.
            let place = context.description == shape.name ? "" : " for \(context)"
            error(table.start(node), "expected a mapping (\(shape.name))\(place), found \(describe(node))")
            return nil
        }
        let range = table.range(node)
        let start = range.start
        depth += 1
        defer { depth -= 1 }
        var entries: [ObjectValue.Entry] = []
        entries.reserveCapacity(table.childCount(node) / 2)
        var sources: [String] = []
        var notes: String?
        // Which fields the mapping has, for the required-field check (one pass over the pairs); a
        // bit mask, so that no array is allocated per mapping (an array only past 64 fields).
        var present = FieldSet(count: shape.fields.count)
        // Where the search for the next key's field starts: after the last field found, since keys
        // are mostly written in the format's order (the template's), and each is then found at the
        // first comparison instead of after half the fields.
        var next = 0
        var key = table.firstChild(node)
        let end = table.childrenEnd(node)
        while key < end {
            let valueNode = table.end(key)
            defer { key = table.end(valueNode) }
            let name = self.name(key)
            if let index = Self.field(named: name, in: shape.fields, from: next) {
                next = index + 1
                present.insert(index)
                // The field's parts read in place: a copy of the whole field costs three reference counts.
                let allowsUnknown = shape.fields[index].allowsUnknown
                if let v = value(valueNode, shape.fields[index].shape, unknown: allowsUnknown, context: .field(name)) {
                    entries.append(ObjectValue.Entry(name: name, keyRange: table.range(key), value: v))
                }
            } else if shape.annotations && name == Annotation.source {
                sources = self.sources(valueNode)
            } else if shape.annotations && name == Annotation.notes {
                notes = text(valueNode, context: "notes")
            } else if diagnostics.count >= SchemaValidator.maxDiagnostics {
                // What `error` does past the cap, without first computing a suggestion nobody sees
                // (a hostile mapping may hold a million unknown keys).
                truncated = true
            } else {
                let candidates = shape.fields.map(\.name) + shape.annotationKeys
                error(
                    table.start(key),
                    "unknown key \(Diagnostic.quote(name)) in \(shape.name)"
                        + Suggestion.phrase(for: name, in: candidates))
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

    mutating func leaf(_ node: Int, _ shape: Shape, unknown: Bool, context: Context) -> Value? {
        let range = table.range(node)
        guard let scalar = table.scalar(node) else {
            error(range.start, "expected \(shape.expectation) for \(context), found \(describe(node))")
            return nil
        }
        let resolved = CoreSchema.resolve(scalar, tag: table.tag(node))
        func mismatch(_ extra: String = "") -> Value? {
            // `Unknown` where a value that is not known is meant: only the lower-case word is the marker.
            let hint =
                extra.isEmpty && unknown && scalar.text != "unknown" && scalar.text.lowercased() == "unknown"
                ? "; write unknown, in lower case, if it is not known" : extra
            error(range.start, "expected \(shape.expectation) for \(context), found \(describe(node))\(hint)")
            return nil
        }
        if case .null = resolved {
            // The hint only where `unknown` is accepted: a catalog's fields take none.
            return mismatch(unknown ? "; write unknown if it is not known" : "")
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
                    range.start,
                    "'\(scalar.text)' is a string in YAML 1.2, not a boolean; write \(replacement) for \(context)")
                return nil
            }
            if scalar.style != .plain, ["true", "false"].contains(word) {
                return mismatch("; remove the quotes")
            }
            return mismatch()
        case .date:
            guard case .string(let s) = resolved else { return mismatch() }
            guard SchemaValidator.isDate(s) else {
                return mismatch(SchemaValidator.impossibleDate(s).map { "; \($0)" } ?? "")
            }
            return Value(.date(s), range: range)
        case .fileMode:
            if case .int(let i) = resolved, scalar.style == .plain {
                error(
                    range.start,
                    "expected a quoted octal file mode for \(context); unquoted, \(scalar.text) is read as the "
                        + "number \(i): write \"\(scalar.text)\"")
                return nil
            }
            guard case .string(let s) = resolved, SchemaValidator.isFileMode(s) else { return mismatch() }
            return Value(.string(s.count == 3 ? "0" + s : s), range: range)
        case .enumeration(let words):
            guard case .string(let s) = resolved else { return mismatch() }
            guard words.contains(s) else {
                error(
                    range.start,
                    "\(Diagnostic.quote(s)) is not allowed for \(context); expected one of: \(words.joined(separator: ", "))"
                        + Suggestion.phrase(for: s, in: words))
                return nil
            }
            return Value(.string(s), range: range)
        case .constant(let expected):
            guard case .string(let s) = resolved, s == expected else { return mismatch() }
            return Value(.string(s), range: range)
        case .reference(let collection):
            guard case .string(let s) = resolved else { return mismatch() }
            guard s.utf8.count <= SchemaValidator.maxIDBytes else {
                error(range.start, SchemaValidator.idTooLong(s))
                return nil
            }
            if aliases.count > outerAliases { referenceAliases[references.count] = aliases }
            references.append(PendingReference(id: s, start: range.start, collection: number(of: collection)))
            return Value(.reference(collection: collection, id: s), range: range)
        case .list, .object, .custom:
            return mismatch()
        }
    }

    func describe(_ node: Int) -> String {
        switch table.kind(node) {
        case .sequence: return "a sequence"
        case .mapping: return "a mapping"
        case .scalar:
            let s = table.scalar(node)!
            switch table.resolved(node) {
            case .null?: return "nothing (an empty value)"
            case .bool(let b)?: return "the boolean \(b)"
            case .int?, .bigInt?: return "the integer \(s.text)"
            case .float?: return "the number \(s.text)"
            default:
                return "the string \(Diagnostic.quote(s.text))"
            }
        }
    }

    // MARK: references

    /// The position of `collection` in `referencedCollections`, added there if new (a format has
    /// a handful of collections).
    mutating func number(of collection: String) -> UInt16 {
        if let position = referencedCollections.firstIndex(of: collection) { return UInt16(position) }
        referencedCollections.append(collection)
        return UInt16(referencedCollections.count - 1)
    }

    /// Every reference must name an element of its collection, a top-level list of the root.
    mutating func checkReferences(root: Value?, shape: ObjectShape) {
        // Most references name the collection the one before named: its ids are looked up once
        // for the run of them.
        var current: (number: UInt16, name: String, ids: [String: SourceLocation]?)?
        // Each collection's ids in file order, for the suggestions: made when a reference to it is
        // first found wrong, once.
        var idLists: [String: [String]] = [:]
        let outer = aliases
        defer { aliases = outer }
        for (index, reference) in references.enumerated() {
            if current?.number != reference.collection {
                let name = referencedCollections[Int(reference.collection)]
                current = (reference.collection, name, collectionIDs[name])
            }
            guard current?.ids?[reference.id] == nil, let collection = current?.name else { continue }
            // Past the limit no message is kept: none is built (each looks for the nearest id).
            guard diagnostics.count < SchemaValidator.maxDiagnostics else {
                truncated = true
                return
            }
            let singular =
                collection.hasSuffix("s") ? String(collection.dropLast()) : collection
            let ids = idLists[collection] ?? ids(of: collection, root: root, shape: shape)
            idLists[collection] = ids
            var suggestion = ""
            if ids.count <= suggestionBudget {
                suggestionBudget -= ids.count
                suggestion = Suggestion.phrase(for: reference.id, in: ids)
            }
            aliases = referenceAliases[index] ?? outer
            error(
                reference.start,
                "no \(singular) with id \(Diagnostic.quote(reference.id)) is defined in \(collection)" + suggestion)
        }
    }

    /// The ids of a top-level collection's elements, in file order.
    func ids(of collection: String, root: Value?, shape: ObjectShape) -> [String] {
        let idField = shape.fields.lazy.compactMap { field -> String? in
            guard field.name == collection, case .list(.object(let element), _) = field.shape else { return nil }
            return element.idField
        }.first
        guard let idField else { return [] }
        return root?.object?[collection]?.list?.compactMap { $0.object?[idField]?.string } ?? []
    }
}
