import DocumentSchema
import FrameworkModel
import YAMLDocument

/// Reads catalog files: YAML → shape validation → typed clauses with parsed conditions and
/// validated examples. Every problem is a located diagnostic; a catalog with any error is not
/// used, because a half-loaded catalog would review against a partial policy without saying so.
public enum CatalogLoader {
    public struct Outcome: Sendable {
        public var catalog: Catalog?
        public var diagnostics: [Diagnostic]
    }

    public static func load(_ source: SourceFile, limits: LoadLimits = .default) -> Outcome {
        let loaded = SchemaValidator(root: CatalogFormat.root).load(source, limits: limits) { build($0, source) }
        return Outcome(catalog: loaded.document, diagnostics: loaded.diagnostics)
    }

    /// A clause catalog from a document already loaded from `source`.
    public static func load(_ table: NodeTable, source: SourceFile) -> Outcome {
        let loaded = SchemaValidator(root: CatalogFormat.root).load(table, file: source.path) {
            build($0, source)
        }
        return Outcome(catalog: loaded.document, diagnostics: loaded.diagnostics)
    }

    private static func build(_ value: Value, _ source: SourceFile) -> (Catalog?, [Diagnostic]) {
        guard let root = value.object else { return (nil, []) }
        var builder = Builder(source: source)
        let catalog = builder.catalog(root)
        return (catalog, builder.parser.diagnostics.sorted())
    }
}

private struct Builder {
    let source: SourceFile
    var parser: ConditionParser

    init(source: SourceFile) {
        self.source = source
        self.parser = ConditionParser(file: source.path)
    }

    func text(_ object: ObjectValue?, _ name: String) -> String { object?[name]?.string ?? "" }

    /// What `make` reads from each item of `list`, with the aliases the list and the item were
    /// reached through noted while it does: a check or an example pasted into a second clause by
    /// an alias is read again there, and its errors must say which use they are about.
    mutating func items<T>(_ list: Value?, _ make: (inout Builder, Value) -> T?) -> [T] {
        guard let list, let values = list.list else { return [] }
        let listAlias = parser.aliases.enter(list.range.start, if: list.isAliasCopy)
        defer { parser.aliases.leave(listAlias) }
        var made: [T] = []
        // Past the errors a file may give, the rest of the catalog is not read: its errors would not
        // be shown, and each costs (a misspelt path looks for the nearest field).
        for value in values where !parser.diagnostics.truncated {
            let itemAlias = parser.aliases.enter(value.range.start, if: value.isAliasCopy)
            if let item = make(&self, value) { made.append(item) }
            parser.aliases.leave(itemAlias)
        }
        return made
    }

    mutating func catalog(_ root: ObjectValue) -> Catalog {
        parser.diagnostics.append(contentsOf: Identifier.check(root, ["catalog"], noun: "catalog", file: source.path))
        let document = root["document"]?.object
        let reference = DocumentReference(
            title: text(document, "title"), reference: text(document, "reference"),
            version: text(document, "version"), url: document?["url"]?.string)
        let clauses = items(root["clauses"]) { builder, value in
            value.object.map { builder.clause($0, catalogID: builder.text(root, "catalog"), range: value.range) }
        }
        return Catalog(
            id: text(root, "catalog"), title: text(root, "title"), document: reference, clauses: clauses,
            source: source)
    }

    mutating func clause(_ object: ObjectValue, catalogID: String, range: SourceRange) -> Clause {
        parser.diagnostics.append(contentsOf: Identifier.check(object, ["id"], noun: "clause", file: source.path))
        let sourceObject = object["source"]?.object
        let checks = items(object["checks"]) { builder, value in
            value.object.flatMap { builder.check($0, range: value.range) }
        }
        let written = object["examples"]?.list ?? []
        let examples = items(object["examples"]) { builder, value in
            value.object.flatMap { builder.example($0, range: value.range) }
        }
        let id = text(object, "id")
        // When an example is refused, its own error says why; the rule below would only echo it.
        for needed in [Status.satisfied, .violated]
        where examples.count == written.count && !examples.contains(where: { $0.expect == needed }) {
            parser.error(
                range.start,
                "clause \(id) has no example that is \(needed.phrase); every clause needs at least one "
                    + "satisfied and one violated example")
        }
        let info = ClauseInfo(
            id: id, catalogID: catalogID, title: text(object, "title"), paraphrase: text(object, "paraphrase"),
            subjects: (object["subject"]?.list ?? []).compactMap { $0.string.flatMap(Subject.init(rawValue:)) },
            source: ClauseSource(
                document: text(sourceObject, "document"), version: text(sourceObject, "version"),
                section: text(sourceObject, "section")),
            severity: Severity(rawValue: text(object, "severity")) ?? .medium,
            rationale: text(object, "rationale"), recommendation: text(object, "recommendation"))
        return Clause(info: info, checks: checks, examples: examples, range: range)
    }

    mutating func check(_ object: ObjectValue, range: SourceRange) -> Check? {
        parser.diagnostics.append(contentsOf: Identifier.check(object, ["id"], noun: "check", file: source.path))
        let forEach = object["for_each"]?.string.flatMap(Check.Collection.init(rawValue:))
        let subject = forEach.flatMap { PathTyping.elementShape(of: $0.rawValue) } ?? PathTyping.rootShape
        let when = object["when"]?.raw.flatMap { parser.parse($0, subject: PathTyping.rootShape) }
        var whereCondition: Condition?
        if let node = object["where"]?.raw {
            if forEach == nil {
                parser.error(node.start, "'where' filters the elements of for_each; add for_each or remove where")
            }
            whereCondition = parser.parse(node, subject: subject)
        }
        if forEach == nil, let entry = object.entry("expect_some") {
            parser.error(entry.keyRange.start, "'expect_some' applies only with for_each")
        }
        guard let requireNode = object["require"]?.raw, let require = parser.parse(requireNode, subject: subject)
        else { return nil }
        return Check(
            id: text(object, "id"), title: text(object, "title"),
            severity: object["severity"]?.string.flatMap(Severity.init(rawValue:)), when: when, forEach: forEach,
            whereCondition: whereCondition, require: require, expectSome: object["expect_some"]?.boolean ?? false,
            range: range)
    }

    mutating func example(_ object: ObjectValue, range: SourceRange) -> Example? {
        guard let node = object["description"]?.raw, let expect = object["expect"]?.string.flatMap(Status.init) else {
            return nil
        }
        let outcome = DescriptionLoader.validate(
            node, source: source, mode: .fragment, reachedThrough: parser.aliases)
        parser.diagnostics.append(contentsOf: outcome.diagnostics.map { $0.prefixed("in an example: ") })
        guard let description = outcome.description else { return nil }
        return Example(
            expect: expect, note: text(object, "note"), description: description, range: range,
            aliases: parser.aliases)
    }
}

/// The catalogs a review runs against, with ids unique across them, and the MB prerequisite
/// catalogs found among the same files (which `mupj status` reads and a review does not use).
public struct CatalogSet: Sendable {
    public var catalogs: [Catalog]
    public var prerequisites: [PrerequisiteCatalog]

    public init(catalogs: [Catalog], prerequisites: [PrerequisiteCatalog] = []) {
        self.catalogs = catalogs
        self.prerequisites = prerequisites
    }

    /// Loads every file, reporting all problems; clause and prerequisite ids must be unique across
    /// catalogs. A file whose root mapping has `prerequisites` is a prerequisite catalog
    /// (`PrerequisiteCatalogLoader`); any other is a clause catalog. With `requireClauses` (a
    /// review), the set needs at least one clause catalog; otherwise any catalog will do.
    public static func load(_ sources: [SourceFile], limits: LoadLimits = .default, requireClauses: Bool = true)
        -> (set: CatalogSet?, diagnostics: [Diagnostic])
    {
        var catalogs: [Catalog] = []
        var prerequisites: [PrerequisiteCatalog] = []
        var diagnostics: [Diagnostic] = []
        var seen: [String: (id: String, file: String, location: SourceLocation)] = [:]
        var seenCatalogs: [String: (id: String, file: String, location: SourceLocation)] = [:]
        // Ids are unique across every loaded catalog, clauses and prerequisites alike, and without
        // regard to case: `explain` finds a clause that way, and anchors in the reports are made
        // from them. (`t-1` beside `T-1` could never be explained, and a link opened the other.)
        func register(
            _ noun: String, _ id: String, _ location: SourceLocation, _ file: String,
            in table: inout [String: (id: String, file: String, location: SourceLocation)]
        ) {
            let key = id.lowercased()
            if let first = table[key] {
                let written = first.id == id ? "" : " (as \(first.id))"
                diagnostics.append(
                    Diagnostic(
                        file: file, location: location,
                        message: "\(noun) id \(id) is already defined\(written) in \(first.file) at line "
                            + "\(first.location.line)"))
            } else {
                table[key] = (id, file, location)
            }
        }
        for source in sources {
            let table: NodeTable
            do {
                table = try source.loadTable(limits: limits)
            } catch {
                diagnostics.append(error)
                continue
            }
            if PrerequisiteCatalogLoader.claims(table) {
                let outcome = PrerequisiteCatalogLoader.load(table, source: source)
                diagnostics += outcome.diagnostics
                guard let catalog = outcome.catalog else { continue }
                for prerequisite in catalog.prerequisites {
                    register("prerequisite", prerequisite.id, prerequisite.range.start, source.path, in: &seen)
                }
                prerequisites.append(catalog)
                continue
            }
            let outcome = CatalogLoader.load(table, source: source)
            diagnostics += outcome.diagnostics
            guard let catalog = outcome.catalog else { continue }
            register("catalog", catalog.id, .start, source.path, in: &seenCatalogs)
            for clause in catalog.clauses { register("clause", clause.id, clause.range.start, source.path, in: &seen) }
            catalogs.append(catalog)
        }
        if requireClauses, catalogs.isEmpty, let first = prerequisites.first {
            diagnostics.append(
                Diagnostic(
                    file: first.file, location: nil,
                    message: "holds MB prerequisites only; a review needs at least one clause catalog"))
        }
        let enough = requireClauses ? !catalogs.isEmpty : !(catalogs.isEmpty && prerequisites.isEmpty)
        let ok = enough && !diagnostics.contains { $0.severity == .error }
        return (ok ? CatalogSet(catalogs: catalogs, prerequisites: prerequisites) : nil, diagnostics)
    }

    /// The `*.yaml` and `*.yml` regular files directly in `directory`, in name order, loaded as one set. A
    /// directory or an entry that cannot be read is a diagnostic, and then there is no set.
    public static func load(directory: String, limits: LoadLimits = .default)
        -> (set: CatalogSet?, diagnostics: [Diagnostic])
    {
        guard let listed = FileKind.entries(of: directory, endingWith: [".yaml", ".yml"]) else {
            return (nil, [Diagnostic(file: directory, location: nil, message: "cannot read the directory")])
        }
        let (sources, problems) = SourceFile.read(listed.files, maxBytes: limits.maxBytes)
        let unreadable = listed.problems + problems
        let (set, diagnostics) = load(sources, limits: limits)
        return (unreadable.isEmpty ? set : nil, unreadable + diagnostics)
    }

    public func clause(_ id: String) -> (catalog: Catalog, clause: Clause)? {
        for catalog in catalogs {
            if let clause = catalog.clauses.first(where: { $0.id.caseInsensitiveCompare(id) }) {
                return (catalog, clause)
            }
        }
        return nil
    }
}

extension String {
    fileprivate func caseInsensitiveCompare(_ other: String) -> Bool { lowercased() == other.lowercased() }
}
