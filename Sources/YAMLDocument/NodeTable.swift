/// A loaded YAML document as one table of nodes in document order: each collection's entry is
/// followed by its children's, each child by its own subtree, and every entry records where its
/// subtree ends. This is what the loader builds. Reading a document through it costs no
/// collection arrays, no node copies and no freeing node by node: the table is two arrays, and
/// its entries hold no references (a scalar's text sits in `texts`). `Node` trees are made from
/// it for the readers that want one (`node(at:)`).
///
/// An alias takes one entry, a copy of the anchored node's own entry that points back at it for
/// the children: the table grows with the file, not with the aliases' expansion, whatever the
/// alias budget allows.
public struct NodeTable: Sendable {
    public enum Kind: UInt8, Sendable {
        case scalar, sequence, mapping
    }

    public struct Entry: Sendable {
        public var kind: Kind
        public var style: Scalar.Style
        /// The tag's position in `NodeTable.tags`, 0 for none.
        @usableFromInline var tagCode: UInt8
        public var range: SourceRange
        /// A scalar's text, as an index into `texts`. For a collection, -1; for an alias of one,
        /// the anchored collection's index, where its children are (an alias of a scalar needs
        /// nothing more than the anchored scalar's text).
        @usableFromInline var link: Int32
        /// The index just after this node's subtree: its next sibling's.
        @usableFromInline var end: Int32

        /// The anchored collection's index when this is an alias of one.
        @inlinable var target: Int? { kind != .scalar && link >= 0 ? Int(link) : nil }
    }

    /// The index of the root node.
    public static let root = 0

    // The accessors below are inlinable: the format check calls them for every node, from another
    // module.
    public internal(set) var entries: [Entry] = []
    @usableFromInline var texts: [String] = []

    init() {}

    /// The tags a node may carry (the loader refuses any other), indexed by `Entry.tagCode`.
    @usableFromInline static let tags: [String?] = [
        nil, YAMLTag.str, YAMLTag.int, YAMLTag.float, YAMLTag.bool, YAMLTag.null, YAMLTag.seq, YAMLTag.map,
        YAMLTag.nonSpecific,
    ]

    static func code(of tag: String?) -> UInt8 {
        guard let tag else { return 0 }
        return UInt8(tags.firstIndex(of: tag) ?? 0)
    }

    @inlinable
    public func kind(_ index: Int) -> Kind { entries[index].kind }
    @inlinable
    public func range(_ index: Int) -> SourceRange { entries[index].range }
    @inlinable
    public func start(_ index: Int) -> SourceLocation { entries[index].range.start }
    @inlinable
    public func tag(_ index: Int) -> String? { Self.tags[Int(entries[index].tagCode)] }

    /// The scalar's text; `nil` for a collection.
    @inlinable
    public func text(_ index: Int) -> String? {
        let entry = entries[index]
        return entry.kind == .scalar ? texts[Int(entry.link)] : nil
    }

    @inlinable
    public func scalar(_ index: Int) -> Scalar? {
        let entry = entries[index]
        return entry.kind == .scalar ? Scalar(texts[Int(entry.link)], style: entry.style) : nil
    }

    /// The core-schema value of a scalar; `nil` for a collection.
    public func resolved(_ index: Int) -> ResolvedScalar? {
        scalar(index).map { CoreSchema.resolve($0, tag: tag(index)) }
    }

    /// The index just after the subtree at `index`: its next sibling's, when it has one. A walk
    /// over the children in a loop of its own (`child = end(child)`) reads the table in place,
    /// where `children` holds a reference to it.
    @inlinable
    public func end(_ index: Int) -> Int { Int(entries[index].end) }

    /// The index of a collection's first child (for an alias, the anchored node's); equal to
    /// `childrenEnd` when it has none.
    @inlinable
    public func firstChild(_ index: Int) -> Int {
        (entries[index].target ?? index) + 1
    }

    /// The index just after a collection's last child's subtree.
    @inlinable
    public func childrenEnd(_ index: Int) -> Int {
        Int(entries[entries[index].target ?? index].end)
    }

    /// Whether the collection at `index` was reached through an alias (see `Node.isAliasCopy`):
    /// an alias's entry, or in a table made from a tree, a collection whose children lie outside
    /// its range.
    @inlinable
    public func isAlias(_ index: Int) -> Bool {
        let entry = entries[index]
        if entry.target != nil { return true }
        guard entry.kind != .scalar, index + 1 < end(index) else { return false }
        return !entry.range.contains(entries[index + 1].range.start)
    }

    /// How many children a collection has (for a mapping, twice its pairs).
    @inlinable
    public func childCount(_ index: Int) -> Int {
        var count = 0
        var child = firstChild(index)
        let end = childrenEnd(index)
        while child < end {
            count += 1
            child = self.end(child)
        }
        return count
    }

    /// The children of a collection in order (a mapping's keys and values alternate); none for a
    /// scalar.
    public func children(_ index: Int) -> Children {
        Children(entries: entries, position: firstChild(index), end: childrenEnd(index))
    }

    public struct Children: Sequence, IteratorProtocol {
        let entries: [Entry]
        var position: Int
        let end: Int

        public mutating func next() -> Int? {
            guard position < end else { return nil }
            defer { position = Int(entries[position].end) }
            return position
        }
    }

    /// A mapping's keys and values, in order; none for any other node.
    public func pairs(_ index: Int) -> Pairs {
        var children = self.children(index)
        if kind(index) != .mapping { children.position = children.end }
        return Pairs(children: children)
    }

    public struct Pairs: Sequence, IteratorProtocol {
        var children: Children

        public mutating func next() -> (key: Int, value: Int)? {
            guard let key = children.next(), let value = children.next() else { return nil }
            return (key, value)
        }
    }

    /// The value under the scalar key `key` of a mapping (keys are unique: the loader rejects
    /// duplicates).
    public func value(forKey key: String, in index: Int) -> Int? {
        pairs(index).first { text($0.key) == key }?.value
    }

    /// What kind of node this is, in the words error messages use.
    public func kindName(_ index: Int) -> String {
        switch kind(index) {
        case .scalar: return "a scalar"
        case .sequence: return "a sequence"
        case .mapping: return "a mapping"
        }
    }
}

// MARK: Trees and tables

extension NodeTable {
    /// The subtree at `index` as a `Node` tree. An alias becomes the anchored node's tree,
    /// shared, as a loader that builds trees would make it.
    public func node(at index: Int) -> Node {
        var anchored: [Int: Node] = [:]
        return node(at: index, anchored: &anchored)
    }

    /// `node(at:)` for a reader that asks for many subtrees: `anchored` keeps the trees of the
    /// anchored nodes made so far, by index, from call to call.
    public func node(at index: Int, anchored: inout [Int: Node]) -> Node {
        // Every alias inside the subtree usually refers to a node inside it too; one that does not
        // (a fragment taken out of a document) is found by converting the document from its root,
        // once: its anchored nodes are then kept. (Converted again for each such subtree, a
        // catalog of 3 000 checks `require: *condition` took 5 s.)
        if let node = convert(from: index, keeping: index, shared: &anchored) { return node }
        return convert(from: NodeTable.root, keeping: index, shared: &anchored)!
    }

    /// Converts the subtree at `start`, bottom-up with an explicit stack (so that nesting as deep
    /// as the loader allows cannot overflow the call stack), and returns the tree of the node at
    /// `kept` inside it; `nil` when an alias refers to a node outside the subtree whose tree is
    /// not in `shared` (the anchored nodes' trees, by index, to which those finished are added).
    private func convert(from start: Int, keeping kept: Int, shared: inout [Int: Node]) -> Node? {
        // Finished children wait in `done`, the open collections' starts in `open`; the trees of
        // the nodes that aliases refer to are kept as they are finished.
        var done: [Node] = []
        var open: [(index: Int, firstChild: Int)] = []
        var targets: Set<Int> = []
        var keptNode: Node?
        let stop = end(start)
        for entry in entries[start..<stop] { if let target = entry.target { targets.insert(target) } }
        func finished(_ node: Node, at index: Int) {
            if targets.contains(index) { shared[index] = node }
            if index == kept { keptNode = node }
            done.append(node)
        }
        var next = start
        while next < stop {
            let entry = entries[next]
            if let target = entry.target {
                guard var node = shared[target] else { return nil }
                // The anchored tree, shared, at the alias.
                node.range = entry.range
                finished(node, at: next)
            } else if entry.kind == .scalar {
                let scalar = Scalar(texts[Int(entry.link)], style: entry.style)
                finished(Node(content: .scalar(scalar), range: entry.range, tag: tag(next)), at: next)
            } else {
                open.append((next, done.count))
            }
            next += 1
            // Close every collection whose subtree ends here.
            while let top = open.last, end(top.index) == next {
                open.removeLast()
                let entry = entries[top.index]
                let content: Node.Content
                if entry.kind == .mapping {
                    var pairs: [Pair] = []
                    pairs.reserveCapacity((done.count - top.firstChild) / 2)
                    for key in stride(from: top.firstChild, to: done.count - 1, by: 2) {
                        pairs.append(Pair(key: done[key], value: done[key + 1]))
                    }
                    content = .mapping(pairs)
                } else {
                    content = .sequence(Array(done[top.firstChild...]))
                }
                done.removeSubrange(top.firstChild...)
                finished(Node(content: content, range: entry.range, tag: tag(top.index)), at: top.index)
            }
        }
        return keptNode
    }

    /// A table of the tree `node`, for a tree built elsewhere (a fragment taken out of a larger
    /// document). Walked with an explicit stack, like `node(at:)`.
    public init(_ node: Node) {
        // Each pending item is a node to add, or the marker that a collection's children are all
        // added and its subtree ends here.
        enum Step {
            case add(Node)
            case close(Int)
        }
        var steps: [Step] = [.add(node)]
        while let step = steps.popLast() {
            switch step {
            case .close(let index):
                entries[index].end = Int32(entries.count)
            case .add(let node):
                let index = entries.count
                var entry = Entry(
                    kind: .scalar, style: .plain, tagCode: Self.code(of: node.tag), range: node.range, link: -1,
                    end: Int32(index + 1))
                switch node.content {
                case .scalar(let scalar):
                    entry.style = scalar.style
                    entry.link = Int32(texts.count)
                    texts.append(scalar.text)
                    entries.append(entry)
                case .sequence(let items):
                    entry.kind = .sequence
                    entries.append(entry)
                    steps.append(.close(index))
                    steps += items.reversed().map(Step.add)
                case .mapping(let pairs):
                    entry.kind = .mapping
                    entries.append(entry)
                    steps.append(.close(index))
                    for pair in pairs.reversed() { steps += [.add(pair.value), .add(pair.key)] }
                }
            }
        }
    }
}
