import Testing
import YAMLDocument

/// The table the loader builds, read directly (as the schema walk reads it) and as the `Node`
/// tree made from it: both must describe the same document, node for node, with aliases.
@Suite struct NodeTableTests {
    static let documents = [
        "a: 1\nb: [x, 'y', \"z\"]\nc: {d: ~, e: []}\nf: {}\n",
        "- &x {k: v, l: [1, 2]}\n- *x\n- [*x, *x]\n- &s text\n- *s\n",
        "base: &b\n  name: n\n  list: &l [a, b]\n  nested: {deep: *l}\ncopy: *b\nlist: *l\n",
        "s: !!str 12\ni: !!int \"7\"\nm: !!map {a: 1}\nq: !!seq [1]\nn: ! 12\n",
        "&k key: value\nother: *k\nnested: {*k : again}\n",
        "text: |\n  line one\n  line two\nfolded: >\n  one\n  two\n",
        "- []\n- {}\n- ''\n- [[], [[]]]\n",
        "just a scalar\n",
    ]

    @Test(arguments: documents)
    func tableAndTreeAgree(text: String) throws {
        let table = try YAMLLoader.loadTable(Array(text.utf8))
        let tree = table.node(at: NodeTable.root)
        try expectSame(table, NodeTable.root, tree)
    }

    @Test(.enabled(if: YAMLTestSuite.isPresent, "the YAML test suite is not at ../shared/yaml-test-suite"))
    func tableAndTreeAgreeOnTheYAMLTestSuite() throws {
        var compared = 0
        for testCase in try YAMLTestSuite.cases() where !testCase.mustFail {
            guard let table = try? YAMLLoader.loadTable(testCase.input) else { continue }
            try expectSame(table, NodeTable.root, table.node(at: NodeTable.root))
            compared += 1
        }
        #expect(compared > 200)
    }

    /// An alias is one entry however large its expansion: ten levels of ten aliases each expand
    /// to over a hundred billion nodes (within an unlimited budget), and the table holds 133.
    @Test func anAliasTakesOneEntry() throws {
        var text = "l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...10 {
            text +=
                "l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ")
                + "]\n"
        }
        let table = try YAMLLoader.loadTable(Array(text.utf8), limits: LoadLimits(maxAliasNodes: .max))
        #expect(table.entries.count == 1 + 2 * 11 + 10 * 11)
        let top = try #require(table.value(forKey: "l10", in: NodeTable.root))
        #expect(table.childCount(top) == 10)
        // Each alias reads as the anchored list: its children are the anchored list's.
        let first = table.firstChild(top)
        #expect(table.childCount(first) == 10)
        let l9 = try #require(table.value(forKey: "l9", in: NodeTable.root))
        #expect(table.firstChild(first) == table.firstChild(l9))
        // Marked at the alias, which is how a reader tells it from a list written out.
        let lastLine = try #require(text.split(separator: "\n").last)
        let lastLineStart = text.utf8.count - lastLine.utf8.count - 1
        #expect(table.start(first) == SourceLocation(line: 11, column: 12, offset: lastLineStart + 11))
        #expect(table.isAlias(first) && !table.isAlias(l9))
        // The tree shares the anchored list as well: made without expanding it.
        let tree = table.node(at: NodeTable.root)
        #expect(tree["l10"]?.items?.first?.items?.count == 10)
    }

    /// A subtree taken out of its document, whose alias refers to a node outside it.
    @Test func subtreeWithAnAliasToOutsideIt() throws {
        let text = "a: &x {k: [1, 2]}\nb: [*x, 2]\n"
        let table = try YAMLLoader.loadTable(Array(text.utf8))
        let b = try #require(table.value(forKey: "b", in: NodeTable.root))
        let tree = try YAMLLoader.load(text)
        #expect(table.node(at: b) == tree["b"])
        let alias = table.firstChild(b)
        var anchored = try #require(tree["a"])
        anchored.range = table.range(alias)
        #expect(table.node(at: alias) == anchored)
        #expect(table.start(alias) == SourceLocation(line: 2, column: 5, offset: 22))
    }

    @Test(arguments: documents)
    func tableOfATreeGivesTheTreeBack(text: String) throws {
        let tree = try YAMLLoader.load(text)
        let table = NodeTable(tree)
        #expect(table.node(at: NodeTable.root) == tree)
        try expectSame(table, NodeTable.root, tree)
    }

    /// Kind, range, tag, text and style of `index` and of `node`, and of every child in turn.
    private func expectSame(_ table: NodeTable, _ index: Int, _ node: Node) throws {
        var pending = [(index, node)]
        while let (index, node) = pending.popLast() {
            #expect(table.range(index) == node.range)
            #expect(table.tag(index) == node.tag)
            #expect(table.kindName(index) == node.kindName)
            #expect(table.scalar(index) == node.scalar)
            #expect(table.resolved(index) == node.resolved)
            let children = Array(table.children(index))
            #expect(children.count == table.childCount(index))
            switch node.content {
            case .scalar:
                #expect(children.isEmpty)
            case .sequence(let items):
                try #require(children.count == items.count)
                pending += zip(children, items).map { ($0, $1) }
            case .mapping(let pairs):
                try #require(children.count == 2 * pairs.count)
                let tablePairs = Array(table.pairs(index))
                try #require(tablePairs.count == pairs.count)
                for (place, pair) in zip(tablePairs, pairs) {
                    pending += [(place.key, pair.key), (place.value, pair.value)]
                    #expect(table.value(forKey: pair.name, in: index) == place.value)
                }
            }
        }
    }
}

extension Node: Equatable {
    /// The same document: content, ranges and tags, node for node.
    public static func == (lhs: Node, rhs: Node) -> Bool {
        guard lhs.range == rhs.range, lhs.tag == rhs.tag else { return false }
        switch (lhs.content, rhs.content) {
        case (.scalar(let a), .scalar(let b)): return a == b
        case (.sequence(let a), .sequence(let b)): return a == b
        case (.mapping(let a), .mapping(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }
}
