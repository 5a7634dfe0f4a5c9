import YAMLDocument

/// A validated document: every node has been checked against its `Shape`, references resolve,
/// and `unknown` facts are marked as such. Carries the source range of each value (and of the
/// key that named it) so that findings can point at the evidence.
public struct Value: Sendable {
    public enum Content: Sendable {
        case string(String)
        case integer(Int)
        case number(Double)
        case boolean(Bool)
        case date(String)
        // The large payloads are held by reference (`indirect`, or a class for objects): inline,
        // they would size every value, and a description holds tens of thousands of small ones.
        indirect case reference(collection: String, id: String)
        case list([Value])
        case object(ObjectValue)
        /// The document states that it does not know; the reason when one is given.
        case unknown(reason: String?)
        /// A node kept for a later stage (see `Shape.custom`).
        indirect case raw(Node)
    }

    // Stored in this order for size: `partial` fills the padding after `content` (17 bytes), so
    // that a value takes 56 bytes rather than 64, in every list and object entry of a description.
    public var content: Content
    /// A list written with `partial: true`: its items are known to be in it, others may be too.
    public var partial = false
    public var range: SourceRange
    /// What the description writes about the value besides it, nil when nothing is written.
    public var annotations: Annotations?

    /// Citations given for this value (a fact wrapper's `source:` or an object's own).
    public var sources: [String] { annotations?.sources ?? [] }
    /// The describer's notes on the value (a fact wrapper's `notes:`): the caveats a reviewer
    /// weighs with the value, such as "this is the VO's own statement".
    public var notes: String? { annotations?.notes }

    public init(_ content: Content, range: SourceRange, sources: [String] = [], notes: String? = nil) {
        self.content = content
        self.range = range
        annotations = Annotations(sources: sources, notes: notes)
    }

    /// The value with a fact wrapper's citations added to its own, and the wrapper's notes.
    mutating func annotate(sources more: [String], notes: String?) {
        guard !more.isEmpty || notes != nil else { return }
        annotations = Annotations(sources: sources + more, notes: notes ?? self.notes)
    }

    public var isUnknown: Bool {
        if case .unknown = content { return true }
        return false
    }

    /// Whether this list or object was reached through an alias: it is cited at the alias, and
    /// its items or entries where the anchored text writes them (see `Node.isAliasCopy`).
    public var isAliasCopy: Bool {
        switch content {
        case .list(let items): return items.first.map { !range.contains($0.range.start) } ?? false
        case .object(let object): return object.entries.first.map { !range.contains($0.keyRange.start) } ?? false
        default: return false
        }
    }

    public var object: ObjectValue? {
        if case .object(let o) = content { return o }
        return nil
    }

    public var list: [Value]? {
        if case .list(let l) = content { return l }
        return nil
    }

    public var string: String? {
        switch content {
        case .string(let s), .date(let s): return s
        case .reference(_, let id): return id
        default: return nil
        }
    }

    public var integer: Int? {
        if case .integer(let i) = content { return i }
        return nil
    }

    public var boolean: Bool? {
        if case .boolean(let b) = content { return b }
        return nil
    }

    public var raw: Node? {
        if case .raw(let n) = content { return n }
        return nil
    }

    /// How much of a value a finding quotes, in UTF-8 bytes: its message, evidence and trace each
    /// quote the values they use, and a description can hold a name of megabytes, or a list of
    /// thousands of items, that thousands of findings use (2 000 findings quoting a 200 KB name made
    /// a report of 1.2 GB, and 20 000 items a message each took 11 s). The quoted lines of the
    /// file show more.
    public static let displayLimit = 1_000

    /// The value as a reader would write it back, for messages ("found `none`"), cut after
    /// `displayLimit` bytes with "…".
    public var display: String {
        // Most values a finding quotes are scalars within the limit: they are shown as they are,
        // without building a string piece by piece.
        switch content {
        case .string(let text), .date(let text), .reference(_, let text):
            if text.utf8.count <= Self.displayLimit { return text }
        case .boolean(let flag): return flag ? "true" : "false"
        case .integer(let number): return String(number)
        case .unknown: return "unknown"
        case .number, .list, .object, .raw: break
        }
        var out = ""
        _ = write(into: &out)
        return out
    }

    /// `text` cut after `displayLimit` bytes with "…", at a character's end: for the other text of
    /// a description a finding quotes (sources, reasons).
    public static func shown(_ text: String) -> String {
        if text.utf8.count <= displayLimit { return text }
        var out = ""
        _ = append(text, to: &out)
        return out
    }

    /// Appends the display to `out`; false when `out` reached `displayLimit` and was cut.
    private func write(into out: inout String) -> Bool {
        switch content {
        case .string(let s), .date(let s): return Self.append(s, to: &out)
        case .integer(let i): return Self.append(String(i), to: &out)
        case .number(let d): return Self.append(String(d), to: &out)
        case .boolean(let b): return Self.append(String(b), to: &out)
        case .reference(_, let id): return Self.append(id, to: &out)
        case .list(let items):
            guard Self.append("[", to: &out) else { return false }
            for (index, item) in items.enumerated() {
                guard index == 0 || Self.append(", ", to: &out), item.write(into: &out) else { return false }
            }
            return Self.append("]", to: &out)
        case .object(let o): return Self.append(o.id ?? "{…}", to: &out)
        case .unknown: return Self.append("unknown", to: &out)
        case .raw: return Self.append("…", to: &out)
        }
    }

    /// Appends `text` to `out`, or as many whole characters of it as fit in `displayLimit` bytes
    /// and "…"; false when it had to cut.
    private static func append(_ text: String, to out: inout String) -> Bool {
        let room = displayLimit - out.utf8.count
        if text.utf8.count <= room {
            out += text
            return true
        }
        // Cut from the text's first kilobyte, not read to its end: the first character of a text
        // can be megabytes of combining marks, which reading whole made 45 µs a cut, for every
        // finding that quoted it.
        out += text.leadingCharacters(maxBytes: room)
        out += "…"
        return false
    }
}

/// A value's citations and notes, held by reference and made only where the description writes
/// either: inline, the notes would add 16 bytes to every value of a description, most of which
/// have neither.
public final class Annotations: Sendable {
    public let sources: [String]
    public let notes: String?

    init?(sources: [String], notes: String?) {
        guard !sources.isEmpty || notes != nil else { return nil }
        self.sources = sources
        self.notes = notes
    }
}

/// A mapping of a known shape. Immutable, and a class: reading `value.object` (which the engine
/// does for every element it visits) then costs one reference count, not one for each of its four
/// reference-counted fields.
public final class ObjectValue: Sendable {
    public struct Entry: Sendable {
        public var name: String
        public var keyRange: SourceRange
        public var value: Value
    }

    public let shapeName: String
    public let entries: [Entry]
    public let notes: String?
    /// The element id when the shape has an id field.
    public let id: String?

    public init(shapeName: String, entries: [Entry], notes: String? = nil, id: String? = nil) {
        self.shapeName = shapeName
        self.entries = entries
        self.notes = notes
        self.id = id
    }

    public subscript(name: String) -> Value? { position(of: name).map { entries[$0].value } }

    public func entry(_ name: String) -> Entry? { position(of: name).map { entries[$0] } }

    /// Where the entry named `name` is. Lengths are compared first: most entries scanned are not
    /// the one sought, and a length is read from the string without comparing any bytes (the
    /// review looks fields up tens of thousands of times per run).
    private func position(of name: String) -> Int? {
        let length = name.utf8.count
        for index in entries.indices where entries[index].name.utf8.count == length && entries[index].name == name {
            return index
        }
        return nil
    }

}
