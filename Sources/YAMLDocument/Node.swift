/// One node of a loaded YAML document. Immutable and `Sendable`; every node knows where it
/// starts and ends in the file. Aliases are already expanded: a node reached through an alias
/// is a copy that keeps the anchored node's marks.
public struct Node: Sendable {
    public enum Content: Sendable {
        case scalar(Scalar)
        case sequence([Node])
        case mapping([Pair])
    }

    public var content: Content
    public var range: SourceRange
    /// Held by reference (8 bytes rather than a 16-byte `String?`): every node has the field,
    /// few have a tag, and the core tags share one instance each.
    private var tagName: TagName?

    /// The resolved tag when the document wrote one (`tag:yaml.org,2002:str` for `!!str`).
    public var tag: String? {
        get { tagName?.name }
        set { tagName = newValue.map(TagName.named) }
    }

    public init(content: Content, range: SourceRange, tag: String? = nil) {
        self.content = content
        self.range = range
        self.tagName = tag.map(TagName.named)
    }

    public var start: SourceLocation { range.start }

    /// Whether this collection was reached through an alias: its own marks are the alias's, and
    /// its children keep those of the anchored text, elsewhere (outside its range, which holds a
    /// written collection's children).
    public var isAliasCopy: Bool {
        switch content {
        case .scalar: return false
        case .sequence(let items): return items.first.map { !range.contains($0.start) } ?? false
        case .mapping(let pairs): return pairs.first.map { !range.contains($0.key.start) } ?? false
        }
    }
}

public struct Scalar: Sendable, Hashable {
    public enum Style: Sendable, Hashable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    public var text: String
    public var style: Style

    public init(_ text: String, style: Style = .plain) {
        self.text = text
        self.style = style
    }
}

public struct Pair: Sendable {
    public var key: Node
    public var value: Node

    public init(key: Node, value: Node) {
        self.key = key
        self.value = value
    }

    /// The key's text; keys are always scalars (the loader rejects any other key).
    public var name: String {
        if case .scalar(let s) = key.content { return s.text }
        return ""
    }
}

extension Node {
    public var scalar: Scalar? {
        if case .scalar(let s) = content { return s }
        return nil
    }

    public var items: [Node]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    public var pairs: [Pair]? {
        if case .mapping(let pairs) = content { return pairs }
        return nil
    }

    /// The value under `key` in a mapping (keys are unique: the loader rejects duplicates).
    public subscript(key: String) -> Node? {
        pairs?.first { $0.name == key }?.value
    }

    /// What kind of node this is, in the words error messages use.
    public var kindName: String {
        switch content {
        case .scalar: return "a scalar"
        case .sequence: return "a sequence"
        case .mapping: return "a mapping"
        }
    }

}

/// A tag's name, shared between the nodes that carry it.
private final class TagName: Sendable {
    let name: String

    private init(_ name: String) { self.name = name }

    private static let core: [String: TagName] = Dictionary(
        uniqueKeysWithValues: YAMLTag.supported.map { ($0, TagName($0)) })

    static func named(_ name: String) -> TagName { core[name] ?? TagName(name) }
}
