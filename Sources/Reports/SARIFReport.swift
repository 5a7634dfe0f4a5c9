import DocumentSchema
import PolicyCatalog
import ReviewEngine
import ReviewRecords
import YAMLDocument

/// SARIF 2.1.0, shaped as code-scanning services read it: one run, one rule per check
/// (`MUPJ-5/glexec-used`), one result per violated or needs-information finding, located in the
/// description by repository-relative path and region, fingerprinted by the finding id.
public enum SARIFReport {
    public static let version = "2.1.0"
    public static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
    public static let informationURI = "https://mupj.invalid/"
    public static let fingerprintKey = "mupjFindingId/v1"

    public static func render(_ context: ReportContext) -> String {
        String(decoding: ReportStream.joined { render(context, emit: $0) }, as: UTF8.self)
    }

    /// The report lent to `emit` in pieces of about `piece` bytes, between results:
    /// each result is made and written in turn, not all of them kept as one tree first (76 000
    /// results held 800 MB for a report of 164 MB).
    public static func render(
        _ context: ReportContext, piece: Int = JSONReport.piece, emit: (Span<UInt8>) -> Void
    ) {
        let result = context.result
        let rules = rules(result)
        let index = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($0.element.id, $0.offset) })
        let artifacts =
            result.catalogs.map { ($0.file, $0.sha256, "catalog") }
            + result.frameworks.map { ($0.file, $0.sha256, "description") }
            + context.tracking.files.map { ($0.path, $0.sha256, "tracking") }
        var out = JSONWriter()
        out.open(.object)
        out.member("$schema", schemaURI)
        out.member("version", version)
        out.key("runs")
        out.open(.array)
        out.nextItem()
        out.open(.object)
        out.member(
            "tool",
            .obj([
                (
                    "driver",
                    .obj([
                        ("name", .string("mupj")),
                        ("version", .string(result.toolVersion)),
                        ("semanticVersion", .string(result.toolVersion)),
                        ("informationUri", .string(informationURI)),
                        ("rules", .array(rules.map(rule))),
                    ])
                )
            ]))
        out.member("columnKind", "unicodeCodePoints")
        out.member(
            "artifacts",
            .array(
                artifacts.map { file, sha, role in
                    .obj([
                        ("location", .obj([("uri", .string(Paths.uri(file)))])),
                        ("hashes", .obj([("sha-256", .string(sha))])),
                        ("properties", .obj([("mupjRole", .string(role))])),
                    ])
                }))
        out.key("results")
        out.open(.array)
        for framework in context.frameworks {
            let (review, tracking) = (framework.review, framework.tracking)
            let sameFacts = SameFacts(review)
            for clause in review.clauses {
                for finding in clause.findings {
                    guard let outcome = Outcome(finding.status, finding.severity) else { continue }
                    out.nextItem()
                    out.value(
                        self.result(
                            finding, in: review, outcome: outcome, ruleIndex: index[finding.ruleID]!,
                            judgement: tracking.judgement(of: finding), sameFacts: sameFacts.others(of: finding)))
                    if out.pendingBytes >= piece { out.handOver(emit) }
                }
            }
        }
        out.close(.array)
        out.close(.object)
        out.close(.array)
        out.close(.object)
        out.raw("\n")
        out.handOver(emit)
    }

    /// A rule: one check of one clause, with what the catalog says about it.
    struct Rule {
        var id: String
        var checkID: String
        var title: String
        var severity: Severity
        var clause: ClauseInfo
    }

    /// Every check that any framework was evaluated against, in catalog order. The catalog
    /// summary in the result lists clauses, not checks, so the checks are those the findings
    /// name (every check yields a finding for every framework, even when it does not apply).
    static func rules(_ result: ReviewResult) -> [Rule] {
        var rules: [Rule] = []
        var seen: Set<String> = []
        for catalog in result.catalogs {
            for clause in catalog.clauses {
                // A clause's findings read in place, each check's run of findings once: flattening
                // every framework's findings for every clause took most of the SARIF report's time
                // on a description of 30 000 channels.
                for review in result.frameworks {
                    for clauseResult in review.clauses where clauseResult.clause.id == clause.id {
                        var previous: String?
                        for finding in clauseResult.findings where finding.checkID != previous {
                            previous = finding.checkID
                            let id = finding.ruleID
                            guard seen.insert(id).inserted else { continue }
                            rules.append(
                                Rule(
                                    id: id, checkID: finding.checkID, title: finding.title, severity: finding.severity,
                                    clause: clause))
                        }
                    }
                }
            }
        }
        return rules
    }

    /// What a result is (SARIF's `kind`, §3.27.9) and how severe (`level`, §3.27.10). A violated
    /// finding is a failure, an error when high or critical and a warning otherwise. A
    /// needs-information finding is `open`: the description does not say enough to decide the
    /// check either way, and SARIF requires the level of any kind but `fail` to be `none`, so
    /// the finding's severity is in the result's properties only. Satisfied and not-applicable
    /// findings are not results.
    public struct Outcome: Equatable, Sendable {
        public var kind: String
        public var level: String

        public init?(_ status: Status, _ severity: Severity) {
            switch status {
            case .violated: (kind, level) = ("fail", SARIFReport.defaultLevel(severity))
            case .needsInformation: (kind, level) = ("open", "none")
            case .satisfied, .notApplicable: return nil
            }
        }
    }

    static func defaultLevel(_ severity: Severity) -> String { severity >= .high ? "error" : "warning" }

    /// The score code-scanning services sort security results by (0-10).
    static func securitySeverity(_ severity: Severity) -> String {
        switch severity {
        case .critical: return "9.5"
        case .high: return "8.0"
        case .medium: return "5.5"
        case .low: return "3.0"
        }
    }

    static func rule(_ rule: Rule) -> JSON {
        let clause = rule.clause
        let text =
            "\(clause.paraphrase)\n\nWhy it matters: \(clause.rationale)\n\nRecommendation: \(clause.recommendation)"
            + "\n\nSource: \(clause.source.description)."
        var markdown = "**\(Escape.markdown(clause.id)): \(Escape.markdown(clause.title))**\n\n"
        markdown += "\(Escape.markdown(clause.paraphrase))\n\n"
        markdown += "Check: \(Escape.markdown(rule.title))\n\n"
        markdown += "Why it matters: \(Escape.markdown(clause.rationale))\n\n"
        markdown += "Recommendation: \(Escape.markdown(clause.recommendation))\n\n"
        markdown += "Source: \(Escape.markdown(clause.source.description))."
        let tags = ["security", "mupj", clause.catalogID, clause.id] + clause.subjects.map { "subject:" + $0.rawValue }
        return .obj([
            ("id", .string(rule.id)),
            ("name", .string(pascalCase(clause.id + "-" + rule.checkID))),
            ("shortDescription", .obj([("text", .string(rule.title))])),
            ("fullDescription", .obj([("text", .string("\(clause.id) \(clause.title): \(clause.paraphrase)"))])),
            ("help", .obj([("text", .string(text)), ("markdown", .string(markdown))])),
            ("defaultConfiguration", .obj([("level", .string(defaultLevel(rule.severity)))])),
            (
                "properties",
                .obj([
                    ("severity", .string(rule.severity.rawValue)),
                    ("security-severity", .string(securitySeverity(rule.severity))),
                    ("tags", .array(tags.map(JSON.string))),
                ])
            ),
        ])
    }

    /// One result; a finding the reviewers judged is suppressed (SARIF's word for a result not to
    /// be acted on, with who decided it and why), as code-scanning services show a dismissed alert.
    static func result(
        _ finding: Finding, in review: FrameworkReview, outcome: Outcome, ruleIndex: Int, judgement: Judgement? = nil,
        sameFacts: SameFacts.Others? = nil
    ) -> JSON {
        let subject = finding.subject.map { " [\($0)]" } ?? ""
        let lead = finding.status == .violated ? "Violated" : "Needs information"
        // The locations are the listed places only; the message says how many more there were.
        let unlisted = finding.unlistedPlaces > 0 ? " (\(Wording.unlisted(finding.unlistedPlaces)).)" : ""
        // Every result names its framework, cut as a finding quotes a value: a name of megabytes
        // was written whole into each of thousands of results.
        let (name, vo) = (Value.shown(review.name), Value.shown(review.vo))
        // The id ends the message: it is what `mupj judge` takes, and code-scanning services show
        // the message, not the fingerprints.
        let message =
            "\(name) (\(vo))\(subject): \(lead): \(finding.title) Found: \(finding.message)\(unlisted) "
            + "Finding \(finding.id)."
        var locations = finding.evidence.map { location($0.file, $0.range.start, $0.range.end) }
        if locations.isEmpty {
            // Nothing in the description was consulted: point at its first line.
            locations = [location(review.file, .start, .start)]
        }
        return .obj([
            ("ruleId", .string(finding.ruleID)),
            ("ruleIndex", .int(ruleIndex)),
            ("kind", .string(outcome.kind)),
            ("level", .string(outcome.level)),
            ("message", .obj([("text", .string(message))])),
            ("locations", .array(locations)),
            ("partialFingerprints", .obj([(fingerprintKey, .string(finding.id))])),
            ("suppressions", judgement.map { .array([suppression($0)]) }),
            (
                "properties",
                .obj([
                    ("framework", .string(name)),
                    ("vo", .string(vo)),
                    ("status", .string(finding.status.rawValue)),
                    ("severity", .string(finding.severity.rawValue)),
                    ("subject", finding.subject.map(JSON.string)),
                    (
                        "sameFacts",
                        sameFacts.map {
                            .obj([
                                ("findings", .array($0.links.map { .string($0.id) })), ("unlisted", .int($0.unlisted)),
                            ])
                        }
                    ),
                ])
            ),
        ])
    }

    static func suppression(_ j: Judgement) -> JSON {
        .obj([
            ("kind", .string("external")),
            ("status", .string("accepted")),
            ("justification", .string("\(j.kind.phrase): \(j.justification)")),
            ("location", location(j.file, j.location, j.location)),
            (
                "properties",
                .obj([
                    ("judgement", .string(j.kind.rawValue)),
                    ("reviewer", .string(j.reviewer.name)),
                    ("organisation", .string(j.reviewer.organisation)),
                    ("date", .string(j.date.description)),
                ])
            ),
        ])
    }

    static func location(_ file: String, _ start: SourceLocation, _ end: SourceLocation) -> JSON {
        // SARIF's endColumn is the column after the region, as the engine's ranges are; an empty
        // region still needs endColumn ≥ startColumn on the same line.
        let endLine = max(end.line, start.line)
        let endColumn = endLine == start.line ? max(end.column, start.column) : end.column
        return .obj([
            (
                "physicalLocation",
                .obj([
                    ("artifactLocation", .obj([("uri", .string(Paths.uri(file)))])),
                    (
                        "region",
                        .obj([
                            ("startLine", .int(start.line)),
                            ("startColumn", .int(start.column)),
                            ("endLine", .int(endLine)),
                            ("endColumn", .int(endColumn)),
                        ])
                    ),
                ])
            )
        ])
    }

    /// `MUPJ-5-glexec-used` → `Mupj5GlexecUsed`.
    static func pascalCase(_ text: String) -> String {
        text.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
            .map { $0.prefix(1).uppercased() + $0.dropFirst().lowercased() }
            .joined()
    }
}
