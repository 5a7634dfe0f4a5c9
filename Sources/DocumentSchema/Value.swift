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
    /// Citations given for this value (a fact wrapper's `source:` or an object's own).
    public var sources: [String]

    public init(_ content: Content, range: SourceRange, sources: [String] = []) {
        self.content = content
        self.range = range
        self.sources = sources
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

    /// The value as a reader would write it back, for messages ("found `none`").
    public var display: String {
        switch content {
        case .string(let s), .date(let s): return s
        case .integer(let i): return String(i)
        case .number(let d): return String(d)
        case .boolean(let b): return String(b)
        case .reference(_, let id): return id
        case .list(let items): return "[" + items.map(\.display).joined(separator: ", ") + "]"
        case .object(let o): return o.id ?? "{…}"
        case .unknown: return "unknown"
        case .raw: return "…"
        }
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
