import DocumentSchema
import YAMLDocument

// The WLCG MB prerequisites for multi-user pilot jobs (domain brief §2), as a catalog file of its
// own shape (top-level `prerequisites:` instead of `clauses:`), and the format of the status file
// whose dated evidence decides them. The status format lives here, next to the catalog, because
// every catalog example is a status fragment and is validated when the catalog is loaded; the
// decision itself (met, partly met, not met) is made downstream, in ReviewRecords.

/// How far a prerequisite is met on a given day.
public enum PrerequisiteState: String, Sendable, Hashable, CaseIterable, Codable {
    /// Everything the prerequisite asks for is in evidence.
    case met
    /// Some of it is in evidence, not all.
    case partlyMet = "partly-met"
    /// None of it is in evidence.
    case notMet = "not-met"

    public var phrase: String {
        switch self {
        case .met: return "met"
        case .partlyMet: return "partly met"
        case .notMet: return "not met"
        }
    }
}

/// A catalog of prerequisites: the conditions under which the MB policy comes into effect.
public struct PrerequisiteCatalog: Sendable {
    public var id: String
    public var title: String
    public var document: DocumentReference
    public var prerequisites: [Prerequisite]
    public var source: SourceFile

    public var file: String { source.path }
}

public struct Prerequisite: Sendable {
    public var id: String
    public var title: String
    /// The condition in our own words.
    public var paraphrase: String
    public var source: PrerequisiteSource
    /// Whether it is one of the four of the MB policy of November 2007; `false` for a condition
    /// the MB added later (gLExec deployed at the sites, 24 November 2009).
    public var originalList: Bool
    /// Who added it and when, for a prerequisite that was not in the original list.
    public var addition: PrerequisiteAddition?
    /// Which part of the status file decides it, with the parameters of the rule.
    public var evidence: PrerequisiteEvidence
    /// What evidence decides it, in words, for readers of the catalog and of reports.
    public var decidedBy: String
    public var examples: [PrerequisiteExample]
    public var range: SourceRange
}

public struct PrerequisiteSource: Sendable, Hashable, CustomStringConvertible {
    public var document: String
    /// The date of the document (YYYY-MM-DD).
    public var date: String
    public var section: String

    public var description: String { "\(document), \(date), \(section)" }
}

public struct PrerequisiteAddition: Sendable, Hashable {
    public var by: String
    /// YYYY-MM-DD.
    public var date: String
    public var note: String?
}

/// The evidence rule of a prerequisite: a section of the status file and what must be found there.
public enum PrerequisiteEvidence: Sendable, Hashable {
    /// A positive gLExec security review by each of these organisations (`glexec_reviews`).
    case glexecReviews(requiredBy: [String])
    /// Per framework, a positive recommendation signed by reviewers from each of these organisations
    /// (`framework_reviews`), not contradicted by a do-not-recommend findings verdict.
    case frameworkReviews(representatives: [String])
    /// A passing integration test for each of these batch systems (`batch_system_tests`).
    case batchSystemTests(batchSystems: [String])
    /// One of these products reaching completed, certified and deployed, in that order
    /// (`authorization_service`).
    case authorizationService(products: [String])
    /// gLExec deployed at the sites (`glexec_deployment`).
    case glexecDeployment

    public enum Kind: String, Sendable, CaseIterable {
        case glexecReviews = "glexec-reviews"
        case frameworkReviews = "framework-reviews"
        case batchSystemTests = "batch-system-tests"
        case authorizationService = "authorization-service"
        case glexecDeployment = "glexec-deployment"

        /// The catalog key that carries the rule's list parameter, if it has one.
        var parameter: String? {
            switch self {
            case .glexecReviews: return "required_by"
            case .frameworkReviews: return "representatives"
            case .batchSystemTests: return "batch_systems"
            case .authorizationService: return "products"
            case .glexecDeployment: return nil
            }
        }
    }

    public var kind: Kind {
        switch self {
        case .glexecReviews: return .glexecReviews
        case .frameworkReviews: return .frameworkReviews
        case .batchSystemTests: return .batchSystemTests
        case .authorizationService: return .authorizationService
        case .glexecDeployment: return .glexecDeployment
        }
    }
}

/// A worked example: a status fragment, the day it is read on, and the state it must produce.
public struct PrerequisiteExample: Sendable {
    public var expect: PrerequisiteState
    public var note: String
    /// The day to evaluate on; by default the latest date in the fragment.
    public var asOf: String?
    /// Findings verdicts to apply (framework reviews only).
    public var verdicts: [ExampleVerdict]
    /// The validated fragment (shape `StatusFormat.root`, fragment mode).
    public var status: Value
    public var range: SourceRange
}

/// A findings verdict written into an example, standing in for a `mupj review` result.
public struct ExampleVerdict: Sendable, Hashable {
    public var framework: String
    public var vo: String
    /// One of `StatusFormat.Words.verdicts` (the raw values of ReviewRecords' `Verdict`).
    public var verdict: String
    public var describedOn: String?
    /// The day of the last signature, when the example stands in for a verdict the reviewers
    /// signed (mupj sign-off); nil for a verdict not signed.
    public var signedOn: String?
    public var signedBy: [ExampleSigner]
}

/// A reviewer who signed an example's verdict.
public struct ExampleSigner: Sendable, Hashable {
    public var name: String
    /// One of `StatusFormat.Words.reviewerOrganisations`.
    public var organisation: String
}

// MARK: - The status file format

/// Format `mupj-status/1` of the status file (reviews/prerequisites.yaml): dated evidence entries,
/// each citing its source. Documented in docs/prerequisites.md.
public enum StatusFormat {
    public static let identifier = "mupj-status/1"

    public enum Words {
        public static let organisations = ["EGEE", "OSG"]
        public static let reviewerOrganisations = ["EGEE", "OSG", "VO", "other"]
        public static let reviewOutcomes = ["positive", "negative", "pending"]
        public static let batchSystems = ["BQS", "PBS", "PBS Pro", "Condor", "LSF", "SGE"]
        public static let testResults = ["pass", "fail", "in-progress", "planned"]
        public static let products = ["LCAS/LCMAPS", "SCAS", "Argus", "GUMS"]
        public static let serviceStates = ["in-development", "completed", "certified", "deployed"]
        /// The states PRE-4 asks for, in the order they must be reached.
        public static let requiredServiceStates = ["completed", "certified", "deployed"]
        public static let deploymentStates = ["not-started", "in-progress", "done"]
        public static let suspensions = [
            "identity-switching", "individual-user-banning", "fine-grained-traceability", "site-approval",
        ]
        public static let verdicts = [
            "recommend", "recommend-with-conditions", "do-not-recommend", "review-incomplete",
        ]
    }

    static let glexecReview = ObjectShape(
        "gLExec review", doc: "A security review of gLExec by the security team of a grid infrastructure.",
        fields: [
            Field("by", .enumeration(Words.organisations), unknown: false, doc: "Whose security team reviewed."),
            Field("outcome", .enumeration(Words.reviewOutcomes), unknown: false, doc: "Outcome of the review."),
            inferred,
            Field("date", .date, unknown: false, doc: "Date of the outcome."),
            Field("reference", .text, doc: "The review document or the meeting it was reported at."),
        ])

    /// Where a source says less than an entry (a review done, not how it came out; tests done, not
    /// with which systems), what the entry says is the describer's reading, and every report must
    /// say so rather than state it as fact.
    static let inferred = Field(
        "inferred", .boolean, required: false, unknown: false,
        doc: "true when no source states what the entry says (its outcome, result or state) and it is inferred "
            + "(the notes say from what); reports then call it inferred. Default false.")

    static let batchSystemTest = ObjectShape(
        "batch-system test", doc: "An integration test of gLExec with a batch system.",
        fields: [
            Field("batch_system", .enumeration(Words.batchSystems), unknown: false, doc: "The batch system tested."),
            Field("site", .string, doc: "Where it was tested, or, for a planned test, who is to test it."),
            Field("date", .date, unknown: false, doc: "Date of the result."),
            Field(
                "result", .enumeration(Words.testResults), unknown: false,
                doc: "Result of the test; planned: a tester is named, and no source says the test has started."),
            inferred,
        ])

    static let authorizationService = ObjectShape(
        "authorization-service state",
        doc: "A state reached by the server version of LCAS/LCMAPS (SCAS, Argus) or its OSG counterpart (GUMS).",
        fields: [
            Field("product", .enumeration(Words.products), unknown: false, doc: "The service."),
            Field("state", .enumeration(Words.serviceStates), unknown: false, doc: "The state reached."),
            Field("date", .date, unknown: false, doc: "Date it was reached (or first reported)."),
            inferred,
        ])

    static let glexecDeployment = ObjectShape(
        "gLExec deployment state", doc: "How far gLExec is deployed at the sites.",
        fields: [
            Field("state", .enumeration(Words.deploymentStates), unknown: false, doc: "Deployment state."),
            Field("date", .date, unknown: false, doc: "Date of the statement."),
            Field("coverage", .text, required: false, doc: "Which sites, how many."),
            inferred,
        ])

    static let reviewer = ObjectShape(
        "reviewer", doc: "A member of the framework review team.", annotations: false,
        fields: [
            Field("name", .string, unknown: false, doc: "Name."),
            Field(
                "organisation", .enumeration(Words.reviewerOrganisations), unknown: false,
                doc: "Whom the reviewer represents."),
        ])

    static let frameworkReview = ObjectShape(
        "framework review", doc: "The recommendation on the security of one pilot job framework.",
        fields: [
            Field("framework", .string, unknown: false, doc: "Framework name, as in its description."),
            Field("vo", .string, unknown: false, doc: "The VO that runs it."),
            Field("outcome", .enumeration(Words.reviewOutcomes), unknown: false, doc: "The recommendation."),
            inferred,
            Field("date", .date, unknown: false, doc: "Date of the outcome."),
            Field(
                "reviewers", .list(.object(reviewer), minCount: 1),
                doc: "Who reviewed (signed); write unknown when not on record."),
        ])

    static let assessment = ObjectShape(
        "MB assessment", doc: "The status of one prerequisite as the MB reported it.",
        fields: [
            Field("prerequisite", .string, unknown: false, doc: "Prerequisite id, e.g. PRE-4."),
            Field("status", .enumeration(PrerequisiteState.allCases.map(\.rawValue)), unknown: false, doc: "Status."),
        ])

    static let mbDecision = ObjectShape(
        "MB decision", doc: "A decision or statement of the WLCG Management Board.",
        fields: [
            Field("date", .date, unknown: false, doc: "Date of the meeting."),
            Field("summary", .text, unknown: false, doc: "What was decided, in our words."),
            Field(
                "policy_in_effect", .boolean, required: false, unknown: false,
                doc: "The MB declared the policy in effect (true) or not in effect (false) from this date."),
            Field(
                "assessment", .list(.object(assessment), minCount: 1), required: false, unknown: false,
                doc: "The status of each prerequisite as the MB reported it."),
        ])

    static let exceptionWindow = ObjectShape(
        "exception window", doc: "A period in which the MB suspended part of the policy.", idField: "id",
        fields: [
            Field("id", .string, unknown: false, doc: "Identifier, unique among windows."),
            Field("from", .date, unknown: false, doc: "First day (inclusive)."),
            Field("to", .date, unknown: false, doc: "Last day (inclusive)."),
            Field(
                "suspends", .list(.enumeration(Words.suspensions), minCount: 1), unknown: false,
                doc: "What is suspended."),
            Field(
                "conditions", .list(.text, minCount: 1), unknown: false,
                doc: "Conditions attached, e.g. the VO answers for problems."),
            Field("decision", .text, unknown: false, doc: "The decision that granted it."),
        ])

    public static let root = ObjectShape(
        "status file", doc: "Dated evidence on the MB prerequisites.", annotations: false,
        fields: [
            Field("format", .constant(identifier), unknown: false, doc: "Always \(identifier)."),
            Field(
                "glexec_reviews", .list(.object(glexecReview), minCount: 0), required: false, unknown: false,
                doc: "gLExec security reviews (PRE-1)."),
            Field(
                "batch_system_tests", .list(.object(batchSystemTest), minCount: 0), required: false, unknown: false,
                doc: "gLExec integration tests per batch system (PRE-3)."),
            Field(
                "authorization_service", .list(.object(authorizationService), minCount: 0), required: false,
                unknown: false, doc: "States of the server LCAS/LCMAPS and its successors (PRE-4)."),
            Field(
                "glexec_deployment", .list(.object(glexecDeployment), minCount: 0), required: false, unknown: false,
                doc: "gLExec deployment at the sites (PRE-5)."),
            Field(
                "framework_reviews", .list(.object(frameworkReview), minCount: 0), required: false, unknown: false,
                doc: "Framework security reviews (PRE-2)."),
            Field(
                "mb_decisions", .list(.object(mbDecision), minCount: 0), required: false, unknown: false,
                doc: "MB decisions and statements."),
            Field(
                "exception_windows", .list(.object(exceptionWindow), minCount: 0), required: false, unknown: false,
                doc: "Periods in which part of the policy was suspended."),
        ])
}

// MARK: - The catalog file format

enum PrerequisiteCatalogFormat {
    static let source = ObjectShape(
        "prerequisite source", doc: "Where the prerequisite is stated.", annotations: false,
        fields: [
            Field("document", .string, unknown: false, doc: "The document or meeting."),
            Field("date", .date, unknown: false, doc: "Its date."),
            Field("section", .string, unknown: false, doc: "Slide or section."),
        ])

    static let addition = ObjectShape(
        "addition", doc: "Who added a prerequisite that was not in the original list.", annotations: false,
        fields: [
            Field("by", .string, unknown: false, doc: "Who added it."),
            Field("date", .date, unknown: false, doc: "When."),
            Field("note", .text, required: false, unknown: false, doc: "How."),
        ])

    static let evidence = ObjectShape(
        "evidence rule", doc: "The status file section that decides the prerequisite.", annotations: false,
        fields: [
            Field(
                "kind", .enumeration(PrerequisiteEvidence.Kind.allCases.map(\.rawValue)), unknown: false,
                doc: "Which evidence decides it."),
            Field(
                "required_by", .list(.enumeration(StatusFormat.Words.organisations), minCount: 1), required: false,
                unknown: false, doc: "glexec-reviews: the organisations whose positive review is needed."),
            Field(
                "representatives", .list(.enumeration(StatusFormat.Words.organisations), minCount: 1),
                required: false, unknown: false,
                doc: "framework-reviews: the organisations that must be among the reviewers."),
            Field(
                "batch_systems", .list(.enumeration(StatusFormat.Words.batchSystems), minCount: 1), required: false,
                unknown: false, doc: "batch-system-tests: the batch systems that need a passing test."),
            Field(
                "products", .list(.enumeration(StatusFormat.Words.products), minCount: 1), required: false,
                unknown: false, doc: "authorization-service: the products that count."),
        ])

    static let verdict = ObjectShape(
        "findings verdict", doc: "A framework's findings verdict, standing in for a review result.",
        annotations: false,
        fields: [
            Field("framework", .string, unknown: false, doc: "Framework name."),
            Field("vo", .string, unknown: false, doc: "Its VO."),
            Field("verdict", .enumeration(StatusFormat.Words.verdicts), unknown: false, doc: "The verdict."),
            Field("described_on", .date, required: false, unknown: false, doc: "Date of the description."),
            Field(
                "signed_on", .date, required: false, unknown: false,
                doc: "For a verdict the reviewers signed (mupj sign-off): the day of the last signature. With "
                    + "signed_by."),
            Field(
                "signed_by", .list(.object(StatusFormat.reviewer), minCount: 1), required: false, unknown: false,
                doc: "Who signed it. With signed_on."),
        ])

    static let example = ObjectShape(
        "prerequisite example", doc: "A status fragment and the state the prerequisite must have.",
        annotations: false,
        fields: [
            Field(
                "expect", .enumeration(PrerequisiteState.allCases.map(\.rawValue)), unknown: false,
                doc: "Expected state."),
            Field("note", .text, required: false, unknown: false, doc: "What the example shows."),
            Field("as_of", .date, required: false, unknown: false, doc: "Day to evaluate on."),
            Field(
                "verdicts", .list(.object(verdict), minCount: 1), required: false, unknown: false,
                doc: "Findings verdicts to apply."),
            Field("status", .custom("a status file fragment (format mupj-status/1)"), unknown: false, doc: "Fragment."),
        ])

    static let prerequisite = ObjectShape(
        "prerequisite", doc: "One condition of the MB policy.", idField: "id", annotations: false,
        fields: [
            Field("id", .string, unknown: false, doc: "Id, e.g. PRE-1."),
            Field("title", .string, unknown: false, doc: "Short title."),
            Field("paraphrase", .text, unknown: false, doc: "The condition in our words."),
            Field("source", .object(source), unknown: false, doc: "Where it is stated."),
            Field("original_list", .boolean, unknown: false, doc: "One of the four of November 2007."),
            Field("added", .object(addition), required: false, unknown: false, doc: "For a later addition."),
            Field("evidence", .object(evidence), unknown: false, doc: "The evidence rule."),
            Field("decided_by", .text, unknown: false, doc: "What evidence decides it, in words."),
            Field("examples", .list(.object(example), minCount: 2), unknown: false, doc: "Worked examples."),
        ])

    static let root = ObjectShape(
        "prerequisite catalog", doc: "The MB prerequisites.", annotations: false,
        fields: [
            Field("catalog", .string, unknown: false, doc: "Catalog id."),
            Field("title", .string, unknown: false, doc: "Title."),
            Field("document", .object(CatalogFormat.document), unknown: false, doc: "The policy."),
            Field("prerequisites", .list(.object(prerequisite), minCount: 1), unknown: false, doc: "The conditions."),
        ])
}

// MARK: - Loading

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
