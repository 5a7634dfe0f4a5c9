import DocumentSchema
import FrameworkModel
import PolicyCatalog
import Reports
import ReviewEngine
import YAMLDocument

/// The shipped catalogs (`checklists/`, or `$MUPJ_CHECKLISTS`), loaded once: every input that
/// decodes goes through the engine with all of them.
private let catalogs: CatalogSet = {
    guard let set = CatalogSet.load(directory: catalogDirectory).set else {
        fatalError("the fuzzer reviews with the shipped catalogs; none load from \(catalogDirectory)/")
    }
    return set
}()

private let catalogInfos = catalogs.catalogs.map(Engine.info)

/// One cache of compiled patterns for the run: libFuzzer calls the target on one thread only.

/// libFuzzer entry point: loads the input as YAML and, when it loads, validates it as a framework
/// description (complete and fragment), reviews what decodes against the shipped catalogs, and
/// writes every report format for a complete description. Crashes, sanitizer reports and broken
/// invariants are findings; a refused input is not.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafeRawPointer, _ size: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: data, count: size))
    let lines = LineTable(bytes)
    let limits = LoadLimits(maxBytes: 1 << 20, maxDepth: 64, maxAliasNodes: 10_000)
    let source = SourceFile(path: "fuzz.yaml", bytes: bytes)
    let table: NodeTable
    do {
        table = try YAMLLoader.loadTable(bytes, limits: limits)
    } catch {
        lines.check(error.location, "error \(error.kind): \(error.message)")
        return 0
    }
    let node = table.node(at: NodeTable.root)
    checkTree(node, lines)
    for mode in [SchemaValidator.Mode.complete, .fragment] {
        // From the table, as `mupj validate` reads a file; the tree made from it (where each
        // alias is a copy, not a pointer to its anchor) must validate alike.
        let outcome = DescriptionLoader.validate(table, source: source, mode: mode)
        require(
            outcome.diagnostics == DescriptionLoader.validate(node, source: source, mode: mode).diagnostics,
            "the table and the tree made from it validate differently")
        requireLocated(outcome.diagnostics, in: source.path, lines)
        require(
            outcome.description == nil || !outcome.diagnostics.contains { $0.severity == .error },
            "a description with errors was accepted")
        let reviewed = outcome.description.flatMap { description in
            withinLimits(in: source.path, lines) { () throws(ReviewLimitExceeded) in
                try Engine.review(description, catalogs: catalogs)
            }
        }
        if let review = reviewed {
            checkReview(review, catalogs: catalogs, lines)
            // Reports are written for complete descriptions only, as `mupj review` does.
            if mode == .complete { checkReports(review, catalogs: catalogInfos, source) }
        }
    }
    return 0
}

/// Every node lies inside the file, its marks agree with the bytes, and its scalars resolve.
private func checkTree(_ root: Node, _ lines: LineTable) {
    var stack = [root]
    var visited = 0
    while let node = stack.popLast() {
        visited += 1
        require(visited <= 10_000 + lines.count + 1, "more nodes than the input and the alias budget allow")
        require(node.range.start.offset <= node.range.end.offset, "range ends before it starts")
        lines.check(node.range.start, "node start")
        lines.check(node.range.end, "node end")
        switch node.content {
        case .scalar: _ = node.resolved
        case .sequence(let items): stack.append(contentsOf: items)
        case .mapping(let pairs):
            for pair in pairs {
                require(pair.key.scalar != nil, "a mapping key that is not a scalar")
                stack.append(pair.key)
                stack.append(pair.value)
            }
        }
    }
}
