import DocumentSchema
import YAMLDocument

/// Reads a prerequisite catalog with located errors, like `CatalogLoader` for clause catalogs. A
/// catalog with any error is not used.
public enum PrerequisiteCatalogLoader {
    public struct Outcome: Sendable {
        public var catalog: PrerequisiteCatalog?
        public var diagnostics: [Diagnostic]
    }

    /// The key that marks a prerequisite catalog (a clause catalog has `clauses` instead).
    public static let marker = "prerequisites"

    /// Whether a loaded document is a prerequisite catalog rather than a clause catalog.
    public static func claims(_ table: NodeTable) -> Bool {
        table.value(forKey: marker, in: NodeTable.root) != nil
    }

    public static func load(_ source: SourceFile, limits: LoadLimits = .default) -> Outcome {
        let loaded = SchemaValidator(root: PrerequisiteCatalogFormat.root).load(source, limits: limits) {
            build($0, source)
        }
        return Outcome(catalog: loaded.document, diagnostics: loaded.diagnostics)
    }

    public static func load(_ table: NodeTable, source: SourceFile) -> Outcome {
        let loaded = SchemaValidator(root: PrerequisiteCatalogFormat.root).load(table, file: source.path) {
            build($0, source)
        }
        return Outcome(catalog: loaded.document, diagnostics: loaded.diagnostics)
    }

    private static func build(_ value: Value, _ source: SourceFile) -> (PrerequisiteCatalog?, [Diagnostic]) {
        guard let root = value.object else { return (nil, []) }
        var builder = PrerequisiteBuilder(file: source.path)
        let catalog = builder.catalog(root, source: source)
        return (catalog, builder.diagnostics.sorted())
    }
}

private struct PrerequisiteBuilder {
    let file: String
    /// At most `SchemaValidator.maxDiagnostics`, as the shape's errors.
    var diagnostics: CappedDiagnostics

    init(file: String) {
        self.file = file
        diagnostics = CappedDiagnostics(file: file)
    }

    static func containsDate(_ value: Value) -> Bool {
        switch value.content {
        case .date: return true
        case .list(let items): return items.contains(where: containsDate)
        case .object(let object): return object.entries.contains { containsDate($0.value) }
        default: return false
        }
    }

    mutating func error(_ location: SourceLocation, _ message: String) { diagnostics.error(location, message) }

    func text(_ object: ObjectValue?, _ name: String) -> String { object?[name]?.string ?? "" }

    func strings(_ value: Value?) -> [String] { value?.list?.compactMap(\.string) ?? [] }

    mutating func catalog(_ root: ObjectValue, source: SourceFile) -> PrerequisiteCatalog {
        let document = root["document"]?.object
        let reference = DocumentReference(
            title: text(document, "title"), reference: text(document, "reference"),
            version: text(document, "version"), url: document?["url"]?.string)
        // Past the errors a file may give, the rest is not read: its errors would not be shown.
        var prerequisites: [Prerequisite] = []
        for value in root["prerequisites"]?.list ?? [] where !diagnostics.truncated {
            if let made = value.object.flatMap({ prerequisite($0, range: value.range) }) { prerequisites.append(made) }
        }
        return PrerequisiteCatalog(
            id: text(root, "catalog"), title: text(root, "title"), document: reference,
            prerequisites: prerequisites, source: source)
    }

    mutating func prerequisite(_ object: ObjectValue, range: SourceRange) -> Prerequisite? {
        diagnostics.append(contentsOf: Identifier.check(object, ["id"], noun: "prerequisite", file: file))
        let id = text(object, "id")
        let originalList = object["original_list"]?.boolean ?? true
        var addition: PrerequisiteAddition?
        if let added = object.entry("added") {
            if originalList {
                error(added.keyRange.start, "'added' is for a prerequisite that was not in the original list")
            }
            let a = added.value.object
            addition = PrerequisiteAddition(by: text(a, "by"), date: text(a, "date"), note: a?["note"]?.string)
        } else if !originalList {
            error(range.start, "prerequisite \(id) is not in the original list; say who added it, and when, in 'added'")
        }
        guard let evidenceEntry = object.entry("evidence"),
            let evidence = evidence(evidenceEntry.value, id: id)
        else { return nil }
        let written = object["examples"]?.list ?? []
        let examples = written.compactMap { value in
            value.object.flatMap { example($0, range: value.range, evidence: evidence) }
        }
        // When an example is refused, its own error says why; the rule below would only echo it.
        for needed in [PrerequisiteState.met, .notMet]
        where examples.count == written.count && !examples.contains(where: { $0.expect == needed }) {
            error(
                range.start,
                "prerequisite \(id) has no example that is \(needed.phrase); every prerequisite needs at least one "
                    + "met and one not-met example")
        }
        let sourceObject = object["source"]?.object
        return Prerequisite(
            id: id, title: text(object, "title"), paraphrase: text(object, "paraphrase"),
            source: PrerequisiteSource(
                document: text(sourceObject, "document"), date: text(sourceObject, "date"),
                section: text(sourceObject, "section")),
            originalList: originalList, addition: addition, evidence: evidence,
            decidedBy: text(object, "decided_by"), examples: examples, range: range)
    }

    mutating func evidence(_ value: Value, id: String) -> PrerequisiteEvidence? {
        guard let object = value.object, let kind = object["kind"]?.string.flatMap(PrerequisiteEvidence.Kind.init)
        else { return nil }
        for entry in object.entries where entry.name != "kind" && entry.name != kind.parameter {
            error(
                entry.keyRange.start,
                "'\(entry.name)' does not apply to evidence of kind \(kind.rawValue)"
                    + (kind.parameter.map { "; it takes '\($0)'" } ?? "; it takes no parameter"))
        }
        var list: [String] = []
        if let parameter = kind.parameter {
            guard let entry = object.entry(parameter) else {
                error(value.range.start, "evidence of kind \(kind.rawValue) needs '\(parameter)'")
                return nil
            }
            list = strings(entry.value)
            var seen = Set<String>()
            for item in entry.value.list ?? [] where !seen.insert(item.string ?? "").inserted {
                error(item.range.start, "'\(item.display)' is listed twice in \(parameter)")
            }
        }
        switch kind {
        case .glexecReviews: return .glexecReviews(requiredBy: list)
        case .frameworkReviews: return .frameworkReviews(representatives: list)
        case .batchSystemTests: return .batchSystemTests(batchSystems: list)
        case .authorizationService: return .authorizationService(products: list)
        case .glexecDeployment: return .glexecDeployment
        }
    }

    mutating func example(_ object: ObjectValue, range: SourceRange, evidence: PrerequisiteEvidence)
        -> PrerequisiteExample?
    {
        guard let node = object["status"]?.raw, let expect = object["expect"]?.string.flatMap(PrerequisiteState.init)
        else { return nil }
        // Only framework reviews read findings verdicts; anywhere else they would be checked and
        // then ignored, and the example would not show what its author meant.
        if evidence.kind != .frameworkReviews, let verdicts = object.entry("verdicts") {
            error(
                verdicts.keyRange.start,
                "'verdicts' applies only to evidence of kind framework-reviews, not \(evidence.kind.rawValue)")
        }
        let validated = SchemaValidator(root: StatusFormat.root, mode: .fragment).validate(node, file: file)
        diagnostics.append(contentsOf: validated.diagnostics.map { $0.prefixed("in an example: ") })
        guard let status = validated.value else { return nil }
        if object["as_of"] == nil, !Self.containsDate(status) {
            error(range.start, "this example's fragment has no date; give the day to read it on in 'as_of'")
        }
        var verdicts: [ExampleVerdict] = []
        for v in (object["verdicts"]?.list ?? []).compactMap(\.object) {
            let (on, by) = (v.entry("signed_on"), v.entry("signed_by"))
            if (on == nil) != (by == nil), let given = on ?? by {
                error(
                    given.keyRange.start,
                    "a signed verdict has both signed_on and signed_by; this one has only \(on == nil ? "signed_by" : "signed_on")"
                )
            }
            if on != nil, let verdict = v.entry("verdict"), verdict.value.string == "review-incomplete" {
                error(verdict.value.range.start, "review-incomplete is a state of the review; nobody signs it")
            }
            verdicts.append(
                ExampleVerdict(
                    framework: text(v, "framework"), vo: text(v, "vo"), verdict: text(v, "verdict"),
                    describedOn: v["described_on"]?.string, signedOn: v["signed_on"]?.string,
                    signedBy: (v["signed_by"]?.list ?? []).compactMap(\.object).map {
                        ExampleSigner(name: text($0, "name"), organisation: text($0, "organisation"))
                    }))
        }
        return PrerequisiteExample(
            expect: expect, note: text(object, "note"), asOf: object["as_of"]?.string, verdicts: verdicts,
            status: status, range: range)
    }
}
