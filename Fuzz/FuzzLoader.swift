import DocumentSchema
import FoundationEssentials
import FrameworkModel
import PolicyCatalog
import Reports
import ReviewEngine
import YAMLDocument

/// The shipped catalogs (`checklists/`, or `$MUPJ_CHECKLISTS`), loaded once: every input that
/// decodes goes through the engine with all of them.
private let catalogs: CatalogSet = {
    guard let set = CatalogSet.load(directory: CatalogSet.defaultDirectory).set else {
        fatalError("the fuzzer reviews with the shipped catalogs; none load from \(CatalogSet.defaultDirectory)/")
    }
    return set
}()

private let catalogInfos = catalogs.catalogs.map(Engine.info)

/// One cache of compiled patterns for the run: libFuzzer calls the target on one thread only.
nonisolated(unsafe) private let regexes = RegexCache()

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
        for diagnostic in outcome.diagnostics {
            if let location = diagnostic.location { lines.check(location, diagnostic.message) }
        }
        require(
            outcome.description == nil || !outcome.diagnostics.contains { $0.severity == .error },
            "a description with errors was accepted")
        if let description = outcome.description {
            let review = Engine.review(description, catalogs: catalogs, regexes: regexes)
            checkReview(review, lines)
            // Reports are written for complete descriptions only, as `mupj review` does.
            if mode == .complete { checkReports(review, source) }
        }
    }
    return 0
}

/// Every format renders the review, and the JSON and SARIF reports are JSON: whatever text the
/// description holds, its escaping cannot break out of a string.
private func checkReports(_ review: FrameworkReview, _ source: SourceFile) {
    let context = ReportContext(
        result: ReviewResult(toolVersion: "fuzz", catalogs: catalogInfos, frameworks: [review]), sources: [source])
    for format in ReportFormat.allCases {
        let text = format.render(context)
        guard format == .json || format == .sarif else { continue }
        let parsed = try? JSONDecoder().decode(AnyJSON.self, from: Data(text.utf8))
        require(parsed != nil, "the \(format) report is not JSON")
    }
}

/// Any JSON value, for checking that a text parses.
private enum AnyJSON: Decodable {
    case value

    init(from decoder: any Decoder) throws {
        if var array = try? decoder.unkeyedContainer() {
            while !array.isAtEnd { _ = try array.decode(AnyJSON.self) }
        } else if let object = try? decoder.container(keyedBy: AnyKey.self) {
            for key in object.allKeys { _ = try object.decode(AnyJSON.self, forKey: key) }
        } else {
            let scalar = try decoder.singleValueContainer()
            if !scalar.decodeNil() {
                if (try? scalar.decode(Bool.self)) == nil, (try? scalar.decode(Double.self)) == nil {
                    _ = try scalar.decode(String.self)
                }
            }
        }
        self = .value
    }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int?
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

/// Every clause of every catalog is decided, by at least one finding, with the status its
/// findings give it; finding ids are fingerprints; all evidence points into the file.
private func checkReview(_ review: FrameworkReview, _ lines: LineTable) {
    require(
        review.clauses.count == catalogs.catalogs.reduce(0) { $0 + $1.clauses.count }, "a clause was not decided")
    for clause in review.clauses {
        require(!clause.findings.isEmpty, "clause \(clause.clause.id) has no finding")
        require(
            clause.status == Status.aggregate(clause.findings.map(\.status)),
            "clause \(clause.clause.id) is \(clause.status), which its findings do not give")
        for finding in clause.findings {
            let hex = finding.id.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
            require(finding.id.utf8.count == 16 && hex, "finding id '\(finding.id)' is not 16 hexadecimal digits")
            for evidence in finding.evidence {
                lines.check(evidence.range.start, "evidence start (\(finding.id))")
                lines.check(evidence.range.end, "evidence end (\(finding.id))")
            }
        }
    }
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

/// The line and column of every byte offset, counted independently of the loader the way
/// libyaml counts its marks: a line ends at LF, CR, CR LF, NEL, LS or PS; columns count Unicode
/// scalars; a byte-order mark at the start is no column.
private struct LineTable {
    var lines: [Int32] = []
    var columns: [Int32] = []
    var count: Int { lines.count - 1 }

    init(_ bytes: [UInt8]) {
        lines.reserveCapacity(bytes.count + 1)
        columns.reserveCapacity(bytes.count + 1)
        var line: Int32 = 1
        var column: Int32 = 1
        var i = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            lines += [1, 1, 1]
            columns += [1, 1, 1]
            i = 3
        }
        while i < bytes.count {
            let b = bytes[i]
            let next = i + 1 < bytes.count ? bytes[i + 1] : 0
            let third = i + 2 < bytes.count ? bytes[i + 2] : 0
            var breakLength = 0
            if b == 0x0A {
                breakLength = 1
            } else if b == 0x0D {
                breakLength = next == 0x0A ? 2 : 1
            } else if b == 0xC2 && next == 0x85 {
                breakLength = 2
            } else if b == 0xE2 && next == 0x80 && (third == 0xA8 || third == 0xA9) {
                breakLength = 3
            }
            if breakLength > 0 {
                for _ in 0..<breakLength {
                    lines.append(line)
                    columns.append(column)
                }
                line += 1
                column = 1
                i += breakLength
            } else {
                lines.append(line)
                columns.append(column)
                if b & 0xC0 != 0x80 { column += 1 }
                i += 1
            }
        }
        lines.append(line)
        columns.append(column)
    }

    /// A location points into the file, and its line and column are those of its offset.
    func check(_ location: SourceLocation, _ what: @autoclosure () -> String) {
        require(location.offset >= 0 && location.offset <= count, "offset outside the file: \(what())")
        let line = Int(lines[location.offset])
        let column = Int(columns[location.offset])
        require(
            location.line == line && location.column == column,
            "\(what()): location \(location.line):\(location.column) but offset \(location.offset) is at "
                + "\(line):\(column)")
    }
}

/// A broken invariant: a finding. `fatalError` prints its message in optimized builds too.
private func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError(message()) }
}
