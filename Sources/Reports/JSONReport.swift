import DocumentSchema
import PolicyCatalog
import ReviewEngine
import ReviewRecords
import YAMLDocument

/// The complete result as JSON, schema `mupj-report/1` (documented in docs/report-json.md).
/// Everything any other format shows is in here.
public enum JSONReport {
    public static let schemaID = "mupj-report/1"

    public static func render(_ context: ReportContext) -> String {
        json(context).rendered()
    }

    public static func json(_ context: ReportContext) -> JSON {
        let result = context.result
        return .obj([
            ("schema", .string(schemaID)),
            ("tool", .obj([("name", .string("mupj")), ("version", .string(result.toolVersion))])),
            ("date", context.date.map(JSON.string)),
            ("catalogs", .array(result.catalogs.map(catalog))),
            ("frameworks", .array(result.frameworks.map { framework($0, context: context) })),
        ])
    }

    static func catalog(_ c: CatalogInfo) -> JSON {
        .obj([
            ("id", .string(c.id)),
            ("title", .string(c.title)),
            (
                "document",
                .obj([
                    ("title", .string(c.document.title)), ("reference", .string(c.document.reference)),
                    ("version", .string(c.document.version)), ("url", c.document.url.map(JSON.string)),
                ])
            ),
            ("file", .string(c.file)),
            ("sha256", .string(c.sha256)),
            ("clauses", .array(c.clauses.map(clause))),
        ])
    }

    static func clause(_ c: ClauseInfo) -> JSON {
        .obj([
            ("id", .string(c.id)),
            ("catalog", .string(c.catalogID)),
            ("title", .string(c.title)),
            ("paraphrase", .string(c.paraphrase)),
            ("subjects", .array(c.subjects.map { .string($0.rawValue) })),
            (
                "source",
                .obj([
                    ("document", .string(c.source.document)), ("version", .string(c.source.version)),
                    ("section", .string(c.source.section)),
                ])
            ),
            ("severity", .string(c.severity.rawValue)),
            ("rationale", .string(c.rationale)),
            ("recommendation", .string(c.recommendation)),
        ])
    }

    static func framework(_ f: FrameworkReview, context: ReportContext) -> JSON {
        let counts = Counts(f)
        let verdict = FindingsVerdict(f)
        return .obj([
            ("name", .string(f.name)),
            ("vo", .string(f.vo)),
            ("file", .string(f.file)),
            ("sha256", .string(f.sha256)),
            ("description_version", .string(f.descriptionVersion)),
            ("described_on", .string(f.describedOn)),
            ("status", .string(counts.overall.rawValue)),
            ("clause_status_counts", counts.json(counts.clausesByStatus)),
            ("finding_status_counts", counts.json(counts.findingsByStatus)),
            ("open_findings_by_severity", counts.json(counts.openBySeverity)),
            (
                "verdict",
                .obj([
                    ("value", .string(verdict.verdict.rawValue)),
                    ("phrase", .string(verdict.verdict.phrase)),
                    ("sign_off_pending", .bool(verdict.signOffPending)),
                    ("reasons", .array(verdict.reasons.map { .string($0.id) })),
                ])
            ),
            (
                "clauses",
                .array(
                    f.clauses.map { c in
                        .obj([
                            ("catalog", .string(c.clause.catalogID)),
                            ("clause", .string(c.clause.id)),
                            ("status", .string(c.status.rawValue)),
                            ("findings", .array(c.findings.map { finding($0, context: context) })),
                        ])
                    })
            ),
        ])
    }

    static func finding(_ f: Finding, context: ReportContext) -> JSON {
        .obj([
            ("id", .string(f.id)),
            ("rule", .string(Wording.ruleID(f))),
            ("check", .string(f.checkID)),
            ("title", .string(f.title)),
            ("severity", .string(f.severity.rawValue)),
            ("status", .string(f.status.rawValue)),
            ("subject", f.subject.map(JSON.string)),
            ("message", .string(f.message)),
            ("recommendation", .string(f.recommendation)),
            ("evidence", .array(f.evidence.map { evidence($0, context: context) })),
            ("trace", .array(f.trace.map(observation))),
        ])
    }

    static func location(_ l: SourceLocation) -> JSON {
        .obj([("line", .int(l.line)), ("column", .int(l.column)), ("offset", .int(l.offset))])
    }

    static func evidence(_ e: Evidence, context: ReportContext) -> JSON {
        let quote = context.quote(e, limit: e.state == .absent ? 1 : 5)
        return .obj([
            ("file", .string(e.file)),
            ("start", location(e.range.start)),
            ("end", location(e.range.end)),
            ("path", .string(e.path)),
            ("state", .string(e.state.rawValue)),
            ("value", .string(e.value)),
            ("reason", e.reason.map(JSON.string)),
            ("sources", e.sources.isEmpty ? nil : .array(e.sources.map(JSON.string))),
            (
                "quote",
                quote.map { quote in
                    .obj([
                        (
                            "lines",
                            .array(
                                quote.lines.map { line in
                                    .obj([
                                        ("line", .int(line.number)),
                                        ("text", .string(line.text)),
                                        ("marked", .string(e.state == .absent ? "" : line.marked)),
                                    ])
                                })
                        ),
                        ("omitted_lines", .int(e.state == .absent ? 0 : quote.omitted)),
                    ])
                }
            ),
        ])
    }

    static func observation(_ o: Observation) -> JSON {
        .obj([
            ("phase", .string(o.phase.rawValue)),
            ("test", .string(o.test.words(negated: false))),
            ("result", .string(o.truth.rawValue)),
            (
                "reached",
                .array(
                    o.reached.map { place in
                        .obj([
                            ("path", .string(place.path)),
                            ("state", .string(place.stateName)),
                            ("value", place.display.map(JSON.string)),
                            ("line", .int(place.range.start.line)),
                            ("column", .int(place.range.start.column)),
                        ])
                    })
            ),
        ])
    }
}

extension Reached {
    var stateName: String {
        switch state {
        case .known: return "stated"
        case .unknown: return "unknown"
        case .absent: return "absent"
        }
    }

    var display: String? {
        switch state {
        case .known(let v): return v.display
        case .unknown: return "unknown"
        case .absent: return nil
        }
    }
}
